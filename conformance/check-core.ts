/**
 * What every check shares, whether it judges a response (`check.ts`) or an OpenAPI document
 * (`spec/check.ts`): when it runs, what its outcome becomes as a result, and how a check that throws
 * is reported. Both sides ask this module, so a result reads the same whichever side made it.
 */
import { InputError } from '../schemas/errors.js';
import type { BodyKind, Level, Profile } from '../schemas/types.js';
import type { CheckOutcome, Finding, FindingInput, Skip } from './findings.js';
import { clipFinding, isSkip } from './findings.js';
import { CLIP_LENGTH, clip } from './untrusted.js';

export const skip = (reason: string): Skip => ({ skip: reason });
export const pass: readonly FindingInput[] = Object.freeze([]);

/** How many argument lists a remembering finding builder keeps: a run repeats a few mistakes many times. */
const REMEMBERED_CALLS = 8;

const sameArguments = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

// A long text quotes the response, which no other response shares: keeping it would only hold memory.
const quotesResponse = (args: readonly unknown[]): boolean => args.some((arg) => typeof arg === 'string' && arg.length > CLIP_LENGTH);

/**
 * A finding builder that builds its findings once for the same arguments (compared with `===`; the
 * last few lists kept): a run that repeats one mistake on thousands of responses gets the same texts
 * without building them again, and without holding a copy of each. The findings are frozen and
 * shared, which is safe because the core stamps a copy of each for every response.
 */
export function rememberFindings<Args extends readonly unknown[]>(build: (...args: Args) => FindingInput[]): (...args: Args) => readonly FindingInput[] {
  const calls: Array<{ args: Args; findings: readonly FindingInput[] }> = [];
  return (...args) => {
    for (const call of calls) if (sameArguments(call.args, args)) return call.findings;
    const findings = Object.freeze(build(...args).map((finding) => Object.freeze(finding)));
    if (quotesResponse(args)) return findings;
    if (calls.length === REMEMBERED_CALLS) calls.pop();
    calls.unshift({ args, findings });
    return findings;
  };
}

export type CheckResult =
  | { checkId: string; level: Level; outcome: 'pass' }
  | { checkId: string; level: Level; outcome: 'skip'; reason: string }
  | { checkId: string; level: Level; outcome: 'fail'; findings: Finding[] };

/** What the core needs to know of a check, live or spec. */
export interface CheckTraits<Context> {
  id: string;
  level: Level;
  /** Profiles whose bodies the check understands; all when undefined. */
  bodyKinds: readonly BodyKind[] | undefined;
  /**
   * The skip reason when a context lacks what the check needs (a probe's expectation, an operation);
   * undefined when any context will do.
   */
  lacking: string | undefined;
  /** The check's judgement, called with the check as `this`. */
  judge: (this: unknown, context: Context) => CheckOutcome;
  /** `this` for `judge`: the check's own definition. */
  owner: unknown;
}

/**
 * One check's fixed answers: its shared pass result and its skip results by reason. Pass and skip
 * results carry no data of their own, so one frozen object serves every response and operation.
 * Every record has one shape, where the definitions have one each.
 */
export interface CheckRecord<Context> extends CheckTraits<Context> {
  pass: CheckResult;
  skips: Map<string, CheckResult>;
  /** The last skip reason met, and its result: most responses of a run skip a check for the same reason. */
  lastReason: string | undefined;
  lastSkip: CheckResult | undefined;
}

// Skip reasons are nearly always the same few sentences; the cap bounds those that quote what was judged.
const MAX_SKIPS_KEPT = 256;

/** A function giving each definition its record, made on first use and kept as long as the definition. */
export function recordsOf<Definition extends object, Context>(traitsOf: (definition: Definition) => CheckTraits<Context>): (definition: Definition) => CheckRecord<Context> {
  const records = new WeakMap<Definition, CheckRecord<Context>>();
  return (definition) => {
    let record = records.get(definition);
    if (!record) records.set(definition, (record = checkRecord(traitsOf(definition))));
    return record;
  };
}

function checkRecord<Context>(traits: CheckTraits<Context>): CheckRecord<Context> {
  return {
    id: traits.id,
    level: traits.level,
    bodyKinds: traits.bodyKinds,
    lacking: traits.lacking,
    judge: traits.judge,
    owner: traits.owner,
    pass: Object.freeze({ checkId: traits.id, level: traits.level, outcome: 'pass' as const }),
    skips: new Map(),
    lastReason: undefined,
    lastSkip: undefined,
  };
}

/**
 * The skip result for a reason, remembered as the check's last. A reason may quote the response or the
 * document (an unknown reason, a media type), which a server or an author controls: it is clipped as
 * findings are.
 */
function skipResult(record: CheckRecord<never>, reason: string): CheckResult {
  let result = record.skips.get(reason);
  if (!result) {
    result = Object.freeze({ checkId: record.id, level: record.level, outcome: 'skip' as const, reason: clip(reason) });
    // A reason too long to keep whole quotes what was judged, which no other response shares: not kept.
    if (reason.length > CLIP_LENGTH) return result;
    if (record.skips.size < MAX_SKIPS_KEPT) record.skips.set(reason, result);
  }
  record.lastReason = reason;
  record.lastSkip = result;
  return result;
}

/** A check's findings stamped with its id and level, their texts clipped: always fresh objects (see `rememberFindings`). */
export function stampFindings(record: CheckRecord<never>, outcome: readonly FindingInput[]): Finding[] {
  return outcome.map((finding) => clipFinding({ checkId: record.id, level: finding.level ?? record.level, ...finding } as Finding));
}

/** The result of the outcome of a check that ran. */
export function settle(record: CheckRecord<never>, outcome: CheckOutcome): CheckResult {
  if (isSkip(outcome)) {
    // Most often the check's last reason again: compared here, on every response, not in a call.
    const reason = outcome.skip;
    return reason === record.lastReason ? record.lastSkip! : skipResult(record, reason);
  }
  if (outcome.length === 0) return record.pass;
  return { checkId: record.id, level: record.level, outcome: 'fail', findings: stampFindings(record, outcome) };
}

/**
 * The result a check has without running: a skip for a profile it does not know, or for a context
 * without what it needs. Undefined when it must run.
 */
export function gate(record: CheckRecord<never>, profile: Profile, provided: boolean): CheckResult | undefined {
  if (record.bodyKinds && !record.bodyKinds.includes(profile.body.kind)) return skipResult(record, `not part of the ${profile.name} profile`);
  if (record.lacking !== undefined && !provided) return skipResult(record, record.lacking);
  return undefined;
}

/** The start of the skip reason of a check that threw: a bug of statuslint's, reported as such. */
export const CHECK_CRASHED = 'statuslint could not judge this response';

/** The skip reason of a check that threw this error. */
const crashedReason = (error: unknown): string => `${CHECK_CRASHED} (${clip(error instanceof Error ? error.message : String(error))}): a bug, please report it`;

/**
 * The result of a check that threw. An input error (a broken `$ref`, a bad profile) is the user's to
 * fix and ends the run; anything else is a bug of the check's, and costs its own verdict, not the run
 * and its output.
 */
function crashed(record: CheckRecord<never>, error: unknown): CheckResult {
  if (error instanceof InputError) throw error;
  return { checkId: record.id, level: record.level, outcome: 'skip', reason: crashedReason(error) };
}

/** Run one check on one context: its gate, then its judgement. A check that throws throws. */
export function runUnguarded<Context>(record: CheckRecord<Context>, context: Context, profile: Profile, provided: boolean): CheckResult {
  return gate(record, profile, provided) ?? settle(record, record.judge.call(record.owner, context));
}

/** Run one check on one context, a crash worded as its result. */
export function runGuarded<Context>(record: CheckRecord<Context>, context: Context, profile: Profile, provided: boolean): CheckResult {
  try {
    return runUnguarded(record, context, profile, provided);
  } catch (error) {
    return crashed(record, error);
  }
}
