import type { FleetProblem, FleetProblemRun, FleetReport, FleetRun } from '../../fleet.js';
import { type FleetReporter, fleetHeadline, PROBLEMS_LISTED, STATE_WORDS, subjectsText, VERDICT_WORDS } from './reporter.js';
import { escapeHtml as esc, plural } from '../format.js';
import { CSS, pageHead, rich } from '../html.js';

const FLEET_CSS = `
table.fleet td.found { background: #fff0f0; }
table.fleet td.not-found { background: #effaf1; }
table.fleet td.not-checked { color: var(--muted); }
table.fleet td.set-apart { color: var(--muted); background: var(--soft); }
table.fleet td .subjects { display: block; color: var(--muted); font-size: 12px; }
.verdict-conformant { color: var(--pass); font-weight: 600; }
.verdict-not-conformant { color: var(--must); font-weight: 600; }
.verdict-nothing-checked, .verdict-interrupted { color: var(--should); font-weight: 600; }
`;

const cellHtml = (cell: FleetProblemRun): string =>
  `<td class="${cell.state}" data-run="${esc(cell.run)}" data-state="${cell.state}">${STATE_WORDS[cell.state]}${cell.findings > 0 ? `: ${cell.findings}<span class="subjects">${esc(subjectsText(cell))}</span>` : ''}</td>`;

function problemsSection(id: string, title: string, lead: string, problems: readonly FleetProblem[], fleet: FleetReport): string {
  const rows = problems
    .slice(0, PROBLEMS_LISTED)
    .map(
      (problem) =>
        `<tr data-problem="${problem.id}"><td><b>${problem.level}</b></td><td><code>${esc(problem.checkId)}</code>${problem.probeId ? `<br><small class="muted">${esc(problem.probeId)}</small>` : ''}</td><td><code>${esc(problem.pointer || '(body)')}</code>${problem.expected !== undefined ? `<br><small class="muted">expected <code>${esc(problem.expected)}</code></small>` : ''}</td>${problem.runs.map(cellHtml).join('')}<td>${rich(problem.message)}</td></tr>`,
    )
    .join('\n');
  const more = problems.length > PROBLEMS_LISTED ? `<p class="lead">${plural(problems.length - PROBLEMS_LISTED, 'more problem')} left out: the json format lists them all.</p>` : '';
  const table = problems.length === 0 ? '<p class="lead">None.</p>' : `<table class="fleet"><thead><tr><th>Level</th><th>Check, probe</th><th>Where</th>${fleet.runs.map((run) => `<th>${esc(run.name)}</th>`).join('')}<th>Example</th></tr></thead><tbody>\n${rows}\n</tbody></table>${more}`;
  return `<section id="${id}">\n<h2>${esc(title)} (${problems.length})</h2>\n<p class="lead">${esc(lead)}</p>\n${table}\n</section>`;
}

function runsSection(fleet: FleetReport): string {
  const { runs } = fleet;
  const line = (label: string, cell: (run: FleetRun) => string): string => `<tr><th scope="row">${esc(label)}</th>${runs.map((run) => `<td data-run="${esc(run.name)}">${cell(run)}</td>`).join('')}</tr>`;
  const lines = [
    line('Verdict', (run) => `<span class="verdict-${run.verdict}">${VERDICT_WORDS[run.verdict]}</span>`),
    line('Kubernetes version', (run) => (run.version ? `<code>${esc(run.version)}</code>` : 'unknown')),
    ...(runs.some((run) => run.direct) ? [line('Aggregated server (direct)', (run) => (run.direct ? `<code>${esc(run.direct.version ?? 'unknown')}</code> at <code>${esc(run.direct.server)}</code>` : '—'))] : []),
    line('Server', (run) => (run.server ? `<code>${esc(run.server)}</code>${run.context ? ` <small class="muted">${esc(run.context)}</small>` : ''}` : `${esc(run.command)} of recordings`)),
    line('MUST findings', (run) => String(run.findings.MUST)),
    line('SHOULD findings', (run) => String(run.findings.SHOULD)),
    line('Responses (with findings)', (run) => `${run.responses} (${run.failedResponses})`),
    ...(runs.some((run) => run.errors > 0) ? [line('Without a response', (run) => String(run.errors))] : []),
    line('File', (run) => `<code>${esc(run.file)}</code>`),
  ];
  return `<section id="runs">\n<h2>Runs side by side</h2>\n<table class="runs"><thead><tr><th></th>${runs.map((run) => `<th scope="col">${esc(run.name)}</th>`).join('')}</tr></thead><tbody>\n${lines.join('\n')}\n</tbody></table>\n</section>`;
}

/** The fleet as one self-contained page: the runs side by side, then shared and differing problems. */
const fleetHtml: FleetReporter = {
  name: 'html',
  *chunks(fleet) {
    const ok = fleet.verdict === 'conformant';
    const headline = fleetHeadline(fleet);
    const versions = fleet.versions.map((v) => `<span><b>${esc(v.version)}</b> ${esc(v.runs.join(', '))}</span>`).join('');
    yield `${pageHead({ title: `statuslint fleet: ${headline}`, version: fleet.tool.version, css: `${CSS}${FLEET_CSS}`, scripts: false })}
<body>
<header class="banner ${ok ? 'pass' : 'fail'}">
  <div class="mark" aria-hidden="true">${ok ? '✔' : '✖'}</div>
  <div><p class="eyebrow">statuslint fleet report · ${plural(fleet.runs.length, 'run')}</p><h1>${esc(headline)}</h1></div>
</header>
<div class="facts" id="versions">Versions: ${versions}</div>
<main>
${runsSection(fleet)}
${problemsSection('shared', 'Shared by every run', 'Problems every run has: a fix upstream or in a common configuration fixes them everywhere.', fleet.shared, fleet)}
${problemsSection('differing', 'Where the runs differ', 'Problems some runs have and others not. Not found: the check ran on that probe and did not find it; not checked: the check never ran on that probe there; set apart: known, waived or inherited.', fleet.differing, fleet)}
<footer>Generated by statuslint ${esc(fleet.tool.version)} from ${plural(fleet.runs.length, 'results file')}; fleet model version ${fleet.fleetVersion}. A problem is a check failing the same way (probe, place, expected value) on any subject.</footer>
</main>
</body>
</html>
`;
  },
};

export default fleetHtml;
