import type { BodyKind, Level, ProfileDocument } from '../schemas/types.js';
import type { CheckContext } from './context.js';
import type { Expectation } from './expectation.js';
import type { CheckOutcome, Finding, FindingInput, Skip } from './findings.js';
import { isSkip } from './findings.js';

export interface CheckDefinition {
  /** Stable kebab-case id, also the file name and the doc page name. */
  id: string;
  title: string;
  level: Level;
  /** One sentence: what must hold. */
  description: string;
  /** Profiles whose bodies the check understands; all when omitted. */
  bodyKinds?: readonly BodyKind[];
  /** `passive` checks judge any response; `probe` checks need an expectation. */
  scope: 'passive' | 'probe';
  /** A response that fails the check: its doc page shows the exact finding it produces. */
  example: CheckExample;
  run(context: CheckContext): CheckOutcome;
}

export interface CheckExample {
  /** A built-in profile name or an inline profile document (default `kubernetes`). */
  profile?: string | ProfileDocument;
  status?: number;
  headers?: Record<string, string>;
  /** A parsed body, or raw text with `text`. */
  body?: unknown;
  text?: string;
  watchEvent?: boolean;
  /** For probe checks: what the probe expected. */
  expectation?: Expectation;
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  return Object.freeze(definition);
}

export const skip = (reason: string): Skip => ({ skip: reason });
export const pass: readonly FindingInput[] = Object.freeze([]);

export type CheckResult =
  | { checkId: string; level: Level; outcome: 'pass' }
  | { checkId: string; level: Level; outcome: 'skip'; reason: string }
  | { checkId: string; level: Level; outcome: 'fail'; findings: Finding[] };

// Pass results carry no data of their own: one frozen object per check serves every response.
const passes = new WeakMap<CheckDefinition, CheckResult>();
const passOf = (check: CheckDefinition): CheckResult => {
  let result = passes.get(check);
  if (!result) passes.set(check, (result = Object.freeze({ checkId: check.id, level: check.level, outcome: 'pass' as const })));
  return result;
};

// Skip reasons are nearly always the same few sentences: keep one frozen result per check and reason.
const skips = new WeakMap<CheckDefinition, Map<string, CheckResult>>();
function skipOf(check: CheckDefinition, reason: string): CheckResult {
  let byReason = skips.get(check);
  if (!byReason) skips.set(check, (byReason = new Map()));
  let result = byReason.get(reason);
  if (!result) {
    result = Object.freeze({ checkId: check.id, level: check.level, outcome: 'skip' as const, reason });
    if (byReason.size < 256) byReason.set(reason, result);
  }
  return result;
}

/** Run one check: a skip for a profile it does not know, findings stamped with its id and level. */
export function runCheck(check: CheckDefinition, context: CheckContext): CheckResult {
  const base = { checkId: check.id, level: check.level };
  if (check.bodyKinds && !check.bodyKinds.includes(context.compiled.profile.body.kind)) {
    return skipOf(check, `not part of the ${context.compiled.profile.name} profile`);
  }
  if (check.scope === 'probe' && !context.expectation) return skipOf(check, 'no expectation (passive response)');
  const outcome = check.run(context);
  if (isSkip(outcome)) return skipOf(check, outcome.skip);
  if (outcome.length === 0) return passOf(check);
  return {
    ...base,
    outcome: 'fail',
    findings: outcome.map((f) => ({ checkId: check.id, level: f.level ?? check.level, ...f }) as Finding),
  };
}
