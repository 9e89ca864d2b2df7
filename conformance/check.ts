import type { BodyKind, Level, Profile, ProfileDocument } from '../schemas/types.js';
import type { CheckContext } from './context.js';
import type { Expectation } from './expectation.js';
import type { CheckOutcome, Finding, FindingInput, Skip } from './findings.js';
import { clipFinding, isSkip } from './findings.js';
import { clip } from './untrusted.js';

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

/** Stamp a check's findings with its id and level, their server-sent values clipped. */
function findingsOfOutcome(check: CheckDefinition, outcome: readonly FindingInput[]): Finding[] {
  return outcome.map((f) => clipFinding({ checkId: check.id, level: f.level ?? check.level, ...f } as Finding));
}

/** The result of an outcome of a check that ran. */
function settle(record: CheckRecord, outcome: CheckOutcome): CheckResult {
  if (isSkip(outcome)) {
    const reason = outcome.skip;
    if (reason !== record.lastReason) {
      record.lastSkip = skipOf(record, reason);
      record.lastReason = reason;
    }
    return record.lastSkip!;
  }
  if (outcome.length === 0) return record.pass;
  return { checkId: record.check.id, level: record.check.level, outcome: 'fail', findings: findingsOfOutcome(record.check, outcome) };
}

/** The result a check has without running on a context: a skip for a profile it does not know, or for want of an expectation. */
function gateOf(record: CheckRecord, profile: Profile, expecting: boolean): CheckResult | undefined {
  if (record.bodyKinds && !record.bodyKinds.includes(profile.body.kind)) return skipOf(record, `not part of the ${profile.name} profile`);
  if (record.scope === 'probe' && !expecting) return skipOf(record, 'no expectation (passive response)');
  return undefined;
}

// One check on its own: compiled lists work their gates out once per profile instead.
function run(record: CheckRecord, context: CheckContext): CheckResult {
  return gateOf(record, context.compiled.profile, context.expectation !== undefined) ?? settle(record, record.run.call(record.check, context));
}

/** Run one check: a skip for a profile it does not know, findings stamped with its id and level. */
export function runCheck(check: CheckDefinition, context: CheckContext): CheckResult {
  return run(recordOf(check), context);
}

/**
 * A frozen list of checks compiled to two functions, like ajv compiles a schema: one call site per check,
 * so that each site sees one function and V8 calls it directly (a loop over the list calls through one
 * site that sees every check, the slowest kind of call). The source is made from indices only.
 */
interface CompiledChecks {
  results: (context: CheckContext) => CheckResult[];
  findings: (context: CheckContext) => Finding[];
}

/** Gates of one list for one profile: without and with an expectation. */
type Gates = [readonly (CheckResult | undefined)[], readonly (CheckResult | undefined)[]];

function compileChecks(checks: readonly CheckDefinition[]): CompiledChecks {
  const records = checks.map(recordOf);
  const gatesByProfile = new WeakMap<Profile, Gates>();
  let lastProfile: Profile | undefined;
  let lastGates: Gates | undefined;
  const gatesOf = (context: CheckContext): readonly (CheckResult | undefined)[] => {
    const profile = context.compiled.profile;
    if (profile !== lastProfile) {
      let gates = gatesByProfile.get(profile);
      if (!gates) {
        gates = [records.map((r) => gateOf(r, profile, false)), records.map((r) => gateOf(r, profile, true))];
        gatesByProfile.set(profile, gates);
      }
      lastProfile = profile;
      lastGates = gates;
    }
    return lastGates![context.expectation === undefined ? 0 : 1];
  };
  const n = records.length;
  const parameters = ['gatesOf', 'settle', 'stamp', 'isArray'];
  for (let i = 0; i < n; i++) parameters.push(`r${i}`, `c${i}`, `run${i}`);
  const results = [
    'return function results(context) {',
    '  const gates = gatesOf(context);',
    `  const out = new Array(${n});`,
    ...records.map((_, i) => `  out[${i}] = gates[${i}] ?? settle(r${i}, run${i}.call(c${i}, context));`),
    '  return out;',
    '};',
  ].join('\n');
  const findings = [
    'return function findings(context) {',
    '  const gates = gatesOf(context);',
    '  const found = [];',
    '  let outcome;',
    ...records.map((_, i) => `  if (gates[${i}] === undefined && isArray(outcome = run${i}.call(c${i}, context)) && outcome.length !== 0) for (const f of stamp(c${i}, outcome)) found.push(f);`),
    '  return found;',
    '};',
  ].join('\n');
  const values: unknown[] = [gatesOf, settle, findingsOfOutcome, Array.isArray];
  for (const record of records) values.push(record, record.check, record.run);
  const make = (source: string): unknown => new Function(...parameters, source)(...values);
  return {
    results: make(results) as CompiledChecks['results'],
    findings: make(findings) as CompiledChecks['findings'],
  };
}

const compiledLists = new WeakMap<readonly CheckDefinition[], CompiledChecks>();
let lastList: readonly CheckDefinition[] | undefined;
let lastCompiled: CompiledChecks | undefined;

/** The compiled form of a frozen list; a list that may still change runs check by check. */
function compiledOf(checks: readonly CheckDefinition[]): CompiledChecks | undefined {
  if (checks === lastList) return lastCompiled;
  if (!Object.isFrozen(checks)) return undefined;
  let found = compiledLists.get(checks);
  if (!found) compiledLists.set(checks, (found = compileChecks(checks)));
  lastList = checks;
  lastCompiled = found;
  return found;
}

/** The start of the skip reason of a check that threw: a bug of statuslint's, reported as such. */
export const CHECK_CRASHED = 'statuslint could not judge this response';

/** The skip reason of a check that threw this error. */
export const crashedReason = (error: unknown): string => `${CHECK_CRASHED} (${clip(error instanceof Error ? error.message : String(error))}): a bug, please report it`;

/** Run one check of a list; a check that throws costs its own verdict, not the run and its output. */
function runGuarded(record: CheckRecord, context: CheckContext): CheckResult {
  try {
    return run(record, context);
  } catch (error) {
    return { checkId: record.check.id, level: record.check.level, outcome: 'skip', reason: crashedReason(error) };
  }
}

/** Run every check of a list on one context, in order. */
export function runChecks(checks: readonly CheckDefinition[], context: CheckContext): CheckResult[] {
  const compiled = compiledOf(checks);
  if (compiled) {
    try {
      return compiled.results(context);
    } catch {
      // A check threw: judge again check by check, each guarded.
    }
  }
  const results = new Array<CheckResult>(checks.length);
  for (let i = 0; i < checks.length; i++) results[i] = runGuarded(recordOf(checks[i]!), context);
  return results;
}

/** The findings of every check of a list on one context, in order: what `runChecks` fails with, without the pass and skip results. */
export function findingsOfChecks(checks: readonly CheckDefinition[], context: CheckContext): Finding[] {
  const compiled = compiledOf(checks);
  if (compiled) {
    try {
      return compiled.findings(context);
    } catch {
      // As in runChecks.
    }
  }
  const found: Finding[] = [];
  for (const result of runChecks(checks, context)) if (result.outcome === 'fail') found.push(...result.findings);
  return found;
}
