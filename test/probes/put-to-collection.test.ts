import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/put-to-collection.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('PUTs, as a dry run, to the collection, and wants 405 with Allow', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'PUT');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?dryRun=All');
  assert.equal(body?.kind, 'Widget');
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support list');
});
