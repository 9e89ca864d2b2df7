import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/update-stale-resourceversion.js';
import { build, widgets } from '../helpers/probe.js';

it('PUTs the sample with resourceVersion 1, as a dry run', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'PUT');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets/w1?dryRun=All');
  assert.equal((body?.metadata as Record<string, unknown>).resourceVersion, '1');
  assert.equal(expectation.reason, 'Conflict');
  assert.equal(expectation.status, 409);
});

it('needs the update verb', () => {
  assert.equal(probe.appliesTo({ ...widgets, verbs: ['get', 'list', 'create'] }, { hasSample: true }), 'the resource does not support update');
});
