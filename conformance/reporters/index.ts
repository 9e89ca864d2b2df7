import github from './github.js';
import html from './html.js';
import json from './json.js';
import junit from './junit.js';
import markdown from './markdown.js';
import { FORMAT_NAMES, type FormatName } from './names.js';
import type { Reporter } from './reporter.js';
import sarif from './sarif.js';
import stylish from './stylish.js';

// Keyed by name so that the compiler requires a reporter for every name FORMAT_NAMES lists.
const BY_NAME: Readonly<Record<FormatName, Reporter>> = { stylish, json, junit, sarif, markdown, html, github };

/** Every output format, in the order help text lists them. */
export const REPORTERS: ReadonlyMap<string, Reporter> = new Map(FORMAT_NAMES.map((name) => [name, BY_NAME[name]]));

export { formatNames, FORMAT_NAMES, type FormatName } from './names.js';
export { isKept, type Kept, type Piece, type Reporter, type ReporterOptions, type ReportStream, SECTION_START, type SectionEnd } from './reporter.js';
