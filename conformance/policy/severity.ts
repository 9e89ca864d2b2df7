/**
 * A check's level is a default, not a law (as in Spectral rulesets and ESLint configs): a project sets
 * it to `must` or `should`, or turns the check `off`. A check turned off still ran, being pure, and its
 * result becomes a skip that says why, so no report counts it either way.
 */
import type { CheckResult } from '../check-core.js';
import type { ResultItem } from '../results.js';
import { LEVEL_OF_SEVERITY, type Severity } from './record.js';

/** The skip reason of a check turned off. */
export const turnedOffReason = (checkId: string, config: string): string => `turned off in ${config} (checks.${checkId}: off)`;

function withSeverity(result: CheckResult, severity: Severity, config: string): CheckResult {
  if (severity === 'off') return { checkId: result.checkId, level: result.level, outcome: 'skip', reason: turnedOffReason(result.checkId, config) };
  const level = LEVEL_OF_SEVERITY[severity];
  if (result.outcome !== 'fail') return { ...result, level };
  return { ...result, level, findings: result.findings.map((finding) => ({ ...finding, level })) };
}

/** The config's levels as one function of a response: the response itself when the config sets none of its checks'. */
export function openSeverities(severities: Readonly<Record<string, Severity>>, config: string): (item: ResultItem) => ResultItem {
  const ids = new Set(Object.keys(severities));
  // Most configs set no level: every response of a streamed run passes here, and none needs a copy.
  if (ids.size === 0) return (item) => item;
  return (item) =>
    item.checks.some((result) => ids.has(result.checkId))
      ? { ...item, checks: item.checks.map((result) => (ids.has(result.checkId) ? withSeverity(result, severities[result.checkId]!, config) : result)) }
      : item;
}

