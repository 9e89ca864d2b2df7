import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/watch-not-served.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';


it('watches a resource whose discovery lists no watch, and wants 405', () => {
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), true);
  const { request, expectation } = build(probe, nodeMetrics);
  assert.equal(request.path, '/apis/metrics.k8s.io/v1beta1/nodes?watch=true&timeoutSeconds=1');
  assert.equal(request.firstLineOnly, true);
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'the resource serves watch');
});
