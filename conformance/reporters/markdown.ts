import type { Level } from '../../schemas/types.js';
import type { Results } from '../results.js';
import { type FailureGroup, failureGroups, formatRate, type GroupSummaryRow, passRate, subjectOf, summarize, type Tally } from '../summary.js';
import { describeRun, formatDuration, formatTime, plural } from './format.js';
import { defineReporter } from './reporter.js';

/**
 * A GitHub-flavoured Markdown summary sized for `$GITHUB_STEP_SUMMARY` (1 MiB at most): the verdict
 * and its rule, pass rates by level and by group-version, the most widespread failures, and every
 * check's counts folded away. Details of each response belong to the HTML report.
 */

const TOP_FAILURES = 10;
const RESOURCES_NAMED = 4;

/** A table cell: pipes and line breaks would end it; `<` outside code spans would start HTML. */
function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`');
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function rateCell(tally: Tally, level: Level): string {
  const rate = passRate(tally);
  if (rate === undefined) return '–';
  const mark = rate === 1 ? '✅' : level === 'MUST' ? '❌' : '⚠️';
  return `${mark} ${formatRate(tally)} (${tally.passed}/${tally.passed + tally.failed})`;
}

function servedBy(row: GroupSummaryRow): string {
  if (row.kind !== 'group-version') return '';
  const where = row.aggregated ? `aggregated${row.service ? `: ${code(row.service)}` : ''}` : 'main API server';
  return row.via === 'direct' ? `${where}, probed at its own address` : where;
}

function groupLabel(row: GroupSummaryRow): string {
  return row.kind === 'group-version' || row.kind === 'file' || row.kind === 'path' ? code(row.label) : row.label;
}

function failureRow(group: FailureGroup): string {
  const subjects = [...new Set(group.items.map(subjectOf))];
  const probes = [...new Set(group.items.map((i) => i.probeId).filter((p): p is string => p !== undefined))];
  const named = subjects.slice(0, RESOURCES_NAMED).map(code).join(', ') + (subjects.length > RESOURCES_NAMED ? ` and ${subjects.length - RESOURCES_NAMED} more` : '');
  const where = `${group.items.length}: ${named}${probes.length > 0 ? ` (${probes.map(code).join(', ')})` : ''}`;
  const hint = group.finding.hint ? `<br>Fix: ${cell(group.finding.hint)}` : '';
  return `| ${group.level} | ${code(group.checkId)} | ${cell(group.finding.message)}${hint} | ${cell(where)} |`;
}

export default defineReporter({
  name: 'markdown',
  extension: 'md',
  description: 'a Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment',
  render(results: Results) {
    const summary = summarize(results);
    const { verdict } = summary;
    const lines: string[] = [];
    lines.push(`## ${verdict.conformant ? '✅ Conformant' : '❌ Not conformant'}: statuslint ${results.command}`, '');
    const facts = [
      results.command === 'probe' && results.target
        ? `**Target** ${code(results.target.server)}${results.target.version ? ` (${results.target.version})` : ''}`
        : `**Input** ${code(describeRun(results))}`,
      `**profile** ${code(results.profile)}`,
      `**${plural(summary.responses, 'response')}** in ${formatDuration(summary.durationMs)}`,
      formatTime(results.startedAt),
      `statuslint ${results.tool.version}`,
    ];
    lines.push(facts.join(' · '), '');
    const problems: string[] = [];
    if (summary.findings.MUST + summary.findings.SHOULD > 0) {
      problems.push(`${plural(summary.findings.MUST + summary.findings.SHOULD, 'finding')} (${summary.findings.MUST} MUST, ${summary.findings.SHOULD} SHOULD) in ${summary.failedResponses} of ${plural(summary.responses, 'response')}`);
    }
    if (summary.errors > 0) problems.push(`${plural(summary.errors, 'probe')} got no response`);
    if (results.interrupted) problems.push('the run was interrupted: only the probes that ran are counted');
    if (results.api?.notRun?.length) problems.push(`${plural(results.api.notRun.length, 'probe')} not run: they need --allow-writes, against a test instance`);
    if (problems.length > 0) lines.push(`${problems.join('; ')}.`, '');
    lines.push(`> **Verdict rule:** ${verdict.rule}`, '');

    lines.push('| Checks | Passed | Failed | Skipped | Pass rate |', '|---|--:|--:|--:|--:|');
    for (const level of ['MUST', 'SHOULD'] as const) {
      const tally = summary.levels[level];
      lines.push(`| ${level === 'MUST' ? '**MUST**' : 'SHOULD'} | ${tally.passed} | ${tally.failed} | ${tally.skipped} | ${rateCell(tally, level)} |`);
    }
    lines.push('');

    const groups = summary.groups.filter((g) => g.responses > 0 || g.kind === 'group-version');
    if (groups.length > 0) {
      const heading = results.api ? 'By path' : results.command === 'probe' ? 'By group-version' : 'By file';
      lines.push(`### ${heading}`, '');
      lines.push(`| ${results.api ? 'Path' : results.command === 'probe' ? 'Group-version' : 'File'} | Served by | Responses | MUST | SHOULD |`, '|---|---|--:|--:|--:|');
      for (const row of groups) {
        const responses = row.responses === 0 ? (row.error ? `not read: ${cell(row.error)}` : 'not probed') : String(row.responses) + (row.errors > 0 ? ` (${row.errors} without answer)` : '');
        lines.push(`| ${groupLabel(row)} | ${servedBy(row)} | ${responses} | ${rateCell(row.levels.MUST, 'MUST')} | ${rateCell(row.levels.SHOULD, 'SHOULD')} |`);
      }
      lines.push('');
    }

    const failures = failureGroups(results);
    if (failures.length > 0) {
      lines.push('### Top failures', '');
      lines.push('| Level | Check | Problem | Responses |', '|---|---|---|---|');
      for (const group of failures.slice(0, TOP_FAILURES)) lines.push(failureRow(group));
      if (failures.length > TOP_FAILURES) lines.push('', `…and ${plural(failures.length - TOP_FAILURES, 'more problem')}: see the HTML report (\`--format html\`).`);
      lines.push('');
    }
    const unanswered = results.items.filter((item) => item.error);
    if (unanswered.length > 0) {
      lines.push('### Probes without a response', '');
      for (const item of unanswered.slice(0, TOP_FAILURES)) lines.push(`- ${cell(item.title)}: ${cell(item.error ?? '')}`);
      if (unanswered.length > TOP_FAILURES) lines.push(`- …and ${unanswered.length - TOP_FAILURES} more`);
      lines.push('');
    }

    lines.push(`<details><summary>Every check (${summary.checks.length})</summary>`, '');
    lines.push('| Check | Level | Passed | Failed | Skipped | Pass rate |', '|---|---|--:|--:|--:|--:|');
    for (const check of summary.checks) {
      const tally = { passed: check.passed, failed: check.failed, skipped: check.skipped };
      lines.push(`| ${code(check.checkId)} ${cell(check.title === check.checkId ? '' : check.title)} | ${check.level} | ${check.passed} | ${check.failed} | ${check.skipped} | ${rateCell(tally, check.level)} |`);
    }
    lines.push('', '</details>', '');
    return `${lines.join('\n')}`;
  },
});
