import type { Level } from '../../schemas/types.js';
import type { Results } from '../results.js';
import type { Verdict } from '../verdict.js';
import { type FailureGroup, countedItems, failureGroups, formatRate, notRunByReason, type GroupSummaryRow, passRate, specSubjectOf, subjectCount, summarize, type Tally } from '../summary.js';
import { visible } from '../untrusted.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes, policySummary, type SuppressedGroup } from '../policy/summary.js';
import { describeRun, errorCount, interruptedScope, formatDuration, formatTime, plural } from './format.js';
import { curlCommand } from '../curl.js';
import { defineReporter } from './reporter.js';
import { digestOf, GROUPS_KEPT } from '../run-digest.js';

const VERDICT_HEADING: Record<Verdict, string> = { conformant: '✅ Conformant', 'not-conformant': '❌ Not conformant', 'nothing-checked': '⚠️ Nothing checked' };

/**
 * A GitHub-flavoured Markdown summary sized for `$GITHUB_STEP_SUMMARY` (1 MiB at most): the verdict
 * and its rule, pass rates by level and by group-version, the most widespread failures, and every
 * check's counts folded away. Details of each response belong to the HTML report.
 */

const TOP_FAILURES = 10;

/**
 * The first failing responses as `curl` commands, in one shell block: every line in it opens with
 * `#` or `curl`, so nothing in it can close the fence, and the commands are single-quoted words.
 */
function reproduce(results: Results): string[] {
  const digest = digestOf(results);
  const blocks = digest.firstFailing.slice(0, TOP_FAILURES).flatMap((item) => {
    const curl = curlCommand(results, item);
    if (!curl) return [];
    return [`# ${visible(item.title)}`, ...(curl.note ? [`# ${visible(curl.note)}`] : []), ...('command' in curl ? [curl.command] : [])];
  });
  if (blocks.length === 0) return [];
  const more = digest.failingOrError > TOP_FAILURES ? [`…and ${plural(digest.failingOrError - TOP_FAILURES, 'more failing response')}: see the HTML report (\`--format html\`).`, ''] : [];
  return ['### Reproduce', '', 'Credentials are shell variables: set `TOKEN` (or the one named) before you paste.', '', '```sh', ...blocks, '```', '', ...more];
}
const RESOURCES_NAMED = 4;

/*
 * Every string of the model passes `visible` (one line, no control characters), then one of these:
 * text from a server, a document or a results file is text, never markup. Prose has Markdown's
 * punctuation backslash-escaped and `<`, `>`, `&` written as entities (no HTML, image, link, heading,
 * list, emphasis or math); what a renderer would link on its own (`scheme://…`, `www.…`, `@name`,
 * `a@b.c`) becomes a code span, which no renderer links. In a table, `|` is escaped everywhere (GFM
 * reads `\|` as a pipe even inside a code span).
 */

const PROSE_PUNCTUATION = /[\\`*_~[\]#$|!]/g;
/** A word: a run of non-space characters. Matched from its first character only, so each is read once. */
const WORD = /\S+/g;
/** What makes a word a link a renderer would follow or an address it would mail to. */
const LINKISH = /:\/\/|www\.|@/i;

/**
 * A code span of one line: a backtick would end it, so it is shown as `'`. In a table, backslashes
 * just before a pipe are doubled, so that a `\` from the model cannot unescape the pipe (GFM renderers
 * pair backslashes differently there).
 */
export function code(value: string, inTable = true): string {
  const span = visible(value).replace(/`/g, "'");
  if (span === '') return '';
  return `\`${inTable ? span.replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`) : span}\``;
}

function escapeProse(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(PROSE_PUNCTUATION, '\\$&');
}

/** Text that opens a block (a list item's): no list marker, ordered-list number or indented code either. */
const blockStart = (markdown: string): string => markdown.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2').replace(/^ /, '&#32;');

/** Prose from the model (after `visible`): escaped, its link-like words as code spans. */
function proseOf(value: string, inTable: boolean): string {
  let out = '';
  let last = 0;
  // A pattern for the whole link-like word read on from every character of a long word, the length
  // of the word each time (a 100,000-character message took 35 s): words are found first, then tested.
  for (const word of value.matchAll(WORD)) {
    if (!LINKISH.test(word[0])) continue;
    out += escapeProse(value.slice(last, word.index)) + code(word[0], inTable);
    last = word.index + word[0].length;
  }
  return out + escapeProse(value.slice(last));
}

/** Text from the model, shown as text. */
export const text = (value: string, inTable = true): string => proseOf(visible(value), inTable);

/** A message from the model: its `code` (pairs of backticks) as code spans, the rest as prose. */
export function message(value: string, inTable = true): string {
  const parts = visible(value).split('`');
  // An odd number of backticks leaves the last one unpaired: it is text.
  return parts.map((part, i) => (i % 2 === 0 ? proseOf(part, inTable) : i < parts.length - 1 ? code(part, inTable) : proseOf(`\`${part}`, inTable))).join('');
}

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
  return row.kind === 'group-version' || row.kind === 'file' || row.kind === 'path' || row.kind === 'document' ? code(row.label) : text(row.label);
}

/** What a row of the spec's "By document" says of its operations: how many, or that the document could not be read. */
function operationsCell(row: GroupSummaryRow): string {
  return row.errors > 0 && row.operations === 0 ? 'not read' : String(row.operations);
}

function failureRow(group: FailureGroup): string {
  const subjects = group.subjects.names;
  const more = subjectCount(group.subjects) - RESOURCES_NAMED;
  const probes = group.probeIds;
  const named = subjects.slice(0, RESOURCES_NAMED).map((s) => code(s)).join(', ') + (more > 0 ? ` and ${more} more` : '');
  const where = `${group.responses}: ${named}${probes.length > 0 ? ` (${probes.map((p) => code(p)).join(', ')})` : ''}`;
  const hint = group.finding.hint ? `<br>Fix: ${message(group.finding.hint)}` : '';
  return `| ${text(group.level)} | ${code(group.checkId)} | ${message(group.finding.message)}${hint} | ${where} |`;
}

const SUPPRESSION_WORD: Readonly<Record<SuppressedGroup['kind'], string>> = { known: 'known', waived: 'waived', inherited: 'inherited' };

/** The findings the policy set apart, with why, and the baseline's entries fixed since. */
function setApart(results: Results): string[] {
  if (!results.policy) return [];
  const { groups, baseline } = policySummary(results);
  const lines: string[] = [];
  if (groups.length > 0) {
    lines.push('### Reported apart', '', 'Known, waived and inherited findings do not fail the run.', '');
    lines.push('| Set apart | Level | Check | Why | Responses |', '|---|---|---|---|---|');
    for (const group of groups.slice(0, TOP_FAILURES)) {
      const named = group.subjects.slice(0, RESOURCES_NAMED).map((s) => code(s)).join(', ') + (group.subjects.length + group.moreSubjects > RESOURCES_NAMED ? ` and ${group.subjects.length + group.moreSubjects - RESOURCES_NAMED} more` : '');
      const why = group.kind === 'known' ? text(group.reason) : `${text(group.by)}: ${message(group.reason)}`;
      lines.push(`| ${SUPPRESSION_WORD[group.kind]} | ${text(group.level)} | ${code(group.checkId)} | ${why} | ${group.count}: ${named} |`);
    }
    if (groups.length > TOP_FAILURES) lines.push('', `…and ${plural(groups.length - TOP_FAILURES, 'more group')}: see the HTML report (\`--format html\`).`);
    lines.push('');
  }
  if (baseline && baseline.fixedEntries.length > 0) {
    lines.push('### Fixed since the baseline', '');
    for (const entry of baseline.fixedEntries.slice(0, TOP_FAILURES)) lines.push(`- ${code(entry.checkId, false)} on ${code(entry.subject, false)}${entry.probeId ? ` (${code(entry.probeId, false)})` : ''}`);
    if (baseline.fixedEntries.length > TOP_FAILURES) lines.push(`- …and ${baseline.fixedEntries.length - TOP_FAILURES} more`);
    lines.push('');
  }
  return lines;
}

/** The summary, bounded by design (top failures, one row per check and group): one piece. */
function* markdownSummary(results: Results): Generator<string> {
  {
    const summary = summarize(results);
    const { verdict } = summary;
    const lines: string[] = [];
    lines.push(`## ${VERDICT_HEADING[verdict.verdict]}: statuslint ${text(results.command, false)}`, '');
    if (verdict.why) lines.push(`Nothing was checked: ${text(verdict.why, false)}.`, '');
    const facts = [
      results.command === 'probe' && results.target
        ? `**Target** ${code(results.target.server, false)}${results.target.version ? ` (${text(results.target.version, false)})` : ''}`
        : `**Input** ${code(describeRun(results), false)}`,
      `**profile** ${code(results.profile, false)}`,
      `**${countedItems(results)}** in ${formatDuration(summary.durationMs)}`,
      formatTime(results.startedAt),
      `statuslint ${text(results.tool.version, false)}`,
    ];
    lines.push(facts.join(' · '), '');
    const problems: string[] = [];
    if (summary.findings.MUST + summary.findings.SHOULD > 0) {
      problems.push(`${plural(summary.findings.MUST + summary.findings.SHOULD, 'finding')} (${summary.findings.MUST} MUST, ${summary.findings.SHOULD} SHOULD) in ${countedItems(results, 'failing')}`);
    }
    if (summary.errors > 0) problems.push(errorCount(results, summary.errors));
    if (results.interrupted) problems.push(`the run was interrupted: only ${interruptedScope(results)} are counted`);
    for (const group of notRunByReason(results)) problems.push(`${plural(group.count, 'probe')} not run (${group.probeIds.map((id) => `\`${id}\``).join(', ')}): ${text(group.reason, false)}`);
    if (problems.length > 0) lines.push(`${problems.join('; ')}.`, '');
    const notes = [...diagnosticNotes(results), ...policyNotes(results)];
    if (notes.length > 0) lines.push(...notes.map((note) => `- ${note.failing ? '❌ ' : ''}${blockStart(text(note.text, false))}`), '');
    lines.push(`> **Verdict rule:** ${verdict.rule}`, '');

    lines.push('| Checks | Passed | Failed | Skipped | Pass rate |', '|---|--:|--:|--:|--:|');
    for (const level of ['MUST', 'SHOULD'] as const) {
      const tally = summary.levels[level];
      lines.push(`| ${level === 'MUST' ? '**MUST**' : 'SHOULD'} | ${tally.passed} | ${tally.failed} | ${tally.skipped} | ${rateCell(tally, level)} |`);
    }
    lines.push('');

    const groups = summary.groups.filter((g) => g.responses > 0 || g.kind === 'group-version');
    const spec = results.command === 'spec';
    if (spec && groups.length > 0) {
      // A spec run's rows are its documents, each with the operations in it (a PR comment names the file to fix).
      lines.push('### By document', '');
      lines.push('| Document | Operations | MUST | SHOULD |', '|---|--:|--:|--:|');
      for (const row of groups) lines.push(`| ${groupLabel(row)}${row.aggregated ? ' (aggregated)' : ''} | ${operationsCell(row)} | ${rateCell(row.levels.MUST, 'MUST')} | ${rateCell(row.levels.SHOULD, 'SHOULD')} |`);
      lines.push('');
    } else if (groups.length > 0) {
      const heading = results.api ? 'By path' : results.command === 'probe' ? 'By group-version' : 'By file';
      lines.push(`### ${heading}`, '');
      lines.push(`| ${results.api ? 'Path' : results.command === 'probe' ? 'Group-version' : 'File'} | Served by | Responses | MUST | SHOULD |`, '|---|---|--:|--:|--:|');
      for (const row of groups) {
        const responses = row.responses === 0 ? (row.error ? `not read: ${message(row.error)}` : 'not probed') : String(row.responses) + (row.errors > 0 ? ` (${row.errors} ${results.command === 'probe' ? 'without answer' : 'not judged'})` : '');
        lines.push(`| ${groupLabel(row)} | ${servedBy(row)} | ${responses} | ${rateCell(row.levels.MUST, 'MUST')} | ${rateCell(row.levels.SHOULD, 'SHOULD')} |`);
      }
      lines.push('');
    }

    const failures = failureGroups(results);
    if (failures.length > 0) {
      lines.push('### Top failures', '');
      lines.push(`| Level | Check | Problem | ${spec ? 'Where' : 'Responses'} |`, '|---|---|---|---|');
      for (const group of failures.slice(0, TOP_FAILURES)) lines.push(failureRow(group));
      if (failures.length > TOP_FAILURES) lines.push('', `…and ${plural(failures.length - TOP_FAILURES, 'more problem')}: see the HTML report (\`--format html\`).`);
      const { ungrouped } = digestOf(results);
      if (ungrouped > 0) lines.push('', `…and ${plural(ungrouped, 'more finding')} past the first ${GROUPS_KEPT} distinct problems, not grouped: see \`--format json\`.`);
      lines.push('');
    }
    lines.push(...setApart(results));
    const { errors, kept } = digestOf(results);
    if (errors > 0) {
      lines.push(spec ? '### Documents not read' : results.command === 'probe' ? '### Probes without a response' : '### Responses not judged', '');
      for (const item of kept.error.slice(0, TOP_FAILURES)) lines.push(`- ${blockStart(text(spec ? specSubjectOf(item) : item.title, false))}: ${message(item.error ?? '', false)}`);
      if (errors > TOP_FAILURES) lines.push(`- …and ${errors - TOP_FAILURES} more`);
      lines.push('');
    }
    lines.push(...reproduce(results));

    lines.push(`<details><summary>Every check (${summary.checks.length})</summary>`, '');
    lines.push('| Check | Level | Passed | Failed | Skipped | Pass rate |', '|---|---|--:|--:|--:|--:|');
    for (const check of summary.checks) {
      const tally = { passed: check.passed, failed: check.failed, skipped: check.skipped };
      lines.push(`| ${code(check.checkId)} ${message(check.title === check.checkId ? '' : check.title)} | ${text(check.level)} | ${check.passed} | ${check.failed} | ${check.skipped} | ${rateCell(tally, check.level)} |`);
    }
    lines.push('', '</details>', '');
    yield lines.join('\n');
  }
}

export default defineReporter({
  name: 'markdown',
  extension: 'md',
  description: 'a Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment',
  // Written when the run is over, from its digest: nothing of a response is kept but the counts and a few examples.
  open: () => ({ start: () => [], item: () => [], end: (results) => markdownSummary(results) }),
});
