import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../conformance/check.js';
import type { ResultItem, Results } from '../../conformance/results.js';
import { adviceFor, failureGroups, formatRate, levelOf, reasonResourceMatrix, summarize, type Tally } from '../../conformance/summary.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const total = (tally: Tally): number => tally.passed + tally.failed + tally.skipped;
const checkResults = (results: Results): CheckResult[] => results.items.flatMap((i) => i.checks);

describe('the compliance summary of the probe fixture', () => {
  const results = brokenServerResults();
  const summary = summarize(results);

  it('counts MUST and SHOULD check results over every response', () => {
    assert.deepEqual(summary.levels, { MUST: { passed: 228, failed: 28, skipped: 85 }, SHOULD: { passed: 90, failed: 17, skipped: 234 } });
    assert.equal(total(summary.levels.MUST) + total(summary.levels.SHOULD), checkResults(results).length);
    assert.deepEqual([summary.responses, summary.failedResponses, summary.errors], [31, 29, 0]);
    assert.deepEqual(summary.findings, { MUST: 28, SHOULD: 19 });
    assert.equal(formatRate(summary.levels.MUST), '89.1%');
    assert.equal(summary.durationMs, 2418);
  });

  it('has a row per group-version, marking the aggregated one, and one for server-wide probes', () => {
    assert.deepEqual(
      summary.groups.map((g) => [g.label, g.kind, g.aggregated, g.service, g.responses, g.levels.MUST.failed, g.levels.SHOULD.failed]),
      [
        ['v1', 'group-version', false, undefined, 15, 14, 8],
        ['example.dev/v1', 'group-version', true, 'example-system/gadget-api', 15, 14, 8],
        ['server-wide probes', 'target', false, undefined, 1, 0, 1],
      ],
    );
    for (const level of ['MUST', 'SHOULD'] as const) {
      const sum = summary.groups.reduce((n, g) => n + total(g.levels[level]), 0);
      assert.equal(sum, total(summary.levels[level]), `${level} rows add up`);
    }
  });

  it('has a row per check that ran, in run order, adding up to every check result', () => {
    assert.deepEqual(summary.checks.slice(0, 2).map((c) => [c.checkId, c.level, c.passed, c.failed, c.skipped]), [
      ['status-code-expected', 'MUST', 25, 6, 0],
      ['reason-expected', 'MUST', 18, 10, 3],
    ]);
    assert.equal(summary.checks.reduce((n, c) => n + c.passed + c.failed + c.skipped, 0), checkResults(results).length);
    assert.ok(summary.checks.every((c) => c.title !== c.checkId), 'every check has its title');
  });

  it('groups findings by problem, MUST first, most widespread first', () => {
    const groups = failureGroups(results);
    assert.deepEqual(groups.slice(0, 2).map((g) => [g.checkId, g.expected, g.received, g.responses]), [
      ['code-matches-http-status', '415', '400', 4],
      ['reason-expected', 'UnsupportedMediaType', 'BadRequest', 4],
    ]);
    const firstShould = groups.findIndex((g) => g.level === 'SHOULD');
    assert.ok(groups.slice(firstShould).every((g) => g.level === 'SHOULD'));
    assert.equal(groups.reduce((n, g) => n + g.responses, 0) >= summary.failedResponses, true);
  });

  it('lays out a reason × resource matrix with the worst outcome of each cell', () => {
    const matrix = reasonResourceMatrix(results);
    assert.deepEqual(matrix.columns.slice(0, 4), [
      { key: 'reason:BadRequest', kind: 'reason', label: 'BadRequest', status: 400 },
      { key: 'reason:Unauthorized', kind: 'reason', label: 'Unauthorized', status: 401 },
      { key: 'reason:Forbidden', kind: 'reason', label: 'Forbidden', status: 403 },
      { key: 'reason:NotFound', kind: 'reason', label: 'NotFound', status: 404 },
    ]);
    assert.deepEqual(matrix.rows.map((r) => [r.label, r.groupVersion, r.aggregated]), [
      ['configmaps', 'v1', false],
      ['gadgets.example.dev', 'example.dev/v1', true],
      ['server', undefined, false],
    ]);
    const configmaps = matrix.rows[0]!.cells;
    assert.equal(configmaps.get('reason:NotAcceptable')?.outcome, 'pass');
    assert.equal(configmaps.get('reason:NotFound')?.outcome, 'should');
    assert.equal(configmaps.get('reason:Conflict')?.outcome, 'must');
    // Two probes ask for BadRequest: each records it, whatever its body says.
    assert.deepEqual(configmaps.get('reason:BadRequest')?.items.map((i) => i.probeId), ['create-malformed-json', 'list-bad-continue']);
    assert.deepEqual([...matrix.rows[2]!.cells.keys()], ['reason:NotFound']);
  });

  it('finds the catalog advice for the reason a probe expected, else for the status', () => {
    const item = (id: string): ResultItem => results.items.find((i) => i.id === id)!;
    assert.deepEqual(
      ['update-stale-resourceversion:configmaps', 'create-malformed-json:configmaps', 'unknown-group:target'].map((id) => {
        const advice = adviceFor(item(id), results);
        return [advice?.code, advice?.entry.recovery];
      }),
      [
        ['Conflict', 'refetch-and-retry'],
        ['BadRequest', 'fix-request'],
        ['NotFound', 'fix-request'],
      ],
    );
    const recorded = validateResults();
    assert.equal(adviceFor(recorded.items.find((i) => i.location.endsWith('#7'))!, recorded)?.code, 'HTTP 429');
  });
});

describe('the summary rules', () => {
  it('counts a failed MUST check that reported only SHOULD findings as a SHOULD failure, like the verdict', () => {
    const result: CheckResult = { checkId: 'schema', level: 'MUST', outcome: 'fail', findings: [{ checkId: 'schema', level: 'SHOULD', pointer: '', message: 'm' }] };
    assert.equal(levelOf(result), 'SHOULD');
    assert.equal(levelOf({ checkId: 'schema', level: 'MUST', outcome: 'pass' }), 'MUST');
  });

  it('never shows a failure as 100% or a pass as 0%, and shows – when nothing ran', () => {
    assert.equal(formatRate({ passed: 9999, failed: 1, skipped: 0 }), '99.9%');
    assert.equal(formatRate({ passed: 1, failed: 9999, skipped: 0 }), '0.1%');
    assert.equal(formatRate({ passed: 2, failed: 1, skipped: 5 }), '66.7%');
    assert.equal(formatRate({ passed: 0, failed: 0, skipped: 3 }), '–');
    assert.equal(formatRate({ passed: 3, failed: 0, skipped: 0 }), '100%');
  });

  it('prefers the expectation a model records to what the checks imply', () => {
    const results = brokenServerResults();
    for (const item of results.items) if (item.probeId === 'get-missing') item.expected = { status: 404, reason: 'NotFound' };
    const probe = results.items.find((i) => i.probeId === 'apiservice-available') ?? results.items[0]!;
    probe.expected = { status: 200, condition: { type: 'Available', status: 'True' } };
    const columns = reasonResourceMatrix(results).columns.map((c) => c.label);
    assert.ok(columns.includes('Available') && columns.includes('NotFound'), columns.join(' '));
  });

  it('groups recorded responses by file', () => {
    const summary = summarize(validateResults());
    assert.deepEqual(summary.groups.map((g) => [g.label, g.kind, g.responses, g.failedResponses]), [['test/fixtures/recorded/mixed.har', 'file', 13, 8]]);
    assert.equal(reasonResourceMatrix(validateResults()).rows.length, 0);
  });
});
