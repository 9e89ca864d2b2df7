import type { FleetProblemRun, FleetReport, FleetState } from '../../fleet.js';
import type { SummaryVerdict } from '../../results.js';

/** A format of the fleet report (`statuslint report a.json b.json …`): pure, like every reporter. */
export interface FleetReporter {
  name: 'json' | 'markdown' | 'html';
  /** Pure: the same model gives the same text, with no I/O; in pieces, like the run reporters. */
  chunks(fleet: FleetReport): Iterable<string>;
}

/** A problem's subjects named in a cell at most; the rest are counted (the json report lists them all). */
export const SUBJECTS_NAMED = 3;

/** Problems listed per section at most in html and markdown; the json report has them all. */
export const PROBLEMS_LISTED = 200;

export const VERDICT_WORDS: Readonly<Record<SummaryVerdict, string>> = {
  conformant: 'conformant',
  'not-conformant': 'not conformant',
  'nothing-checked': 'nothing checked',
  interrupted: 'interrupted',
};

export const STATE_WORDS: Readonly<Record<FleetState, string>> = {
  found: 'found',
  'not-found': 'not found',
  'set-apart': 'set apart',
  'not-checked': 'not checked',
};

/** `configmaps, secrets, services and 12 more`. */
export function subjectsText(cell: FleetProblemRun): string {
  const named = cell.subjects.slice(0, SUBJECTS_NAMED).join(', ');
  const more = cell.subjects.length - SUBJECTS_NAMED;
  return more > 0 ? `${named} and ${more} more` : named;
}

/** `2 of 3 runs not conformant`, `every run conformant`. */
export function fleetHeadline(fleet: FleetReport): string {
  const failing = fleet.runs.filter((run) => run.verdict !== 'conformant').length;
  if (failing === 0) return `all ${fleet.runs.length} runs conformant`;
  const words = [...new Set(fleet.runs.filter((run) => run.verdict !== 'conformant').map((run) => VERDICT_WORDS[run.verdict]))].join(' or ');
  return `${failing} of ${fleet.runs.length} runs ${words}`;
}
