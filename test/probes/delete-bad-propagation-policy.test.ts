import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/delete-bad-propagation-policy.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';

it('DELETEs a missing object, as a dry run, with propagationPolicy Bogus, and wants 422 naming the field', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'DELETE');
  assert.match(request.path, /\/widgets\/statuslint-missing-[^/?]+\?dryRun=All$/);
  assert.equal(body?.propagationPolicy, 'Bogus');
  assert.deepEqual(expectation, { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'propagationPolicy' }] });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), 'the resource does not support delete');
});
