import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/get-protobuf-fallback.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('lists asking for protobuf with a JSON fallback, as client-go does, and wants 200', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?limit=1');
  assert.equal(request.headers?.accept, 'application/vnd.kubernetes.protobuf, application/json');
  assert.deepEqual(expectation, { status: 200 });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support list');
});
