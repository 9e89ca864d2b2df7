import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import json from '../../conformance/reporters/json.js';
import stylish from '../../conformance/reporters/stylish.js';
import { brokenServerResults, validateResults } from './fixtures.js';

describe('the stylish reporter', () => {
  it('uses colour only when allowed (a TTY without NO_COLOR)', () => {
    assert.doesNotMatch(stylish.render(brokenServerResults(), { color: false }), /\u001b\[/);
    assert.match(stylish.render(brokenServerResults(), { color: true }), /\u001b\[31m/);
  });

  it('ends a probe run with pass rates, the verdict and its rule', () => {
    const text = stylish.render(brokenServerResults(), { color: false });
    assert.match(text, /checks passed: MUST 89\.1% \(228\/256\), SHOULD 84\.1% \(90\/107\)\n✖ not conformant\nConformant when no MUST-level check fails/);
    assert.match(text, /aggregated API servers: example\.dev\/v1 \(example-system\/gadget-api\)/);
    assert.match(text, /✖ 47 problems \(28 MUST, 19 SHOULD\) in 29 of 31 responses \(profile kubernetes\)\n$/);
  });
});

describe('the json reporter', () => {
  it('writes the model itself, so that `statuslint report` can read it back', () => {
    for (const results of [brokenServerResults(), validateResults()]) assert.deepEqual(JSON.parse(json.render(results, { color: false })), results);
  });
});
