import type { FleetProblem, FleetProblemRun, FleetReport, FleetRun } from '../../fleet.js';
import { type FleetReporter, fleetHeadline, PROBLEMS_LISTED, STATE_WORDS, subjectsText, VERDICT_WORDS } from './reporter.js';
import { plural } from '../format.js';
import { code, message, text } from '../markdown.js';

const VERDICT_MARK: Readonly<Record<FleetRun['verdict'], string>> = { conformant: '✅', 'not-conformant': '❌', 'nothing-checked': '⚠️', interrupted: '⏹️' };
const STATE_MARK: Readonly<Record<FleetProblemRun['state'], string>> = { found: '❌', 'not-found': '✅', 'set-apart': '➖', 'not-checked': '⚪' };

/** One row of the runs table: a label, then a cell per run. */
const row = (label: string, cells: readonly string[]): string => `| ${label} | ${cells.join(' | ')} |`;

function runsTable(fleet: FleetReport): string[] {
  const { runs } = fleet;
  const lines = [row('', runs.map((run) => `**${text(run.name)}**`)), `|---|${runs.map(() => '---').join('|')}|`];
  lines.push(row('Verdict', runs.map((run) => `${VERDICT_MARK[run.verdict]} ${VERDICT_WORDS[run.verdict]}`)));
  lines.push(row('Kubernetes version', runs.map((run) => (run.version ? code(run.version) : 'unknown'))));
  if (runs.some((run) => run.direct)) lines.push(row('Aggregated server (direct)', runs.map((run) => (run.direct ? `${code(run.direct.version ?? 'unknown')} at ${code(run.direct.server)}` : '—'))));
  lines.push(row('Server', runs.map((run) => (run.server ? `${code(run.server)}${run.context ? ` (${text(run.context)})` : ''}` : `${text(run.command)} of recordings`))));
  lines.push(row('MUST findings', runs.map((run) => String(run.findings.MUST))));
  lines.push(row('SHOULD findings', runs.map((run) => String(run.findings.SHOULD))));
  lines.push(row('Responses (with findings)', runs.map((run) => `${run.responses} (${run.failedResponses})`)));
  if (runs.some((run) => run.errors > 0)) lines.push(row('Without a response', runs.map((run) => String(run.errors))));
  return lines;
}

function problemCell(cell: FleetProblemRun): string {
  const word = `${STATE_MARK[cell.state]} ${STATE_WORDS[cell.state]}`;
  return cell.findings > 0 ? `${word}: ${cell.findings} (${text(subjectsText(cell))})` : word;
}

function problemsTable(problems: readonly FleetProblem[], fleet: FleetReport): string[] {
  const headings = ['Check', 'Probe', 'Where', 'Expected', ...fleet.runs.map((run) => text(run.name)), 'Example'];
  const lines = [row('Level', headings), `|---|${headings.map(() => '---').join('|')}|`];
  for (const problem of problems.slice(0, PROBLEMS_LISTED)) {
    lines.push(
      row(problem.level === 'MUST' ? '**MUST**' : 'SHOULD', [
        code(problem.checkId),
        problem.probeId ? code(problem.probeId) : '',
        code(problem.pointer || '(body)'),
        problem.expected !== undefined ? code(problem.expected) : '',
        ...problem.runs.map(problemCell),
        message(problem.message),
      ]),
    );
  }
  if (problems.length > PROBLEMS_LISTED) lines.push('', `${plural(problems.length - PROBLEMS_LISTED, 'more problem')} left out: the json format lists them all.`);
  return lines;
}

/** The fleet as a Markdown summary (for $GITHUB_STEP_SUMMARY): runs side by side, then shared and differing problems. */
const fleetMarkdown: FleetReporter = {
  name: 'markdown',
  *chunks(fleet) {
    const lines: string[] = [];
    lines.push(`## ${VERDICT_MARK[fleet.verdict]} Fleet: ${fleetHeadline(fleet)}`, '');
    lines.push(`statuslint ${text(fleet.tool.version, false)} · ${plural(fleet.runs.length, 'run')} · ${fleet.versions.map((v) => `${code(v.version, false)} (${v.runs.map((r) => text(r, false)).join(', ')})`).join(' · ')}`, '');
    lines.push(...runsTable(fleet), '');
    lines.push(`### Shared by every run (${fleet.shared.length})`, '');
    if (fleet.shared.length === 0) lines.push('No problem is found in every run.', '');
    else lines.push(...problemsTable(fleet.shared, fleet), '');
    lines.push(`### Where the runs differ (${fleet.differing.length})`, '');
    if (fleet.differing.length === 0) lines.push('Every problem found is found in every run.', '');
    else lines.push('✅ not found: the check ran on that probe and did not find it · ⚪ not checked: the check never ran on that probe there · ➖ set apart: known, waived or inherited', '', ...problemsTable(fleet.differing, fleet), '');
    yield `${lines.join('\n')}`;
  },
};

export default fleetMarkdown;
