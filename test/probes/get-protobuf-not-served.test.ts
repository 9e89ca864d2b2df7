import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/get-protobuf-not-served.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('lists asking only for protobuf, and wants 406 NotAcceptable', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?limit=1');
  assert.equal(request.headers?.accept, 'application/vnd.kubernetes.protobuf');
  assert.deepEqual(expectation, { status: 406, reason: 'NotAcceptable' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support list');
});

it('does not judge a 200 in protobuf (the resource has protobuf), but judges a 200 in JSON and any error', () => {
  // The answer alone decides: the probe reads nothing of its context here.
  const context = undefined as never;
  assert.match(String(probe.judgedWhen!({ status: 200, headers: { 'content-type': 'application/vnd.kubernetes.protobuf' } }, context)), /the resource serves protobuf/);
  assert.equal(probe.judgedWhen!({ status: 200, headers: { 'content-type': 'application/json' } }, context), true);
  assert.equal(probe.judgedWhen!({ status: 406, headers: { 'content-type': 'application/vnd.kubernetes.protobuf' } }, context), true);
});
