import type { FleetReporter } from './reporter.js';
import fleetHtml from './html.js';
import fleetJson from './json.js';
import fleetMarkdown from './markdown.js';

/** The formats a fleet report (several results files) is written in; the others take one run. */
export const FLEET_REPORTERS: ReadonlyMap<string, FleetReporter> = new Map([fleetJson, fleetMarkdown, fleetHtml].map((reporter) => [reporter.name, reporter]));

export type { FleetReporter } from './reporter.js';
