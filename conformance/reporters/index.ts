import json from './json.js';
import type { Reporter } from './reporter.js';
import stylish from './stylish.js';

export const REPORTERS: ReadonlyMap<string, Reporter> = new Map([json, stylish].map((r) => [r.name, r]));
export type { Reporter, ReporterOptions } from './reporter.js';
