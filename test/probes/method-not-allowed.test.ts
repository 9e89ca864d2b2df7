import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/method-not-allowed.js';
import { build } from '../helpers/probe.js';

it('PATCHes the collection and expects 405 with Allow', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'PATCH');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?dryRun=All');
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] });
});
