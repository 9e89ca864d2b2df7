import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/delete-not-served.js';
import { build, nodeMetrics, tokenreviews, widgets } from '../helpers/probe.js';

it('DELETEs, as a dry run, an object of a read-only resource and wants 405', () => {
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), true);
  const { request, expectation } = build(probe, nodeMetrics);
  assert.equal(request.method, 'DELETE');
  assert.match(request.path, /^\/apis\/metrics\.k8s\.io\/v1beta1\/nodes\/statuslint-missing-[^/?]+\?dryRun=All$/);
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed' });
});

it('leaves resources that serve delete, and those that serve no get, alone', () => {
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'the resource serves delete');
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support get');
});
