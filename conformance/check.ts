import type { BodyKind, Level, Profile, ProfileDocument } from '../schemas/types.js';
import type { CheckContext } from './context.js';
import type { Expectation } from './expectation.js';
import { type CheckResult, type CheckTraits, gate, recordsOf, runGuarded, runUnguarded, settle, stampFindings } from './check-core.js';
import type { CheckOutcome, Finding } from './findings.js';

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
  /** A parsed body, or raw text with `text`, or raw bytes (base64) with `bytes`. */
  body?: unknown;
  text?: string;
  bytes?: string;
  watchEvent?: boolean;
  /** For probe checks: what the probe expected. */
  expectation?: Expectation;
  /** How many responses of the run carried each request id. */
  requestIds?: Record<string, number>;
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  return Object.freeze(definition);
}

export { CHECK_CRASHED, type CheckResult, pass, rememberFindings, skip } from './check-core.js';

const NO_EXPECTATION = 'no expectation (passive response)';

const recordOf = recordsOf(
  (check: CheckDefinition): CheckTraits<CheckContext> => ({
    id: check.id,
    level: check.level,
    bodyKinds: check.bodyKinds,
    lacking: check.scope === 'probe' ? NO_EXPECTATION : undefined,
    judge: check.run,
    owner: check,
  }),
);

/**
 * Run one check: a skip for a profile it does not know, findings stamped with its id and level. A check
 * that throws throws here, so that its tests and its doc page see the error; `runChecks` guards.
 */
export function runCheck(check: CheckDefinition, context: CheckContext): CheckResult {
  return runUnguarded(recordOf(check), context, context.compiled.profile, context.expectation !== undefined);
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
  // Gates depend on the profile and on whether there is an expectation: worked out once per profile,
  // and the last profile's kept at hand, since a run judges all its responses by one profile.
  const gatesByProfile = new WeakMap<Profile, Gates>();
  let lastProfile: Profile | undefined;
  let lastGates: Gates | undefined;
  const gatesOf = (context: CheckContext): readonly (CheckResult | undefined)[] => {
    const profile = context.compiled.profile;
    if (profile !== lastProfile) {
      let gates = gatesByProfile.get(profile);
      if (!gates) {
        gates = [records.map((r) => gate(r, profile, false)), records.map((r) => gate(r, profile, true))];
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
    ...records.map((_, i) => `  if (gates[${i}] === undefined && isArray(outcome = run${i}.call(c${i}, context)) && outcome.length !== 0) for (const f of stamp(r${i}, outcome)) found.push(f);`),
    '  return found;',
    '};',
  ].join('\n');
  const values: unknown[] = [gatesOf, settle, stampFindings, Array.isArray];
  for (const record of records) values.push(record, record.owner, record.judge);
  const make = (source: string): unknown => new Function(...parameters, source)(...values);
  return {
    results: make(results) as CompiledChecks['results'],
    findings: make(findings) as CompiledChecks['findings'],
  };
}

const compiledLists = new WeakMap<readonly CheckDefinition[], CompiledChecks>();
// A run judges every response with the same list: remember the last one compiled.
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

/** Run every check of a list on one context, in order; a check that throws costs its own verdict. */
export function runChecks(checks: readonly CheckDefinition[], context: CheckContext): CheckResult[] {
  const compiled = compiledOf(checks);
  if (compiled) {
    try {
      return compiled.results(context);
    } catch {
      // A check threw: judge again check by check, each guarded.
    }
  }
  const profile = context.compiled.profile;
  const expecting = context.expectation !== undefined;
  const results = new Array<CheckResult>(checks.length);
  for (let i = 0; i < checks.length; i++) results[i] = runGuarded(recordOf(checks[i]!), context, profile, expecting);
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
