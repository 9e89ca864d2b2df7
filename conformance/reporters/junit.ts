import type { CheckResult } from '../check.js';
import { recordedSourceOf, type ResultItem, type Results } from '../results.js';
import { subjectOf, summarize } from '../summary.js';
import { escapeXml, escapeXmlText } from './format.js';
import { defineReporter } from './reporter.js';

/**
 * JUnit XML, valid against the Jenkins JUnit schema that Jenkins, GitLab and the GitHub test-report
 * actions read. One testcase per response × check: a failure for a failed check, `<skipped>` with the
 * reason for a skipped one, and one `<error>` testcase for a probe that got no response. Suites are
 * probes (or files, for `validate`), so a CI test view groups like `statuslint probe` does.
 */

/** Enough of a body to debug from in a CI log, not the whole recording. */
const OUTPUT_LIMIT = 4000;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit timestamps carry no zone: they are UTC here. */
const timestampOf = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toISOString().slice(0, 19));

function suiteNameOf(item: ResultItem): string {
  if (item.probeId) return item.via === 'direct' ? `${item.probeId} (direct)` : item.probeId;
  return recordedSourceOf(item)?.file ?? 'responses seen while discovering';
}

/** Jenkins splits a classname at its dots into package and class: keep probe ids whole, drop a file's extension. */
function classNameOf(suite: string, item: ResultItem): string {
  if (item.probeId) return `statuslint.${suite.replace(/[. ()]+/g, '_').replace(/_$/, '')}`;
  return suite.replace(/\.[a-z0-9]+$/i, '');
}

function exchangeText(item: ResultItem): string {
  const lines: string[] = [];
  if (item.request) lines.push(`Request: ${item.request.method} ${item.request.path}`);
  if (item.response) {
    lines.push(`Response: HTTP ${item.response.status}${item.response.headers['content-type'] ? ` (${item.response.headers['content-type']})` : ''}`);
    const body = item.response.body ?? '';
    if (body !== '') lines.push(body.length > OUTPUT_LIMIT ? `${body.slice(0, OUTPUT_LIMIT)}… (${body.length} characters recorded)` : body);
    if (item.response.truncated) lines.push('(the body was truncated when recorded)');
  }
  return lines.join('\n');
}

function testcase(item: ResultItem, result: CheckResult, suite: string): string {
  const name = `${subjectOf(item)} › ${result.checkId}`;
  const open = `    <testcase name="${escapeXml(name)}" classname="${escapeXml(classNameOf(suite, item))}" time="0"`;
  if (result.outcome === 'pass') return `${open}/>`;
  if (result.outcome === 'skip') return `${open}>\n      <skipped>${escapeXmlText(result.reason)}</skipped>\n    </testcase>`;
  const details = result.findings
    .map((f) => [`[${f.level}] ${f.checkId} at ${f.pointer === '' ? 'the body' : f.pointer}`, f.message, ...(f.hint ? [`Fix: ${f.hint}`] : [])].join('\n'))
    .join('\n\n');
  const level = result.findings.some((f) => f.level === 'MUST') ? 'MUST' : 'SHOULD';
  const message = result.findings.map((f) => f.message).join(' ');
  return [
    `${open}>`,
    `      <failure type="${level}" message="${escapeXml(message)}">${escapeXmlText(`${details}\n\n${item.title}\n${item.location}`)}</failure>`,
    `      <system-out>${escapeXmlText(exchangeText(item))}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

function errorCase(item: ResultItem, suite: string): string {
  return [
    `    <testcase name="${escapeXml(`${subjectOf(item)} › response`)}" classname="${escapeXml(classNameOf(suite, item))}" time="${seconds(item.durationMs ?? 0)}">`,
    `      <error type="no-response" message="${escapeXml(item.error ?? '')}">${escapeXmlText(`${item.title}\n${item.location}\n${item.error ?? ''}`)}</error>`,
    '    </testcase>',
  ].join('\n');
}

export default defineReporter({
  name: 'junit',
  extension: 'xml',
  description: 'JUnit XML for CI test views (Jenkins, GitLab, GitHub test reporters): one testcase per response and check',
  render(results: Results) {
    const suites = new Map<string, ResultItem[]>();
    for (const item of results.items) {
      const name = suiteNameOf(item);
      const list = suites.get(name) ?? [];
      list.push(item);
      suites.set(name, list);
    }
    const summary = summarize(results);
    const timestamp = timestampOf(results.startedAt);
    let tests = 0;
    let failures = 0;
    let errors = 0;
    const suiteXml: string[] = [];
    for (const [name, items] of suites) {
      const cases: string[] = [];
      let suiteFailures = 0;
      let suiteSkipped = 0;
      let suiteErrors = 0;
      // A suite takes as long as its exchanges; judging a response takes microseconds, so checks show 0.
      let suiteMs = 0;
      for (const item of items) {
        suiteMs += item.durationMs ?? 0;
        if (item.error) {
          suiteErrors++;
          cases.push(errorCase(item, name));
        }
        for (const result of item.checks) {
          if (result.outcome === 'fail') suiteFailures++;
          if (result.outcome === 'skip') suiteSkipped++;
          cases.push(testcase(item, result, name));
        }
      }
      tests += cases.length;
      failures += suiteFailures;
      errors += suiteErrors;
      suiteXml.push(
        `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" time="${seconds(suiteMs)}" timestamp="${escapeXml(timestamp)}">`,
        ...cases,
        '  </testsuite>',
      );
    }
    const title = `statuslint ${results.command}${results.target ? ` ${results.target.server}` : ''}: ${summary.verdict.conformant ? 'conformant' : 'not conformant'}`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${escapeXml(title)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(summary.durationMs ?? 0)}">`,
      ...suiteXml,
      '</testsuites>',
      '',
    ].join('\n');
  },
});
