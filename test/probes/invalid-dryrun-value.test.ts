import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/invalid-dryrun-value.js';
import { build, widgets } from '../helpers/probe.js';

it('runs only in the throwaway namespace, on namespaced resources with a sample', () => {
  assert.equal(probe.safety, 'throwaway-namespace');
  const { request, expectation } = build(probe);
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/statuslint-1a2b3c4d/widgets?dryRun=Bogus');
  assert.deepEqual(expectation, { status: 422, reason: 'Invalid' });
  assert.notEqual(probe.appliesTo({ ...widgets, namespaced: false }, { hasSample: true }), true);
  assert.notEqual(probe.appliesTo(widgets, { hasSample: false }), true);
});
