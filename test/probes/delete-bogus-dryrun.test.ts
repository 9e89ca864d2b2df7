import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/delete-bogus-dryrun.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';

it('DELETEs a missing object with dryRun=Bogus and wants 422 naming the dryRun field', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'DELETE');
  assert.match(request.path, /\/widgets\/statuslint-missing-[^/?]+\?dryRun=Bogus$/);
  assert.deepEqual(expectation, { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'dryRun' }] });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), 'the resource does not support delete');
});
