import { styleText } from 'node:util';
import type { Finding } from '../findings.js';
import { countFindings, findingsOfItem, type ResultItem, type Results } from '../results.js';
import { compareDirect, countedItems, formatRate, notRunByReason, subjectOf, summarize, summarizeProbes, verdictOf } from '../summary.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes, policySummary, type SuppressedGroup } from '../policy/summary.js';
import { guardLineStart, visible } from '../untrusted.js';
import { curlCommand } from '../curl.js';
import { timingLine } from './format.js';
import { defineReporter, fromChunks, type ReporterOptions } from './reporter.js';

type Style = Parameters<typeof styleText>[0];

/** The widest of some lengths (a spread of thousands of arguments would overflow the stack). */
const widest = (lengths: Iterable<number>, least = 0): number => {
  let width = least;
  for (const length of lengths) if (length > width) width = length;
  return width;
};

/** Subjects named on a shared finding's line before the rest are only counted. */
const SUBJECTS_SHOWN = 6;

/** The same finding on several responses to one probe: every field a reader sees is equal, only the response differs. */
interface SharedFinding {
  finding: Finding;
  probeId: string | undefined;
  items: ResultItem[];
}

/**
 * A finding as its line and hint show it (line and column too: a document's position is printed), and
 * the probe that drew it: the same words from two probes answer two different requests, and the line
 * naming only the resources could not tell them apart.
 */
const sameFindingKey = (item: ResultItem, finding: Finding): string =>
  JSON.stringify([item.probeId ?? null, finding.checkId, finding.level, finding.pointer, finding.message, finding.hint ?? null, finding.line ?? null, finding.column ?? null]);

/**
 * Findings met on more than one response, MUST before SHOULD, then the most responses first; ties keep
 * the order of the results (the first response, then its check order), so the output is the same every run.
 */
function sharedFindings(results: Results): Map<string, SharedFinding> {
  const all = new Map<string, SharedFinding>();
  for (const item of results.items) {
    for (const finding of findingsOfItem(item)) {
      const key = sameFindingKey(item, finding);
      const group = all.get(key);
      if (!group) all.set(key, { finding, probeId: item.probeId, items: [item] });
      // Items come one at a time, so a repeat of this item can only be the last one (no scan of thousands).
      else if (group.items.at(-1) !== item) group.items.push(item);
    }
  }
  const shared = [...all].filter(([, group]) => group.items.length > 1);
  // Array sort is stable: equal groups stay in the order they were met.
  shared.sort(([, a], [, b]) => (a.finding.level === b.finding.level ? 0 : a.finding.level === 'MUST' ? -1 : 1) || b.items.length - a.items.length);
  return new Map(shared);
}

/** `64 responses to method-not-allowed: configmaps, secrets, deployments.apps, … (+58 more)`; each subject named once. */
function subjectsLine({ probeId, items }: SharedFinding): string {
  const subjects = [...new Set(items.map((item) => visible(subjectOf(item))))];
  const shown = subjects.slice(0, SUBJECTS_SHOWN).join(', ');
  const more = subjects.length > SUBJECTS_SHOWN ? `, … (+${subjects.length - SUBJECTS_SHOWN} more)` : '';
  return `${items.length} responses${probeId !== undefined ? ` to ${visible(probeId)}` : ''}: ${shown}${more}`;
}

const SUPPRESSION_LABEL: Readonly<Record<SuppressedGroup['kind'], string>> = { known: 'known    ', waived: 'waived   ', inherited: 'inherited' };

/** `configmaps, secrets, … (+58 more)`. */
function subjectList(subjects: readonly string[]): string {
  const shown = subjects.slice(0, SUBJECTS_SHOWN).map(visible).join(', ');
  return `${shown}${subjects.length > SUBJECTS_SHOWN ? `, … (+${subjects.length - SUBJECTS_SHOWN} more)` : ''}`;
}

/** Known, waived and inherited findings, after those that count: each group on one line, with why. */
function* setApartLines(results: Results, paint: (style: Style, text: string) => string): Generator<string> {
  if (!results.policy) return;
  const { groups } = policySummary(results);
  if (groups.length === 0) return;
  yield paint('underline', 'reported apart: known, waived and inherited findings do not fail the run');
  for (const group of groups) {
    const level = group.level === 'MUST' ? 'MUST  ' : 'SHOULD';
    yield `  ${paint('dim', SUPPRESSION_LABEL[group.kind])}  ${level}  ${visible(group.checkId)}  ${group.count} finding${group.count === 1 ? '' : 's'}: ${subjectList(group.subjects)}`;
    yield `          ${paint('dim', group.kind === 'known' ? visible(group.reason) : `${visible(group.by)}: ${visible(group.reason)}`)}`;
  }
  yield '';
}

/** The baseline's count, checks turned off, subjects ignored, waivers expired (which fail the run) or unused. */
function* policyNoteLines(results: Results, paint: (style: Style, text: string) => string): Generator<string> {
  for (const note of policyNotes(results)) yield note.failing ? paint('red', `✖ ${visible(note.text)}`) : paint('dim', visible(note.text));
}

/**
 * Every string of the model a server, a document or a results file controls passes `visible` (one
 * line, no control characters); every line passes `guardLineStart`, as some open with such a string.
 */
function* stylishLines(results: Results, { color, verbose }: ReporterOptions): Generator<string> {
  // `color` already says whether the destination takes colour; styleText must not second-guess it from stdout.
  const paint = (style: Style, text: string): string => (color ? styleText(style, text, { validateStream: false }) : text);
  /** The request again as a `curl` command (probe results only), or why there is none. */
  function* reproduceLines(item: ResultItem, label = 'reproduce'): Generator<string> {
    const curl = curlCommand(results, item);
    if (!curl) return;
    if ('command' in curl) yield `  ${paint('dim', `${label}:`)} ${curl.command}`;
    if (curl.note) yield `  ${paint('dim', visible(curl.note))}`;
  }
  function* findingLines(finding: Finding, subjects?: string): Generator<string> {
    const level = finding.level === 'MUST' ? paint('red', 'MUST  ') : paint('yellow', 'SHOULD');
    // Where the document says it (spec), as ESLint's stylish puts line:column first.
    const position = finding.line !== undefined ? `${paint('dim', `${finding.line}:${finding.column ?? 1}`)}  ` : '';
    yield `  ${position}${level}  ${paint('dim', visible(finding.pointer || '/'))}  ${visible(finding.message)}  ${paint('dim', visible(finding.checkId))}`;
    if (subjects !== undefined) yield `          ${subjects}`;
    if (finding.hint) yield `          ${paint('dim', `hint: ${visible(finding.hint)}`)}`;
  }
  // What the run says once comes first: it explains the findings below (or their absence).
  const notes = diagnosticNotes(results);
  for (const note of notes) yield note.failing ? `${paint('red', 'MUST  ')}  ${visible(note.text)}` : paint('bold', visible(note.text));
  if (notes.length > 0) yield '';
  // A server that gets one thing wrong everywhere would otherwise repeat it, hint and all, once per
  // resource; --verbose lists every response as it came.
  const shared = verbose ? new Map<string, SharedFinding>() : sharedFindings(results);
  if (shared.size > 0) {
    yield paint('underline', 'findings shared by several responses');
    for (const group of shared.values()) {
      yield* findingLines(group.finding, subjectsLine(group));
      yield* reproduceLines(group.items[0]!, 'reproduce the first');
    }
    yield '';
  }
  let failingItems = 0;
  for (const item of results.items) {
    const findings = findingsOfItem(item);
    if (findings.length === 0 && !item.error) continue;
    failingItems++;
    const own = findings.filter((finding) => !shared.has(sameFindingKey(item, finding)));
    if (own.length === 0 && !item.error) continue;
    yield paint('underline', [item.location, item.title].filter(Boolean).map(visible).join('  '));
    if (item.error) yield `  ${paint('red', 'error')}  ${visible(item.error)}`;
    for (const finding of own) yield* findingLines(finding);
    yield* reproduceLines(item);
    yield '';
  }
  yield* setApartLines(results, paint);
  if (results.command === 'probe') {
    const rows = summarizeProbes(results);
    const label = (row: (typeof rows)[number]): string => visible(`${row.probeId}${row.via === 'direct' ? ' (direct)' : ''}`);
    const width = widest(rows.map((r) => label(r).length), 5);
    yield paint('bold', `${'probe'.padEnd(width)}  ran  MUST fail  SHOULD fail  errors`);
    for (const row of rows) {
      const must = row.failed.MUST > 0 ? paint('red', String(row.failed.MUST).padStart(9)) : String(row.failed.MUST).padStart(9);
      const should = row.failed.SHOULD > 0 ? paint('yellow', String(row.failed.SHOULD).padStart(11)) : String(row.failed.SHOULD).padStart(11);
      yield `${label(row).padEnd(width)}  ${String(row.ran).padStart(3)}  ${must}  ${should}  ${String(row.errors).padStart(6)}`;
    }
    yield '';
    const comparison = compareDirect(results);
    if (comparison.length > 0) {
      yield paint('bold', `aggregated vs direct (${visible(results.direct?.server ?? '')})`);
      const cell = (side?: { status?: number; failed: string[] }): string => (side ? `${side.status ?? 'error'} ${side.failed.length > 0 ? visible(side.failed.join(',')) : 'ok'}` : '-');
      const probeWidth = widest(comparison.map((r) => visible(`${r.probeId} ${r.resource}`).length));
      const aggWidth = widest(comparison.map((r) => cell(r.aggregator).length), 10);
      yield paint('bold', `${'probe'.padEnd(probeWidth)}  ${'aggregator'.padEnd(aggWidth)}  direct`);
      for (const row of comparison) {
        const differs = cell(row.aggregator) !== cell(row.direct);
        const line = `${visible(`${row.probeId} ${row.resource}`).padEnd(probeWidth)}  ${cell(row.aggregator).padEnd(aggWidth)}  ${cell(row.direct)}`;
        yield differs ? paint('yellow', line) : line;
      }
      yield '';
    }
    if (results.target) {
      const { server, version, context } = results.target;
      yield `target ${visible(server)}${version ? ` (${visible(version)})` : ''}${context ? `, context ${visible(context)}` : ''}`;
    }
    if (results.timing) yield paint('dim', timingLine(results.timing));
    const aggregated = results.discovery?.groupVersions.filter((g) => g.aggregated) ?? [];
    if (aggregated.length > 0) yield `aggregated API servers: ${aggregated.map((g) => `${visible(g.groupVersion)} (${visible(String(g.service))})`).join(', ')}`;
    if (results.api) {
      yield `openapi ${visible(results.api.document)} (${results.api.operations} operation${results.api.operations === 1 ? '' : 's'})`;
    }
    for (const group of notRunByReason(results)) {
      yield paint('dim', `not run: ${group.count} probe${group.count === 1 ? '' : 's'} (${visible(group.probeIds.join(', '))}): ${visible(group.reason)}`);
    }
    yield* policyNoteLines(results, paint);
    if (results.interrupted) yield paint('yellow', 'interrupted: only the probes that ran are reported');
    const { levels } = summarize(results);
    yield `checks passed: MUST ${formatRate(levels.MUST)} (${levels.MUST.passed}/${levels.MUST.passed + levels.MUST.failed}), SHOULD ${formatRate(levels.SHOULD)} (${levels.SHOULD.passed}/${levels.SHOULD.passed + levels.SHOULD.failed})`;
    const verdict = verdictOf(results);
    if (verdict.verdict === 'nothing-checked') yield paint('yellow', `∅ nothing checked: ${visible(verdict.why ?? '')}`);
    else yield verdict.conformant ? paint('green', '✔ conformant') : paint('red', '✖ not conformant');
    yield paint('dim', verdict.rule);
  }
  if (results.command !== 'probe') yield* policyNoteLines(results, paint);
  const counts = countFindings(results);
  const total = counts.MUST + counts.SHOULD;
  const checked = countedItems(results);
  if (total === 0 && failingItems === 0) {
    yield paint('green', `✔ no problems in ${checked} (profile ${visible(results.profile)})`);
  } else {
    yield paint(
      counts.MUST > 0 ? 'red' : 'yellow',
      `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.MUST} MUST, ${counts.SHOULD} SHOULD) in ${countedItems(results, (item) => findingsOfItem(item).length > 0 || item.error !== undefined)} (profile ${visible(results.profile)})`,
    );
  }
}

export default defineReporter(
  fromChunks({
    name: 'stylish',
    extension: 'txt',
    description: 'readable terminal output (colour on a terminal, none with NO_COLOR)',
    *chunks(results, options) {
      for (const line of stylishLines(results, options)) yield `${guardLineStart(line)}\n`;
    },
  }),
);
