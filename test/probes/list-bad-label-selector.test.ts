import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-bad-label-selector.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('lists with a selector no parser accepts, and wants 400 BadRequest', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?labelSelector=statuslint%20in%20(unclosed');
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.notEqual(probe.appliesTo(tokenreviews, { hasSample: false }), true);
});
