import { findingsOfItem, type Results } from './results.js';

export const VERDICT_RULE = 'Conformant when no MUST-level check fails and every probe got a response; SHOULD-level findings are reported but do not decide the verdict.';

export function isConformant(results: Results): boolean {
  return results.items.every((item) => !item.error && findingsOfItem(item).every((f) => f.level !== 'MUST'));
}
