import github from './github.js';
import html from './html.js';
import json from './json.js';
import junit from './junit.js';
import markdown from './markdown.js';
import type { Reporter } from './reporter.js';
import sarif from './sarif.js';
import stylish from './stylish.js';

/** Every output format, in the order help text lists them. */
export const REPORTERS: ReadonlyMap<string, Reporter> = new Map([stylish, json, junit, sarif, markdown, html, github].map((r) => [r.name, r]));

/** `stylish, json, … or github`, for option help. */
export const formatNames = (): string => {
  const names = [...REPORTERS.keys()];
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
};

export type { Reporter, ReporterOptions } from './reporter.js';
