/**
 * What a run says once, at the top of every report, instead of on each response: the profile
 * `--profile auto` picked, a profile most error bodies do not fit, and credentials an API needs that
 * were not given. Diagnostics are data in the results model (`diagnostics`); `diagnosticNotes` words
 * them for the reporters, which only render.
 */
import type { CheckResult } from './check.js';
import type { ResultItem, Results } from './results.js';

/** A shape seen in error bodies, as the notes quote it (`{detail}`), and how many bodies had it. */
export interface SeenShape {
  shape: string;
  count: number;
}

export type RunDiagnostic =
  | {
      /** `--profile auto` chose this profile from the first error bodies of the run. */
      kind: 'profile-picked';
      profile: string;
      fits: number;
      of: number;
      seen: SeenShape[];
    }
  | {
      /** Most error bodies do not have the profile's shape: one MUST finding of the run, in place of one on each response. */
      kind: 'profile-mismatch';
      level: 'MUST';
      profile: string;
      /** What the profile's bodies are, as a predicate: `are problem details`. */
      shape: string;
      fits: number;
      of: number;
      seen: SeenShape[];
      /** A built-in profile that fits more of them. */
      fitting?: { profile: string; fits: number };
      /** Responses whose findings on the body's shape this note stands for. */
      responses: number;
    }
  | {
      /** No credentials were given, and operations that need them answered 401 where a probe asked for another failure. */
      kind: 'credentials-missing';
      /** The operations that need credentials and answered 401, up to a few. */
      operations: string[];
      /** How many operations that is in all. */
      operationCount: number;
      responses: number;
    };

export type DiagnosticKind = RunDiagnostic['kind'];

/** One thing a report says about the run as a whole; `failing` ones count as a MUST finding. */
export interface DiagnosticNote {
  kind: DiagnosticKind;
  text: string;
  failing: boolean;
}

const plural = (count: number, word: string): string => `${count} ${count === 1 ? word : `${word}s`}`;

const seenText = (seen: readonly SeenShape[]): string => seen.map(({ shape, count }) => `${shape}${count > 1 ? ` (${count})` : ''}`).join(', ');

function noteText(diagnostic: RunDiagnostic): string {
  switch (diagnostic.kind) {
    case 'profile-picked':
      return `profile auto: ${diagnostic.profile}, which ${diagnostic.fits} of ${diagnostic.of} error ${diagnostic.of === 1 ? 'body' : 'bodies'} fit; seen: ${seenText(diagnostic.seen)}`;
    case 'profile-mismatch': {
      const better = diagnostic.fitting ? `; the ${diagnostic.fitting.profile} profile fits ${diagnostic.fitting.fits}: run with --profile ${diagnostic.fitting.profile}` : '; describe the shape in a profile file (--profile FILE)';
      const standsFor = diagnostic.responses > 0 ? ` (said once here for ${plural(diagnostic.responses, 'response')})` : '';
      return `${diagnostic.fits} of ${diagnostic.of} error bodies ${diagnostic.shape}${standsFor}; seen: ${seenText(diagnostic.seen)}${better}`;
    }
    case 'credentials-missing': {
      const more = diagnostic.operationCount > diagnostic.operations.length ? ', …' : '';
      const which = `${diagnostic.operations.join(', ')}${more}`;
      return `no credentials were given, and ${plural(diagnostic.operationCount, 'operation')} that need${diagnostic.operationCount === 1 ? 's' : ''} them (${which}) answered 401 to ${plural(diagnostic.responses, 'probe')} that asked for another failure: not held against the server; give --token, --basic-auth or -H`;
    }
  }
}

/** The run's diagnostics in sentences, in the order they were made. */
export function diagnosticNotes(results: Pick<Results, 'diagnostics'>): DiagnosticNote[] {
  return (results.diagnostics ?? []).map((diagnostic) => ({ kind: diagnostic.kind, text: noteText(diagnostic), failing: diagnostic.kind === 'profile-mismatch' }));
}

/** How many MUST findings the run's diagnostics count as: a wrong profile is one. */
export const diagnosticMustFindings = (results: Pick<Results, 'diagnostics'>): number => (results.diagnostics ?? []).filter((d) => d.kind === 'profile-mismatch').length;

/** Said on a response in place of blaming the server for a 401 that only says credentials are missing. */
export const SAID_ONCE_CREDENTIALS = 'no credentials were given and the operation needs them: its 401 is said once for the run (credentials missing), not held against the server';

/** How many operations the note names; the rest are counted. */
const OPERATIONS_NAMED = 4;

export interface CredentialsContext {
  /** Credentials (`--token`, `--basic-auth`, `-H`) were given. */
  given: boolean;
  /** The operations whose effective `security` requires a scheme, by title (`DELETE /items/{item_id}`). */
  secured: ReadonlySet<string>;
  /** The status of a failed authentication, from the catalog. */
  unauthenticated: number;
}

/** The checks that judge a response against what its probe asked for (status, code): on an unauthenticated 401, each blames the server for the caller. */
export const EXPECTATION_CHECKS: ReadonlySet<string> = new Set(['status-code-expected', 'reason-expected', 'causes-expected', 'details-match-request', 'condition-expected', 'allow-header']);

const wrongfully401 = (item: ResultItem, context: CredentialsContext): boolean =>
  item.operation !== undefined &&
  context.secured.has(item.operation) &&
  item.response?.status === context.unauthenticated &&
  item.expected !== undefined &&
  item.expected.status !== context.unauthenticated;

const skipped = (result: CheckResult): CheckResult => ({ checkId: result.checkId, level: result.level, outcome: 'skip', reason: SAID_ONCE_CREDENTIALS });

/**
 * The results with a note when no credentials were given and secured operations answered 401 where a
 * probe asked for another failure: the probe's checks on those responses become skips pointing at the
 * note. The response's own checks (its body, its media type) still judge it.
 */
export function withCredentialsNote(results: Results, context: CredentialsContext): Results {
  if (context.given) return results;
  const operations: string[] = [];
  let responses = 0;
  const items = results.items.map((item) => {
    if (!wrongfully401(item, context)) return item;
    responses++;
    if (!operations.includes(item.operation!)) operations.push(item.operation!);
    return { ...item, checks: item.checks.map((result) => (result.outcome === 'fail' && EXPECTATION_CHECKS.has(result.checkId) ? skipped(result) : result)) };
  });
  if (responses === 0) return results;
  const note: RunDiagnostic = { kind: 'credentials-missing', operations: operations.slice(0, OPERATIONS_NAMED), operationCount: operations.length, responses };
  return { ...results, items, diagnostics: [...(results.diagnostics ?? []), note] };
}
