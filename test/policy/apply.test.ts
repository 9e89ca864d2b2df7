import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../conformance/check-core.js';
import type { Finding } from '../../conformance/findings.js';
import { applyPolicy, openPolicy, type RunPolicy } from '../../conformance/policy/apply.js';
import { baselineEntryOf } from '../../conformance/policy/baseline.js';
import { countFindings, findingsOfItem, type Results, suppressedFindingsOfItem } from '../../conformance/results.js';
import { resultsSummary } from '../../conformance/summary.js';
import { isConformant } from '../../conformance/verdict.js';
import { inheritedSet } from '../../schemas/inherited.js';
import { brokenServerResults } from '../reporters/fixtures.js';
import { fail, head, pass, reasonMismatch, recorded } from '../helpers/results.js';

const TODAY = '2026-06-01';
const policy = (fields: Omit<RunPolicy, 'today'>): RunPolicy => ({ config: 'statuslint.config.yaml', today: TODAY, ...fields });
const all = (results: Results) => results.items.flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => ({ item, f })) : [])));

describe('applyPolicy', () => {
  it('puts a fingerprint on every finding, and changes nothing else without a policy', () => {
    const results = brokenServerResults();
    const applied = applyPolicy(results, { today: TODAY });
    assert.ok(all(applied).every(({ f }) => /^[0-9a-f]{16}$/.test(f.fingerprint ?? '')));
    assert.equal(applied.policy, undefined);
    assert.deepEqual(resultsSummary(applied), resultsSummary(results));
  });

  it('waives findings a waiver matches, first waiver first; they leave the counts and the verdict', () => {
    const applied = applyPolicy(
      brokenServerResults(),
      policy({
        waivers: [
          { name: 'gadgets-first', resource: 'gadgets', reason: 'the gadgets server is being replaced' },
          { check: 'reason-code-match', reason: 'every reason-code-match' },
        ],
      }),
    );
    const waived = applied.items.flatMap(suppressedFindingsOfItem);
    assert.ok(waived.every((f) => f.suppressed?.kind === 'waived'));
    const byWaiver = applied.policy!.waivers!.map((w) => [w.name, w.matched]);
    const found = all(brokenServerResults());
    const gadgets = found.filter(({ item }) => item.resource === 'gadgets.example.dev').length;
    const configmaps = found.filter(({ item, f }) => item.resource === 'configmaps' && f.checkId === 'reason-code-match').length;
    assert.deepEqual(byWaiver, [['gadgets-first', gadgets], ['waivers[1]', configmaps]], 'the configmaps findings only: the gadgets ones went to the first waiver');
    assert.equal(applied.items.flatMap(findingsOfItem).some((f) => f.checkId === 'reason-code-match'), false);
    assert.equal(resultsSummary(applied).suppressed?.waived, gadgets + configmaps);
    assert.equal(countFindings(applied).MUST + countFindings(applied).SHOULD, found.length - gadgets - configmaps);
  });

  it('applies no waiver past its date, and records it as expired', () => {
    const applied = applyPolicy(brokenServerResults(), policy({ waivers: [{ check: 'allow-header', reason: 'until the fix ships', expires: '2026-05-31' }, { check: 'json-body', reason: 'today is the last day', expires: TODAY }] }));
    assert.deepEqual(applied.policy!.waivers!.map((w) => [w.expired ?? false, w.matched]), [[true, 0], [false, 2]]);
    assert.equal(applied.items.flatMap(findingsOfItem).filter((f) => f.checkId === 'allow-header').length, 2);
    assert.deepEqual(resultsSummary(applied).expiredWaivers, ['waivers[0]']);
  });

  it('turns a check off (its results become skips saying so) and sets another one\'s level', () => {
    const applied = applyPolicy(brokenServerResults(), policy({ checks: { 'status-code-expected': 'off', 'allow-header': 'must' } }));
    const results = applied.items.flatMap((item) => item.checks);
    const off = results.filter((r) => r.checkId === 'status-code-expected');
    assert.ok(off.length > 0 && off.every((r) => r.outcome === 'skip' && r.reason === 'turned off in statuslint.config.yaml (checks.status-code-expected: off)'));
    const allow = applied.items.flatMap(findingsOfItem).filter((f) => f.checkId === 'allow-header');
    assert.deepEqual(allow.map((f) => f.level), ['MUST', 'MUST']);
    assert.ok(results.filter((r) => r.checkId === 'allow-header').every((r) => r.level === 'MUST'));
    assert.deepEqual(applied.policy!.checks, [{ checkId: 'status-code-expected', severity: 'off' }, { checkId: 'allow-header', severity: 'must' }]);
  });

  it('leaves ignored subjects out, probes not run included, and records what each rule matched', () => {
    const results = brokenServerResults();
    results.notRun = [{ probeId: 'create-existing', resource: 'gadgets.example.dev', groupVersion: 'example.dev/v1', reason: 'no object' }];
    const applied = applyPolicy(results, policy({ ignore: [{ group: 'example.dev', reason: 'another team' }, { path: '/nothing/**' }] }));
    assert.ok(applied.items.every((item) => item.resource !== 'gadgets.example.dev' && item.groupVersion !== 'example.dev/v1'));
    assert.deepEqual(applied.notRun, []);
    const [byGroup, byPath] = applied.policy!.ignored!;
    assert.equal(byGroup!.rule, 'group example.dev');
    assert.equal(byGroup!.reason, 'another team');
    assert.deepEqual(byGroup!.subjects, ['gadgets.example.dev']);
    assert.deepEqual(byPath, { rule: 'path /nothing/**', subjects: [] });
  });

  it('marks findings in the baseline as known, and counts entries fixed since: examined again and not found', () => {
    const results = brokenServerResults();
    const found = all(results);
    const entries = found.slice(0, 12).map(({ item, f }) => baselineEntryOf(item, f));
    const fixed = { ...entries[0]!, fingerprint: '0000000000000000' };
    const elsewhere = { ...entries[0]!, fingerprint: '1111111111111111', subject: 'secrets' };
    const applied = applyPolicy(results, policy({ baseline: { file: 'b.json', entries: [...entries, fixed, elsewhere] } }));
    const summary = resultsSummary(applied);
    assert.deepEqual(summary.baseline, { new: found.length - 12, known: 12, fixed: 1 });
    assert.deepEqual(applied.policy!.baseline!.fixed.map((e) => e.fingerprint), ['0000000000000000'], 'an entry about a subject the run did not look at is not fixed');
  });

  it('waives before the baseline knows: a waived finding is not known', () => {
    const results = brokenServerResults();
    const entries = all(results).map(({ item, f }) => baselineEntryOf(item, f));
    const applied = applyPolicy(results, policy({ waivers: [{ check: 'allow-header', reason: 'r' }], baseline: { file: 'b.json', entries } }));
    assert.deepEqual(resultsSummary(applied).suppressed, { known: entries.length - 2, waived: 2, inherited: 0 });
    assert.equal(resultsSummary(applied).verdict, 'conformant');
  });

  it('labels findings of an inherited set with the set and its upstream reason', () => {
    const applied = applyPolicy(brokenServerResults(), policy({ inherit: inheritedSet('k8s.io/apiserver') }));
    const inherited = applied.items.flatMap(suppressedFindingsOfItem);
    assert.deepEqual([...new Set(inherited.map((f) => `${f.checkId} ${f.suppressed!.by}`))], ['allow-header k8s.io/apiserver v1.37']);
    assert.match(inherited[0]!.suppressed!.reason, /no `Allow` header/);
    assert.equal(applied.policy!.inherited, 'k8s.io/apiserver v1.37');
  });

  it('makes a run whose MUST findings are all waived conformant', () => {
    const results = brokenServerResults();
    assert.equal(isConformant(results), false);
    assert.equal(isConformant(applyPolicy(results, policy({ waivers: [{ group: 'core', reason: 'r' }, { group: 'example.dev', reason: 'r' }] }))), true);
  });

  it('decides afresh when applied again (report): earlier suppressions give way, earlier ignores stay recorded', () => {
    const once = applyPolicy(brokenServerResults(), policy({ ignore: [{ resource: 'gadgets' }], waivers: [{ check: 'allow-header', reason: 'r' }] }));
    const again = applyPolicy(once, policy({ checks: { 'json-body': 'off' } }));
    assert.equal(again.items.flatMap(suppressedFindingsOfItem).length, 0, 'the waiver is not in the second policy');
    assert.deepEqual(again.policy!.ignored!.map((i) => i.rule), ['resource gadgets']);
    assert.deepEqual(again.policy!.checks, [{ checkId: 'json-body', severity: 'off' }]);
    assert.deepEqual(applyPolicy(once, policy({ ignore: [{ resource: 'gadgets' }], waivers: [{ check: 'allow-header', reason: 'r' }] })).items, once.items);
  });

  it('lists the probes the config turned off among those not run', () => {
    const applied = applyPolicy(brokenServerResults(), policy({ probesOff: ['timeout'] }));
    assert.deepEqual(applied.notRun, [{ probeId: 'timeout', reason: 'turned off in statuslint.config.yaml (probes.timeout: off)' }]);
    assert.deepEqual(applied.policy!.probesOff, ['timeout']);
  });
});


describe('openPolicy', () => {
  it('leaves a passing response as it is without a config, and fingerprints a failing one (a known fingerprint) without changing it', () => {
    const stream = openPolicy({ today: '2026-06-01' }, head);
    const passing = recorded('bench.jsonl:1');
    assert.equal(stream.item(passing), passing, 'the same object: nothing to judge');
    const failing = recorded('bench.jsonl:2', [pass('json-body'), fail()]);
    const judged = stream.item(failing)!;
    assert.deepEqual((judged.checks[1] as Extract<CheckResult, { outcome: 'fail' }>).findings[0], { ...reasonMismatch, fingerprint: 'c6803cc4b9785ad2' });
    assert.equal((failing.checks[1] as Extract<CheckResult, { outcome: 'fail' }>).findings[0]!.fingerprint, undefined, 'the response given is not changed');
  });

  it('turns a check off on a passing response too', () => {
    const stream = openPolicy({ config: 'c.yaml', today: '2026-06-01', checks: { 'json-body': 'off' } }, head);
    const passing = recorded('bench.jsonl:1', [pass('json-body'), pass('message-present', 'SHOULD')]);
    const judged = stream.item(passing)!;
    assert.deepEqual(judged.checks, [
      { checkId: 'json-body', level: 'MUST', outcome: 'skip', reason: 'turned off in c.yaml (checks.json-body: off)' },
      { checkId: 'message-present', level: 'SHOULD', outcome: 'pass' },
    ]);
    assert.equal(passing.checks[0]!.outcome, 'pass', 'the response given is not changed');
  });

  it('decides a finding set apart earlier afresh: it keeps its key order, its fingerprint replaced in place', () => {
    const stream = openPolicy({ today: '2026-06-01' }, head);
    const earlier: Finding = { ...reasonMismatch, fingerprint: 'stale', suppressed: { kind: 'known', reason: 'in the baseline b.json', by: 'b.json' } };
    const judged = stream.item(recorded('bench.jsonl:4', [fail(earlier)]))!;
    const finding = (judged.checks[0] as Extract<CheckResult, { outcome: 'fail' }>).findings[0]!;
    assert.deepEqual(Object.keys(finding), ['checkId', 'level', 'pointer', 'expected', 'received', 'message', 'fingerprint']);
    assert.equal(finding.fingerprint, 'c6803cc4b9785ad2');
  });
});
