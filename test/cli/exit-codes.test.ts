import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExitCode } from '../../cli/exit-codes.js';
import { applyPolicy } from '../../conformance/policy/apply.js';
import type { Results } from '../../conformance/results.js';
import { brokenServerResults, validateResults } from '../reporters/fixtures.js';

const LEVELS = ['must', 'should', 'never'] as const;
const codes = (results: Results): number[] => LEVELS.map((level) => runExitCode(results, level));
const onlyShould = (results: Results): Results => ({
  ...results,
  items: results.items.filter((item) => item.checks.every((c) => c.outcome !== 'fail' || c.findings.every((f) => f.level === 'SHOULD'))),
});

describe('runExitCode', () => {
  it('fails at the level asked for: must, should, never', () => {
    assert.deepEqual(codes(brokenServerResults()), [1, 1, 0]);
    assert.deepEqual(codes(onlyShould(validateResults())), [0, 1, 0]);
  });

  it('fails on a probe without a response (not for validate, where a recorded failure is no finding), unless never', () => {
    const probe = onlyShould(brokenServerResults());
    probe.items.push({ id: 'x', title: 'x', location: 'x', probeId: 'get-missing', error: 'no usable response', checks: [] });
    assert.deepEqual(codes(probe), [1, 1, 0]);
    const validate = onlyShould(validateResults());
    validate.items.push({ id: 'x', title: 'x', location: 'x.har#9', error: 'the browser recorded no response', checks: [] });
    assert.deepEqual(codes(validate), [0, 1, 0]);
  });

  it('fails on an expired waiver, unless never', () => {
    const results = applyPolicy(onlyShould(validateResults()), { today: '2026-06-01', waivers: [{ check: 'schema', reason: 'r', expires: '2026-05-01' }] });
    assert.deepEqual(codes(results), [1, 1, 0]);
  });

  it('is 5 when a probe or validate run checked nothing, 130 when interrupted, whatever the level', () => {
    const nothing: Results = { ...brokenServerResults(), items: [] };
    assert.deepEqual(codes(nothing), [5, 5, 5]);
    assert.deepEqual(codes({ ...brokenServerResults(), interrupted: true }), [130, 130, 130]);
    // No response judged (an empty array or HAR) is no pass for validate either.
    assert.deepEqual(codes({ ...validateResults(), items: [] }), [5, 5, 5], 'validate of nothing');
    assert.deepEqual(codes({ ...validateResults(), items: [], interrupted: true }), [130, 130, 130]);
  });

  it('counts no known, waived or inherited finding', () => {
    assert.deepEqual(codes(applyPolicy(brokenServerResults(), { today: '2026-06-01', waivers: [{ group: 'core', reason: 'r' }, { group: 'example.dev', reason: 'r' }, { probe: 'unknown-group', reason: 'r' }] })), [0, 0, 0]);
  });
});
