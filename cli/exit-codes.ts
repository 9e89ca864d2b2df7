import type { FailOn } from '../schemas/config-schema.js';
import { countFindings, type Results } from '../conformance/results.js';
import { nothingCheckedReason } from '../conformance/verdict.js';

/** Exit codes, the same for every command. */
export const EXIT = {
  /** Clean: no findings at the failing level (`probe`: conformant). */
  ok: 0,
  /** Findings at the failing level (`probe`: not conformant), or a waiver past its date. */
  findings: 1,
  /**
   * Usage, input or output error: a bad flag, a missing or malformed file, a bad profile or config, a
   * report that cannot be written (a full disk, an unwritable `-o` file). A reader that closes standard
   * output early (`| head`) is none: the command keeps its own exit code.
   */
  usage: 2,
  /** The target did not answer. */
  unreachable: 3,
  /** statuslint itself failed (a bug): the message says so. */
  internal: 4,
  /** Nothing was checked: no response was judged, or no resource of a group named with `--group` was probed. */
  nothingChecked: 5,
  /** Stopped by Ctrl-C (128 + SIGINT), after writing what ran. */
  interrupted: 130,
} as const;

/**
 * What each command fails on without `--fail-on`: `probe` on its verdict (MUST findings, probes
 * without a response), `validate` and `spec` on any finding. `report` fails as the command that made
 * the results did, except that spec results fail on MUST findings there, as they always have.
 */
export const DEFAULT_FAIL_ON: Readonly<Record<Results['command'], FailOn>> = { probe: 'must', validate: 'should', spec: 'should' };
export const REPORT_DEFAULT_FAIL_ON: Readonly<Record<Results['command'], FailOn>> = { probe: 'must', validate: 'should', spec: 'must' };

/** Findings at the failing level, a probe or document without an answer (validate: a recorded failure is no finding), or an expired waiver. */
function fails(results: Results, failOn: Exclude<FailOn, 'never'>): boolean {
  const counts = countFindings(results);
  if (counts.MUST > 0 || (failOn === 'should' && counts.SHOULD > 0)) return true;
  if (results.command !== 'validate' && results.items.some((item) => item.error !== undefined)) return true;
  return (results.policy?.waivers ?? []).some((waiver) => waiver.expired);
}

/**
 * The exit code of a finished run: 130 when interrupted; 1 when it fails at `failOn` (`never`: never);
 * for probe and validate results, 5 when nothing was checked (no response judged); else 0. Findings known, waived or inherited never count.
 */
export function runExitCode(results: Results, failOn: FailOn): number {
  if (results.interrupted) return EXIT.interrupted;
  if (failOn !== 'never' && fails(results, failOn)) return EXIT.findings;
  // A document always has something to check (the document itself): spec results are never empty so.
  if (results.command !== 'spec' && nothingCheckedReason(results) !== undefined) return EXIT.nothingChecked;
  return EXIT.ok;
}

/** Worst first: a run that fails, then one stopped half-way, then one that checked nothing, then a clean one. */
const EXIT_SEVERITY: readonly number[] = [EXIT.findings, EXIT.interrupted, EXIT.nothingChecked, EXIT.ok];

/** The exit code of several runs (a fleet report): the worst of theirs. */
export const worstExitCode = (codes: readonly number[]): number => EXIT_SEVERITY.find((code) => codes.includes(code)) ?? EXIT.ok;
