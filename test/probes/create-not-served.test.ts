import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-not-served.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';


it('POSTs, as a dry run, to a read-only collection and wants 405', () => {
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), true);
  const { request, expectation, body } = build(probe, nodeMetrics);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/apis/metrics.k8s.io/v1beta1/nodes?dryRun=All');
  assert.equal(body?.kind, 'NodeMetrics');
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed' });
});

it('leaves resources that serve create to the create probes', () => {
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'the resource serves create');
});
