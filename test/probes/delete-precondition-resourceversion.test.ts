import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe, { staleResourceVersion } from '../../conformance/probes/delete-precondition-resourceversion.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';

it('DELETEs the sample, as a dry run, with a stale resourceVersion precondition, and wants 409 Conflict naming it', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'DELETE');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets/w1?dryRun=All');
  assert.deepEqual(body, { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } });
  assert.deepEqual(expectation, { status: 409, reason: 'Conflict', details: { name: 'w1' } });
});

it('never names the object\'s own resourceVersion', () => {
  assert.equal(staleResourceVersion({ metadata: { resourceVersion: '1' } }), '2');
});

it('needs an object and the delete verb', () => {
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'no object of this resource exists to name in a precondition');
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: true }), 'the resource does not support delete');
});
