import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/get-unsupported-table-version.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('lists asking only for a Table of a version that does not exist, and wants 406', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?limit=1');
  assert.equal(request.headers?.accept, 'application/json;as=Table;v=v2;g=meta.k8s.io');
  assert.deepEqual(expectation, { status: 406, reason: 'NotAcceptable' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support list');
});
