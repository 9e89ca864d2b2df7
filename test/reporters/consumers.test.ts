/**
 * The JUnit and Markdown reports read by the tools that consume them in CI: JUnit merged by
 * junit-report-merger (it parses each file and sums the counts of suites of the same name), and the
 * Markdown summary rendered by markdown-it with tables, as GitHub renders a step summary (GFM).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeToString } from 'junit-report-merger';
import MarkdownIt from 'markdown-it';
import { applyPolicy } from '../../conformance/policy/apply.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import type { Results } from '../../conformance/results.js';
import { inheritedSet } from '../../schemas/inherited.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
const render = (format: string, results: Results): string => REPORTERS.get(format)!.render(results, { color: false });

const RUNS: ReadonlyArray<[string, () => Results]> = [
  ['probe of a broken server', brokenServerResults],
  ['validate of recordings', validateResults],
  ['probe with a policy', () => applyPolicy(brokenServerResults(), { inherit: inheritedSet('k8s.io/apiserver'), today: '2026-01-15' })],
];

const attribute = (element: string, name: string): number => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(element)?.[1]);

/** Where a merged JUnit document's counts disagree with the elements it holds. */
function disagreements(merged: string): string[] {
  const problems: string[] = [];
  const root = /<testsuites\b[^>]*>/.exec(merged)?.[0] ?? '';
  if (attribute(root, 'tests') !== count(merged, /<testcase\b/g)) problems.push(`testsuites: tests="${attribute(root, 'tests')}"`);
  if (attribute(root, 'failures') !== count(merged, /<failure\b/g)) problems.push(`testsuites: failures="${attribute(root, 'failures')}"`);
  for (const suite of merged.match(/<testsuite\b[^>]*>[\s\S]*?<\/testsuite>/g) ?? []) {
    const open = /<testsuite\b[^>]*>/.exec(suite)![0];
    if (attribute(open, 'tests') !== count(suite, /<testcase\b/g) || attribute(open, 'failures') !== count(suite, /<failure\b/g)) problems.push(open);
  }
  return problems;
}

describe('JUnit read back by junit-report-merger', () => {
  it('merges the reports of several runs into totals that match the test cases they hold', async () => {
    const reports = RUNS.map(([, results]) => render('junit', results()));
    // The first twice: suites of the same name are merged and their counts summed.
    const merged = await mergeToString([...reports, reports[0]!]);
    assert.deepEqual(disagreements(merged), []);
    assert.ok(count(merged, /<testcase\b/g) > 100);
  });

  it('a report whose counts are wrong merges into totals that disagree', async () => {
    const merged = await mergeToString(['<testsuites><testsuite name="a" tests="2" failures="0"><testcase name="x"/></testsuite></testsuites>']);
    assert.equal(disagreements(merged).length, 2);
  });
});

describe('Markdown summary rendered as GitHub renders it (markdown-it, tables on)', () => {
  const markdown = new MarkdownIt('default', { html: false });

  for (const [name, results] of RUNS) {
    it(`${name}: every table has as many cells a row as its header, and no table row is left as text`, () => {
      const html = markdown.render(render('markdown', results()));
      const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
      assert.ok(tables.length > 0, 'the summary has tables');
      for (const table of tables) {
        const rows = table.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
        const cells = rows.map((row) => count(row, /<t[hd]\b/g));
        assert.ok(cells.every((n) => n === cells[0]), `rows of ${cells.join(', ')} cells`);
      }
      // Every table line of the Markdown is a row of a rendered table: none broke out as text.
      const source = render('markdown', results()).split('\n').filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line));
      assert.equal(tables.reduce((rows, table) => rows + count(table, /<tr>/g), 0), source.length);
      const outside = html.replace(/<table>[\s\S]*?<\/table>/g, '').replace(/<pre>[\s\S]*?<\/pre>/g, '');
      assert.doesNotMatch(outside, /(^|>)\s*\|[^|\n]*\|/m);
    });
  }
});
