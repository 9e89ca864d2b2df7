/**
 * Every generated doc page, from one source per kind of unit, rendered by one page builder so that
 * all pages say the same things the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../schemas/index.js';
import { type DocPage, renderGenerated, renderMarked } from './page.js';
import { apiProbePages } from './sources/api-probes.js';
import { catalogPages } from './sources/catalog.js';
import { checkPages } from './sources/checks.js';
import { probePages } from './sources/probes.js';
import { rulePages } from './sources/rules.js';
import { specCheckPages } from './sources/spec-checks.js';

const SOURCES: ReadonlyArray<() => DocPage[]> = [catalogPages, checkPages, probePages, apiProbePages, rulePages, specCheckPages];

/** A hand-written page as it is now; `undefined` before it is written. */
function existing(path: string): string | undefined {
  try {
    return readFileSync(join(packageRoot(), path), 'utf8');
  } catch {
    return undefined;
  }
}

const render = (page: DocPage): string => ('blocks' in page ? renderGenerated(page) : renderMarked(page, existing(page.path)));

/** Each page as path (relative to the package root) → content. */
export function docFiles(): Array<{ path: string; content: string }> {
  return SOURCES.flatMap((source) => source()).map((page) => ({ path: page.path, content: render(page) }));
}
