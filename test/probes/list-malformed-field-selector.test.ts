import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-malformed-field-selector.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('lists with a field selector that has no operator and wants 400 BadRequest', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?fieldSelector=metadata.name');
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.notEqual(probe.appliesTo(tokenreviews, { hasSample: false }), true);
});
