import { styleText } from 'node:util';
import type { Finding } from '../findings.js';
import { countFindings, findingsOfItem, type ResultItem, type Results } from '../results.js';
import { compareDirect, countedItems, formatRate, notRunByReason, subjectCount, type SubjectList, subjectOf, summarize, summarizeProbes, verdictOf } from '../summary.js';
import { nothingCheckedReason } from '../verdict.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes, policySummary, type SuppressedGroup } from '../policy/summary.js';
import { guardLineStart, visible } from '../untrusted.js';
import { curlCommand } from '../curl.js';
import { errorCount, interruptedScope, timingLine } from './format.js';
import { defineReporter, type ReporterOptions } from './reporter.js';

type Style = Parameters<typeof styleText>[0];

/** The widest of some lengths (a spread of thousands of arguments would overflow the stack). */
const widest = (lengths: Iterable<number>, least = 0): number => {
  let width = least;
  for (const length of lengths) if (length > width) width = length;
  return width;
};

/** Subjects named on a shared finding's line before the rest are only counted. */
const SUBJECTS_SHOWN = 6;

/**
 * The same finding on several responses to one probe: every field a reader sees is equal, only the
 * response differs. Its lines are rendered when it is first met.
 */
interface SharedFinding {
  /** Its number, in the order met: kept blocks name it by this rather than by its key. */
  id: number;
  level: Finding['level'];
  /** The finding's line, and its hint's. */
  line: string;
  hint: string | undefined;
  probeId: string | undefined;
  /** The first response's request as `curl`. */
  reproduceFirst: string[];
  /** The number of the last response met with it. */
  last: number;
  responses: number;
  subjects: SubjectList;
  seen: Set<string>;
}

/**
 * A finding as its line and hint show it (line and column too: a document's position is printed), and
 * the probe that drew it: the same words from two probes answer two different requests, and the line
 * naming only the resources could not tell them apart.
 */
const sameFindingKey = (item: ResultItem, finding: Finding): string =>
  // Each part with its length before it, so that no two findings share a key: cheaper than JSON.stringify, asked of every finding.
  `${part(item.probeId)}${part(finding.checkId)}${part(finding.level)}${part(finding.pointer)}${part(finding.message)}${part(finding.hint)}${part(finding.line)}${part(finding.column)}`;

/** `7:message` for a string, `#12;` for a number, `-` for none. */
const part = (value: string | number | undefined): string => (value === undefined ? '-' : typeof value === 'number' ? `#${value};` : `${value.length}:${value}`);

/** A finding's line, and its hint's when it has one. */
const linesOf = (line: string, hint: string | undefined): string[] => (hint !== undefined ? [line, hint] : [line]);

/** Distinct findings followed: past this many (messages that name each response), the rest are listed on their responses. */
const FINDINGS_FOLLOWED = 1000;

/** Distinct subjects kept per shared finding: six are named, the rest counted. */
const SUBJECTS_KEPT = 1000;

/**
 * A response with something to show, rendered as it arrives and kept until the end: its heading, its
 * error line, each finding as the number of the shared finding it is (whose lines are its lines) or,
 * when not followed, as its lines, and its request as `curl`.
 */
type Block = [heading: string, error: string | null, findings: Array<number | string[]>, reproduce: string[]];

/** Shared findings, MUST before SHOULD, then the most responses first; ties in the order met (the sort is stable). */
const sharedInOrder = (all: ReadonlyMap<string, SharedFinding>): Map<string, SharedFinding> =>
  new Map([...all].filter(([, group]) => group.responses > 1).sort(([, a], [, b]) => (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : 1) || b.responses - a.responses));

/** `64 responses to method-not-allowed: configmaps, secrets, deployments.apps, … (+58 more)`; each subject named once. */
function subjectsLine({ probeId, responses, subjects }: SharedFinding): string {
  const shown = subjects.names.slice(0, SUBJECTS_SHOWN).join(', ');
  const more = subjectCount(subjects) - SUBJECTS_SHOWN;
  return `${responses} responses${probeId !== undefined ? ` to ${visible(probeId)}` : ''}: ${shown}${more > 0 ? `, … (+${more} more)` : ''}`;
}

const SUPPRESSION_LABEL: Readonly<Record<SuppressedGroup['kind'], string>> = { known: 'known    ', waived: 'waived   ', inherited: 'inherited' };

/** `configmaps, secrets, … (+58 more)`. */
function subjectList(subjects: readonly string[], uncounted = 0): string {
  const shown = subjects.slice(0, SUBJECTS_SHOWN).map(visible).join(', ');
  const more = subjects.length + uncounted - SUBJECTS_SHOWN;
  return `${shown}${more > 0 ? `, … (+${more} more)` : ''}`;
}

/** Known, waived and inherited findings, after those that count: each group on one line, with why. */
function* setApartLines(results: Results, paint: (style: Style, text: string) => string): Generator<string> {
  if (!results.policy) return;
  const { groups } = policySummary(results);
  if (groups.length === 0) return;
  yield paint('underline', 'reported apart: known, waived and inherited findings do not fail the run');
  for (const group of groups) {
    const level = group.level === 'MUST' ? 'MUST  ' : 'SHOULD';
    yield `  ${paint('dim', SUPPRESSION_LABEL[group.kind])}  ${level}  ${visible(group.checkId)}  ${group.count} finding${group.count === 1 ? '' : 's'}: ${subjectList(group.subjects, group.moreSubjects)}`;
    yield `          ${paint('dim', group.kind === 'known' ? visible(group.reason) : `${visible(group.by)}: ${visible(group.reason)}`)}`;
  }
  yield '';
}

/** The baseline's count, checks turned off, subjects ignored, waivers expired (which fail the run) or unused. */
function* policyNoteLines(results: Results, paint: (style: Style, text: string) => string): Generator<string> {
  for (const note of policyNotes(results)) yield note.failing ? paint('red', `✖ ${visible(note.text)}`) : paint('dim', visible(note.text));
}

type Paint = (style: Style, text: string) => string;

/** How stylish draws: colour only where the destination takes it (styleText must not second-guess it from stdout). */
const painter = (color: boolean): Paint => (style, text) => (color ? styleText(style, text, { validateStream: false }) : text);

/**
 * Every string of the model a server, a document or a results file controls passes `visible` (one
 * line, no control characters); every line passes `guardLineStart`, as some open with such a string.
 */
class StylishStream {
  private readonly paint: Paint;
  private readonly followed = new Map<string, SharedFinding>();
  private count = 0;

  constructor(
    private readonly head: Results,
    private readonly options: ReporterOptions,
  ) {
    this.paint = painter(options.color);
  }

  /** The request again as a `curl` command (probe results only), or why there is none. */
  private reproduceLines(item: ResultItem, label = 'reproduce'): string[] {
    const curl = curlCommand(this.head, item);
    if (!curl) return [];
    return [...('command' in curl ? [`  ${this.paint('dim', `${label}:`)} ${curl.command}`] : []), ...(curl.note ? [`  ${this.paint('dim', visible(curl.note))}`] : [])];
  }

  private findingLine(finding: Finding): string {
    const level = finding.level === 'MUST' ? this.paint('red', 'MUST  ') : this.paint('yellow', 'SHOULD');
    // Where the document says it (spec), as ESLint's stylish puts line:column first.
    const position = finding.line !== undefined ? `${this.paint('dim', `${finding.line}:${finding.column ?? 1}`)}  ` : '';
    return `  ${position}${level}  ${this.paint('dim', visible(finding.pointer || '/'))}  ${visible(finding.message)}  ${this.paint('dim', visible(finding.checkId))}`;
  }

  private hintLine = (finding: Finding): string | undefined => (finding.hint ? `          ${this.paint('dim', `hint: ${visible(finding.hint)}`)}` : undefined);

  /** A response with a finding or without an answer, as a block kept for the end (one line of JSON); nothing for the others. */
  item(item: ResultItem): string | undefined {
    const findings = findingsOfItem(item);
    if (findings.length === 0 && !item.error) return undefined;
    const number = this.count++;
    const entries: Block[2] = [];
    for (const finding of findings) {
      // A server that gets one thing wrong everywhere would otherwise repeat it, hint and all, once per
      // resource; --verbose lists every response as it came.
      const key = this.options.verbose ? undefined : sameFindingKey(item, finding);
      const known = key !== undefined ? this.followed.get(key) : undefined;
      // The key holds every field the lines show: a finding met before has its lines already.
      const line = known?.line ?? this.findingLine(finding);
      const hint = known ? known.hint : this.hintLine(finding);
      const group = key !== undefined ? this.follow(key, known, item, finding, line, hint, number) : undefined;
      entries.push(group?.id ?? linesOf(line, hint));
    }
    const heading = this.paint('underline', item.location && item.title ? `${visible(item.location)}  ${visible(item.title)}` : visible(item.location || item.title || ''));
    const error = item.error ? `  ${this.paint('red', 'error')}  ${visible(item.error)}` : null;
    const block: Block = [heading, error, entries, this.reproduceLines(item)];
    return JSON.stringify(block);
  }

  /** The shared finding this one is (`group`, when met before), counting this response; undefined past FINDINGS_FOLLOWED. */
  private follow(key: string, group: SharedFinding | undefined, item: ResultItem, finding: Finding, line: string, hint: string | undefined, number: number): SharedFinding | undefined {
    if (!group) {
      if (this.followed.size >= FINDINGS_FOLLOWED) return undefined;
      const first = { id: this.followed.size, level: finding.level, line, hint, probeId: item.probeId, reproduceFirst: this.reproduceLines(item, 'reproduce the first') };
      this.followed.set(key, (group = { ...first, last: number, responses: 1, subjects: { names: [], more: 0 }, seen: new Set() }));
    } else if (group.last !== number) {
      // Findings come a response at a time, so a repeat of this response can only be the last one.
      group.last = number;
      group.responses++;
    } else return group;
    const subject = visible(subjectOf(item));
    if (group.seen.has(subject)) return group;
    if (group.subjects.names.length < SUBJECTS_KEPT) {
      group.seen.add(subject);
      group.subjects.names.push(subject);
    } else group.subjects.more++;
    return group;
  }

  *end(results: Results, kept: Iterable<string>): Generator<string> {
    const paint = this.paint;
    // What the run says once comes first: it explains the findings below (or their absence).
    const notes = diagnosticNotes(results);
    for (const note of notes) yield note.failing ? `${paint('red', 'MUST  ')}  ${visible(note.text)}` : paint('bold', visible(note.text));
    if (notes.length > 0) yield '';
    const shared = sharedInOrder(this.followed);
    const sharedIds = new Set([...shared.values()].map((group) => group.id));
    // Numbered in the order met, which is the map's order.
    const followed = [...this.followed.values()];
    if (shared.size > 0) {
      yield paint('underline', 'findings shared by several responses');
      for (const group of shared.values()) {
        yield group.line;
        yield `          ${subjectsLine(group)}`;
        if (group.hint !== undefined) yield group.hint;
        yield* group.reproduceFirst;
      }
      yield '';
    }
    for (const text of kept) {
      const [heading, error, entries, reproduce] = JSON.parse(text) as Block;
      const own = entries.filter((entry) => typeof entry !== 'number' || !sharedIds.has(entry));
      if (own.length === 0 && error === null) continue;
      yield heading;
      if (error !== null) yield error;
      for (const entry of own) yield* typeof entry === 'number' ? linesOf(followed[entry]!.line, followed[entry]!.hint) : entry;
      yield* reproduce;
      yield '';
    }
    yield* summaryLines(results, paint, this.count);
  }
}

/** What follows the responses: what the policy set apart, the probes' table, the verdict and the totals. */
function* summaryLines(results: Results, paint: Paint, failingItems: number): Generator<string> {
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
    if (results.interrupted) yield paint('yellow', `interrupted: only ${interruptedScope(results)} are reported`);
    const { levels } = summarize(results);
    yield `checks passed: MUST ${formatRate(levels.MUST)} (${levels.MUST.passed}/${levels.MUST.passed + levels.MUST.failed}), SHOULD ${formatRate(levels.SHOULD)} (${levels.SHOULD.passed}/${levels.SHOULD.passed + levels.SHOULD.failed})`;
    const verdict = verdictOf(results);
    if (verdict.verdict === 'nothing-checked') yield paint('yellow', `∅ nothing checked: ${visible(verdict.why ?? '')}`);
    else yield verdict.conformant ? paint('green', '✔ conformant') : paint('red', '✖ not conformant');
    yield paint('dim', verdict.rule);
  }
  if (results.command !== 'probe') {
    yield* policyNoteLines(results, paint);
    if (results.interrupted) yield paint('yellow', `interrupted: only ${interruptedScope(results)} are reported`);
    const { errors } = summarize(results);
    if (errors > 0) yield paint('red', errorCount(results, errors));
  }
  const counts = countFindings(results);
  const total = counts.MUST + counts.SHOULD;
  const checked = countedItems(results);
  const nothing = results.command === 'probe' ? undefined : nothingCheckedReason(results);
  if (total === 0 && failingItems === 0 && nothing !== undefined) {
    yield paint('yellow', `∅ nothing checked in ${checked}: ${visible(nothing)} (profile ${visible(results.profile)})`);
  } else if (total === 0 && failingItems === 0) {
    yield paint('green', `✔ no problems in ${checked} (profile ${visible(results.profile)})`);
  } else {
    yield paint(
      counts.MUST > 0 ? 'red' : 'yellow',
      `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.MUST} MUST, ${counts.SHOULD} SHOULD) in ${countedItems(results, 'failing-or-error')} (profile ${visible(results.profile)})`,
    );
  }
}

export default defineReporter({
  name: 'stylish',
  extension: 'txt',
  description: 'readable terminal output (colour on a terminal, none with NO_COLOR)',
  // Findings several responses share come first: each response with something to show is rendered as
  // it arrives and kept (by the writer, in a temporary file) until they are known.
  open(head, options) {
    const stream = new StylishStream(head, options);
    return {
      start: () => [],
      *item(item) {
        const block = stream.item(item);
        if (block !== undefined) yield { keep: block };
      },
      *end(results, kept) {
        for (const line of stream.end(results, kept)) yield `${guardLineStart(line)}\n`;
      },
    };
  },
});
