import type { CheckResult } from '../check.js';
import { isSuppressedFailure, recordedSourceOf, type ResultItem, type Results } from '../results.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes } from '../policy/summary.js';
import { itemSubjectOf } from '../run-digest.js';
import { summarize } from '../summary.js';
import type { Finding } from '../findings.js';
import { visible } from '../untrusted.js';
import { escapeXml, escapeXmlText } from './format.js';
import { defineReporter, type Piece, SECTION_START } from './reporter.js';

/**
 * JUnit XML, valid against the Jenkins JUnit schema that Jenkins, GitLab and the GitHub test-report
 * actions read. One testcase per response × check: a failure for a failed check, `<skipped>` with the
 * reason for a skipped one, and one `<error>` testcase for a probe that got no response. Suites are
 * probes (files for `validate`, documents for `spec`), so a CI test view groups like `statuslint probe` does.
 */

/** Enough of a body to debug from in a CI log, not the whole recording. */
const OUTPUT_LIMIT = 4000;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit timestamps carry no zone: they are UTC here. */
const timestampOf = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toISOString().slice(0, 19));

/** A probe's responses, a recorded file's, or a described document's operations (`spec`): one suite each. */
function suiteNameOf(item: ResultItem): string {
  if (item.probeId) return item.via === 'direct' ? `${item.probeId} (direct)` : item.probeId;
  if (item.document !== undefined) return item.document;
  return recordedSourceOf(item)?.file ?? 'responses seen while discovering';
}

/** Jenkins splits a classname at its dots into package and class: keep probe ids whole, drop a file's extension. */
function classNameOf(suite: string, item: ResultItem): string {
  if (item.probeId) return `statuslint.${suite.replace(/[. ()]+/g, '_').replace(/_$/, '')}`;
  return suite.replace(/\.[a-z0-9]+$/i, '');
}

function exchangeText(item: ResultItem): string {
  const lines: string[] = [];
  if (item.request) lines.push(`Request: ${visible(item.request.method)} ${visible(item.request.path)}`);
  if (item.response) {
    const contentType = item.response.headers['content-type'];
    lines.push(`Response: HTTP ${item.response.status}${contentType ? ` (${visible(contentType)})` : ''}`);
    const body = item.response.body ?? '';
    if (body !== '') lines.push(body.length > OUTPUT_LIMIT ? `${body.slice(0, OUTPUT_LIMIT)}… (${body.length} characters recorded)` : body);
    if (item.response.truncated) lines.push('(the body was truncated when recorded)');
  }
  return lines.join('\n');
}

/** A finding's lines in a failure: server text one line each, so that only our own line breaks start lines. */
const findingText = (f: Finding): string =>
  [`[${f.level}] ${visible(f.checkId)} at ${f.pointer === '' ? 'the body' : visible(f.pointer)}`, visible(f.message), ...(f.hint ? [`Fix: ${visible(f.hint)}`] : [])].join('\n');

/** Why a failure counts neither way: its findings are known, waived or inherited. */
const suppressedText = (findings: readonly Finding[]): string =>
  [...new Set(findings.map((f) => `${f.suppressed!.kind} (${f.suppressed!.by}): ${f.suppressed!.reason}`))].map(visible).join('\n');

/**
 * What every testcase of a response shares, escaped once per response rather than once per check.
 * `escapeXml(\`${subject} › ${checkId}\`)` is `escapeXml(subject)`, ` › `, `escapeXml(checkId)`: each of
 * its replacements acts on one character or on a run of `#`, letters and `[` (a log command), and the
 * blanks of ` › ` end both, so the name is escaped in two parts (a test holds the two to the same text).
 */
interface CaseHead {
  subject: string;
  className: string;
}

const caseHeadOf = (item: ResultItem, suite: string): CaseHead => ({ subject: escapeXml(itemSubjectOf(item)), className: escapeXml(classNameOf(suite, item)) });

/** Check ids and skip reasons come back on every response: escaped once each (a run knows a few dozen). */
const escapedCheckIds = new Map<string, string>();
const skippedTexts = new Map<string, string>();
const TEXTS_KEPT = 1000;

function remembered(texts: Map<string, string>, text: string, escape: (text: string) => string): string {
  let escaped = texts.get(text);
  if (escaped === undefined) {
    if (texts.size >= TEXTS_KEPT) texts.clear();
    texts.set(text, (escaped = escape(text)));
  }
  return escaped;
}

const skippedText = (reason: string): string => escapeXmlText(visible(reason));

function testcase(item: ResultItem, result: CheckResult, head: CaseHead): string {
  const open = `    <testcase name="${head.subject} › ${remembered(escapedCheckIds, result.checkId, escapeXml)}" classname="${head.className}" time="0"`;
  if (result.outcome === 'pass') return `${open}/>`;
  if (result.outcome === 'skip') return `${open}>\n      <skipped>${remembered(skippedTexts, result.reason, skippedText)}</skipped>\n    </testcase>`;
  const counted = result.findings.filter((f) => f.suppressed === undefined);
  if (counted.length === 0) return `${open}>\n      <skipped>${escapeXmlText(suppressedText(result.findings))}</skipped>\n    </testcase>`;
  const details = counted.map(findingText).join('\n\n');
  const level = counted.some((f) => f.level === 'MUST') ? 'MUST' : 'SHOULD';
  const message = counted.map((f) => f.message).join(' ');
  return [
    `${open}>`,
    `      <failure type="${level}" message="${escapeXml(message)}">${escapeXmlText(`${details}\n\n${visible(item.title)}\n${visible(item.location)}`)}</failure>`,
    `      <system-out>${escapeXmlText(exchangeText(item))}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

/** A run that checked nothing fails a testcase of its own; each probe not run is a skipped testcase saying why. */
function* verdictAndNotRunSuites(results: Results, nothingChecked: string | undefined, timestamp: string): Generator<string> {
  if (nothingChecked !== undefined) {
    yield `  <testsuite name="verdict" tests="1" failures="1" errors="0" skipped="0" time="0" timestamp="${escapeXml(timestamp)}">\n`;
    yield `    <testcase name="something was checked" classname="statuslint.verdict" time="0">\n      <failure type="nothing-checked" message="${escapeXml(visible(nothingChecked))}">${escapeXmlText(visible(nothingChecked))}</failure>\n    </testcase>\n`;
    yield '  </testsuite>\n';
  }
  yield* diagnosticsSuite(results, timestamp);
  yield* policySuite(results, timestamp);
  const notRun = results.notRun ?? [];
  if (notRun.length === 0) return;
  yield `  <testsuite name="probes not run" tests="${notRun.length}" failures="0" errors="0" skipped="${notRun.length}" time="0" timestamp="${escapeXml(timestamp)}">\n`;
  for (const entry of notRun) {
    const subject = entry.operation ?? entry.resource ?? 'server';
    const name = `${subject}${entry.via === 'direct' ? ' (direct)' : ''} › ${entry.probeId}`;
    // The Jenkins schema gives `skipped` no attributes: the reason is its text.
    yield `    <testcase name="${escapeXml(visible(name))}" classname="statuslint.not-run" time="0">\n      <skipped>${escapeXmlText(visible(entry.reason))}</skipped>\n    </testcase>\n`;
  }
  yield '  </testsuite>\n';
}

/** The policy's notes as testcases: an expired waiver fails one, the rest (the baseline's count, checks off, ignores) are skipped ones saying so. */
function* policySuite(results: Results, timestamp: string): Generator<string> {
  const notes = policyNotes(results);
  if (notes.length === 0) return;
  const failing = notes.filter((note) => note.failing).length;
  yield `  <testsuite name="policy" tests="${notes.length}" failures="${failing}" errors="0" skipped="${notes.length - failing}" time="0" timestamp="${escapeXml(timestamp)}">\n`;
  for (const note of notes) {
    const body = note.failing
      ? `<failure type="expired-waiver" message="${escapeXml(note.text)}">${escapeXmlText(visible(note.text))}</failure>`
      : `<skipped>${escapeXmlText(visible(note.text))}</skipped>`;
    yield `    <testcase name="${escapeXml(note.kind)}" classname="statuslint.policy" time="0">\n      ${body}\n    </testcase>\n`;
  }
  yield '  </testsuite>\n';
}

/** What the run says once as testcases: a profile the error bodies do not fit fails one, the other notes are skipped ones saying so. */
function* diagnosticsSuite(results: Results, timestamp: string): Generator<string> {
  const notes = diagnosticNotes(results);
  if (notes.length === 0) return;
  const failing = notes.filter((note) => note.failing).length;
  yield `  <testsuite name="run" tests="${notes.length}" failures="${failing}" errors="0" skipped="${notes.length - failing}" time="0" timestamp="${escapeXml(timestamp)}">\n`;
  for (const note of notes) {
    const body = note.failing
      ? `<failure type="${escapeXml(note.kind)}" message="${escapeXml(visible(note.text))}">${escapeXmlText(visible(note.text))}</failure>`
      : `<skipped>${escapeXmlText(visible(note.text))}</skipped>`;
    yield `    <testcase name="${escapeXml(note.kind)}" classname="statuslint.run" time="0">\n      ${body}\n    </testcase>\n`;
  }
  yield '  </testsuite>\n';
}

/** The tests and failures of the policy and run suites, for the totals. */
const policyCounts = (results: Results): { tests: number; failures: number } => {
  const notes = [...diagnosticNotes(results), ...policyNotes(results)];
  return { tests: notes.length, failures: notes.filter((note) => note.failing).length };
};

function errorCase(item: ResultItem, head: CaseHead): string {
  return [
    `    <testcase name="${head.subject} › response" classname="${head.className}" time="${seconds(item.durationMs ?? 0)}">`,
    `      <error type="no-response" message="${escapeXml(item.error ?? '')}">${escapeXmlText(`${visible(item.title)}\n${visible(item.location)}\n${visible(item.error ?? '')}`)}</error>`,
    '    </testcase>',
  ].join('\n');
}

/** The counts of a suite: its opening tag carries them, and is written when the suite is over. */
interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** A suite takes as long as its exchanges; judging a response takes microseconds, so checks show 0. */
  ms: number;
}

const newSuite = (name: string): Suite => ({ name, tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 });

function countItem(suite: Suite, item: ResultItem): void {
  suite.ms += item.durationMs ?? 0;
  if (item.error) {
    suite.errors++;
    suite.tests++;
  }
  for (const result of item.checks) {
    suite.tests++;
    if (isSuppressedFailure(result) || result.outcome === 'skip') suite.skipped++;
    else if (result.outcome === 'fail') suite.failures++;
  }
}

/** Responses of one suite together, suites in the order first met: a run held whole is written as a stream whose suites each come in one piece. */
function bySuite(items: readonly ResultItem[]): ResultItem[] {
  const suites = new Map<string, ResultItem[]>();
  for (const item of items) {
    const name = suiteNameOf(item);
    let list = suites.get(name);
    if (!list) suites.set(name, (list = []));
    list.push(item);
  }
  return [...suites.values()].flat();
}

export default defineReporter({
  name: 'junit',
  extension: 'xml',
  description: 'JUnit XML for CI test views (Jenkins, GitLab, GitHub test reporters): one testcase per response and check',
  ordering: bySuite,
  // One piece per response: a run of 10,000 responses has 200,000 testcases. The root's and each
  // suite's opening tags count what they hold: each is a section, written when it is over.
  open(head: Results) {
    const timestamp = timestampOf(head.startedAt);
    const totals = { tests: 0, failures: 0, errors: 0 };
    let suite: Suite | undefined;
    function* closeSuite(): Generator<Piece> {
      if (!suite) return;
      yield '  </testsuite>\n';
      yield { head: `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="${seconds(suite.ms)}" timestamp="${escapeXml(timestamp)}">\n` };
      totals.tests += suite.tests;
      totals.failures += suite.failures;
      totals.errors += suite.errors;
      suite = undefined;
    }
    return {
      *start() {
        yield SECTION_START;
      },
      *item(item: ResultItem) {
        const name = suiteNameOf(item);
        if (suite?.name !== name) {
          yield* closeSuite();
          suite = newSuite(name);
          yield SECTION_START;
        }
        countItem(suite, item);
        // One piece per response (a dozen testcases): fewer pieces, each bounded by the checks a profile has.
        const caseHead = caseHeadOf(item, name);
        let text = item.error ? `${errorCase(item, caseHead)}\n` : '';
        for (const result of item.checks) text += `${testcase(item, result, caseHead)}\n`;
        yield text;
      },
      *end(results: Results) {
        yield* closeSuite();
        yield '</testsuites>\n';
        const summary = summarize(results);
        const notRun = results.notRun?.length ?? 0;
        const nothingChecked = summary.verdict.why ? 1 : 0;
        const policy = policyCounts(results);
        const tests = totals.tests + notRun + nothingChecked + policy.tests;
        const failures = totals.failures + nothingChecked + policy.failures;
        const title = `statuslint ${results.command}${results.target ? ` ${results.target.server}` : ''}: ${summary.verdict.label}`;
        const opening = [
          '<?xml version="1.0" encoding="UTF-8"?>\n',
          `<testsuites name="${escapeXml(title)}" tests="${tests}" failures="${failures}" errors="${totals.errors}" time="${seconds(summary.durationMs ?? 0)}">\n`,
          ...verdictAndNotRunSuites(results, summary.verdict.why, timestamp),
        ];
        yield { head: opening.join('') };
      },
    };
  },
});
