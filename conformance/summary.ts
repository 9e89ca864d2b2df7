import type { Level } from '../schemas/types.js';
import { findingsOfItem, type Results } from './results.js';
import { isConformant, VERDICT_RULE } from './verdict.js';

export interface ProbeSummaryRow {
  probeId: string;
  ran: number;
  /** Responses with at least one failing check of the level. */
  failed: Record<Level, number>;
  errors: number;
}

/** Per-probe counts: how often each probe ran and how often its responses failed a MUST or SHOULD check. */
export function summarizeProbes(results: Results): ProbeSummaryRow[] {
  const rows = new Map<string, ProbeSummaryRow>();
  for (const item of results.items) {
    const id = item.probeId ?? 'passive';
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { probeId: id, ran: 0, failed: { MUST: 0, SHOULD: 0 }, errors: 0 }));
    row.ran++;
    if (item.error) row.errors++;
    const levels = new Set(findingsOfItem(item).map((f) => f.level));
    for (const level of levels) row.failed[level]++;
  }
  return [...rows.values()];
}

export function verdictOf(results: Results): { conformant: boolean; rule: string } {
  return { conformant: isConformant(results), rule: VERDICT_RULE };
}
