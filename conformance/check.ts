import type { BodyKind, Level, Profile, ProfileDocument } from '../schemas/types.js';
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
  /** How many responses of the run carried each request id. */
  requestIds?: Record<string, number>;
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

/**
 * What one check answers without running: its shared pass result and its skip results by reason.
 * Pass and skip results carry no data of their own, so one frozen object serves every response.
 */
interface CheckRecord {
  check: CheckDefinition;
  // Copied from the definition: every record has one shape, where the definitions have one each.
  scope: CheckDefinition['scope'];
  bodyKinds: readonly BodyKind[] | undefined;
  run: CheckDefinition['run'];
  pass: CheckResult;
  skips: Map<string, CheckResult>;
  /** The last skip reason returned, and its result: most responses of a run skip for the same reason. */
  lastReason: string | undefined;
  lastSkip: CheckResult | undefined;
  /** The last profile the check met, and its skip when the check does not know that profile's bodies. */
  profile: Profile | undefined;
  outsideProfile: CheckResult | undefined;
}

const records = new WeakMap<CheckDefinition, CheckRecord>();
function recordOf(check: CheckDefinition): CheckRecord {
  let record = records.get(check);
  if (!record) {
    record = {
      check,
      scope: check.scope,
      bodyKinds: check.bodyKinds,
      run: check.run,
      pass: Object.freeze({ checkId: check.id, level: check.level, outcome: 'pass' as const }),
      skips: new Map(),
      lastReason: undefined,
      lastSkip: undefined,
      profile: undefined,
      outsideProfile: undefined,
    };
    records.set(check, record);
  }
  return record;
}

// Skip reasons are nearly always the same few sentences: keep one frozen result per check and reason.
function skipOf(record: CheckRecord, reason: string): CheckResult {
  let result = record.skips.get(reason);
  if (!result) {
    result = Object.freeze({ checkId: record.check.id, level: record.check.level, outcome: 'skip' as const, reason });
    if (record.skips.size < 256) record.skips.set(reason, result);
  }
  return result;
}

function run(record: CheckRecord, context: CheckContext): CheckResult {
  const check = record.check;
  const profile = context.compiled.profile;
  if (profile !== record.profile) {
    record.outsideProfile = record.bodyKinds && !record.bodyKinds.includes(profile.body.kind) ? skipOf(record, `not part of the ${profile.name} profile`) : undefined;
    record.profile = profile;
  }
  if (record.outsideProfile) return record.outsideProfile;
  if (record.scope === 'probe' && !context.expectation) return skipOf(record, 'no expectation (passive response)');
  const outcome = record.run.call(check, context);
  if (isSkip(outcome)) {
    const reason = outcome.skip;
    if (reason !== record.lastReason) {
      record.lastSkip = skipOf(record, reason);
      record.lastReason = reason;
    }
    return record.lastSkip!;
  }
  if (outcome.length === 0) return record.pass;
  return {
    checkId: check.id,
    level: check.level,
    outcome: 'fail',
    findings: outcome.map((f) => ({ checkId: check.id, level: f.level ?? check.level, ...f }) as Finding),
  };
}

/** Run one check: a skip for a profile it does not know, findings stamped with its id and level. */
export function runCheck(check: CheckDefinition, context: CheckContext): CheckResult {
  return run(recordOf(check), context);
}

// The records of a list of checks, looked up once per list rather than once per check and response.
const lists = new WeakMap<readonly CheckDefinition[], readonly CheckRecord[]>();
let lastList: readonly CheckDefinition[] | undefined;
let lastRecords: readonly CheckRecord[] = [];

/** Run every check of a list on one context, in order. */
export function runChecks(checks: readonly CheckDefinition[], context: CheckContext): CheckResult[] {
  let cached = checks === lastList ? lastRecords : lists.get(checks);
  if (!cached) lists.set(checks, (cached = checks.map(recordOf)));
  lastList = checks;
  lastRecords = cached;
  const results = new Array<CheckResult>(checks.length);
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i]!;
    const record = cached[i];
    // A caller's list may have changed since it was first seen.
    results[i] = run(record !== undefined && record.check === check ? record : recordOf(check), context);
  }
  return results;
}
