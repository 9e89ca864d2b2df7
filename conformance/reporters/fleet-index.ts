import type { FleetReporter } from './fleet-reporter.js';
import fleetHtml from './fleet-html.js';
import fleetJson from './fleet-json.js';
import fleetMarkdown from './fleet-markdown.js';

/** The formats a fleet report (several results files) is written in; the others take one run. */
export const FLEET_REPORTERS: ReadonlyMap<string, FleetReporter> = new Map([fleetJson, fleetMarkdown, fleetHtml].map((reporter) => [reporter.name, reporter]));

export type { FleetReporter } from './fleet-reporter.js';
