import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPolicy } from '../../conformance/policy/apply.js';
import { baselineEntryOf } from '../../conformance/policy/baseline.js';
import { policyNotes, policySummary } from '../../conformance/policy/summary.js';
import { inheritedSet } from '../../schemas/inherited.js';
import { brokenServerResults } from '../reporters/fixtures.js';

describe('policy summary', () => {
  it('says "N new, N known, N fixed since the baseline" first, then what was set apart or left out', () => {
    const results = brokenServerResults();
    const found = results.items.flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => baselineEntryOf(item, f)) : [])));
    const fixed = { ...found[0]!, fingerprint: '0000000000000000' };
    const applied = applyPolicy(results, {
      config: 'statuslint.config.yaml',
      today: '2026-06-01',
      checks: { 'json-body': 'off', 'allow-header': 'must' },
      ignore: [{ resource: 'secrets', reason: 'another team' }],
      waivers: [{ name: 'gadget-kinds', check: 'schema', resource: 'gadgets', reason: 'r' }, { check: 'message-present', reason: 'r', expires: '2026-01-01' }, { check: 'reason-known', probe: 'timeout', reason: 'r' }],
      baseline: { file: 'statuslint.baseline.json', entries: [...found.slice(0, 12), fixed] },
    });
    const summary = policySummary(applied);
    assert.equal(summary.baseline?.known, 12);
    assert.deepEqual(
      policyNotes(applied).map((note) => [note.kind, note.text, note.failing ?? false]),
      [
        ['baseline', `${summary.baseline!.new} new, 12 known, 1 fixed since the baseline statuslint.baseline.json`, false],
        ['waived', '1 finding waived in statuslint.config.yaml, reported apart', false],
        ['checks-off', 'checks turned off in statuslint.config.yaml: json-body', false],
        ['levels', 'check levels set in statuslint.config.yaml: allow-header MUST', false],
        ['ignored', 'ignored in statuslint.config.yaml (resource secrets: another team): nothing matched', false],
        ['expired', 'waiver "waivers[1]" of statuslint.config.yaml expired on 2026-01-01: it waives nothing, and the run fails until it is renewed or removed', true],
        ['unused', 'waiver "waivers[2]" of statuslint.config.yaml matched no finding: remove it if the problem is gone', false],
      ],
    );
    // Grouped by why and by check: the waiver's group first, then the baseline's, the largest first.
    assert.deepEqual([summary.groups[0]!.kind, summary.groups[0]!.checkId, summary.groups[0]!.count, summary.groups[0]!.subjects], ['waived', 'schema', 1, ['gadgets.example.dev']]);
    const known = summary.groups.slice(1);
    assert.ok(known.every((g) => g.kind === 'known' && g.reason === 'in the baseline statuslint.baseline.json'));
    assert.equal(known.reduce((n, g) => n + g.count, 0), 12);
    assert.deepEqual(known.map((g) => g.count), known.map((g) => g.count).sort((a, b) => b - a));
  });

  it('says so when the inherited set is of another minor version than the target', () => {
    const applied = applyPolicy(brokenServerResults(), { today: '2026-06-01', inherit: inheritedSet('k8s.io/apiserver') });
    assert.equal(brokenServerResults().target?.version, 'v1.33.0');
    assert.deepEqual(policyNotes(applied).map((note) => note.text), ['2 findings inherited from k8s.io/apiserver v1.37, reported apart (the set is of v1.37; the target is v1.33.0)']);
    const same = applyPolicy({ ...brokenServerResults(), target: { server: 'https://x', version: 'v1.37.2' } }, { today: '2026-06-01', inherit: inheritedSet('k8s.io/apiserver') });
    assert.deepEqual(policyNotes(same).map((note) => note.text), ['2 findings inherited from k8s.io/apiserver v1.37, reported apart']);
  });

  it('says nothing about a run without a policy', () => {
    assert.deepEqual(policyNotes(brokenServerResults()), []);
    assert.deepEqual(policyNotes(applyPolicy(brokenServerResults(), { today: '2026-06-01' })), []);
  });
});
