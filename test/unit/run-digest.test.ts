import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPolicy } from '../../conformance/policy/apply.js';
import { RunDigest } from '../../conformance/run-digest.js';
import { fail, head, pass, reasonMismatch, recorded } from '../helpers/results.js';


describe('RunDigest', () => {
  it('groups recorded responses by file, whatever order the files come in and however a position is written', () => {
    const digest = new RunDigest(head);
    const locations = ['a.jsonl:1', 'a.jsonl:2', 'b.har#1', 'a.jsonl:3', 'c.json[0]', 'c.json[1]', 'a.jsonl', 'a.jsonl:1:2', 'a.jsonl:', 'a.jsonl[1', 'a.jsonl#7', '<stdin>:4'];
    for (const location of locations) digest.add(recorded(location));
    const rows = digest.groupRowsOf().map((row) => [row.label, row.responses]);
    // `a.jsonl:1:2` is the file `a.jsonl:1` (only the last position is one); `a.jsonl:` and `a.jsonl[1` have none.
    assert.deepEqual(rows, [
      ['a.jsonl', 5],
      ['b.har', 1],
      ['c.json', 2],
      ['a.jsonl:1', 1],
      ['a.jsonl:', 1],
      ['a.jsonl[1', 1],
      ['responses', 1],
    ]);
    assert.deepEqual(digest.files, ['a.jsonl', 'b.har', 'c.json', 'a.jsonl:1', 'a.jsonl:', 'a.jsonl[1', '<stdin>']);
  });

  it('counts a response whose only failure is waived as passing, its check as neither passed nor failed', () => {
    const policy = openPolicy({ config: 'c.yaml', today: '2026-06-01', waivers: [{ check: 'reason-code-match', reason: 'known upstream' }] }, head);
    const digest = new RunDigest(head);
    digest.add(policy.item(recorded('a.jsonl:1', [pass('json-body'), fail()]))!);
    assert.deepEqual([digest.responses, digest.failedResponses, digest.activeFindings, digest.outcomes.pass, digest.mustOrError], [1, 0, 0, 1, false]);
    assert.deepEqual(digest.levels.MUST, { passed: 1, failed: 0, skipped: 0, suppressed: 1 });
    const row = digest.checkRowsOf().find((r) => r.checkId === 'reason-code-match')!;
    assert.deepEqual([row.passed, row.failed, row.suppressed, row.findings], [0, 0, 1, 0]);
    assert.deepEqual(digest.groupRowsOf()[0]!.levels.MUST, { passed: 1, failed: 0, skipped: 0, suppressed: 1 });
    assert.deepEqual(digest.suppressedGroupsOf().map((g) => [g.kind, g.by, g.count, g.subjects]), [['waived', 'waivers[0] (c.yaml)', 1, ['a.jsonl']]]);
    assert.deepEqual(digest.failureGroupsOf(), []);
  });

  it('groups a failure met on several responses once, each response counted once', () => {
    const digest = new RunDigest(head);
    const twice = recorded('a.jsonl:1', [fail(), fail({ ...reasonMismatch, pointer: '/code' })]);
    digest.add(twice);
    digest.add(recorded('a.jsonl:2', [fail()]));
    assert.deepEqual(
      digest.failureGroupsOf().map((g) => [g.checkId, g.responses, g.subjects.names]),
      [['reason-code-match', 2, ['a.jsonl:1', 'a.jsonl:2']]],
    );
    assert.deepEqual([digest.findings.MUST, digest.failedResponses, digest.outcomes.must], [3, 2, 2]);
    assert.deepEqual(digest.levels.MUST, { passed: 0, failed: 3, skipped: 0 });
  });
});
