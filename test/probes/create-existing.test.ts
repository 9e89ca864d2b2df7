import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-existing.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('POSTs a copy of the sample under its own name, as a dry run', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?dryRun=All');
  assert.deepEqual(body, { spec: { size: 3 }, apiVersion: 'example.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' } });
  assert.deepEqual(expectation, { status: 409, reason: 'AlreadyExists', details: { name: 'w1', kind: 'widgets', group: 'example.dev' } });
});

it('needs an existing object and a stored resource', () => {
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'no object of this resource exists to collide with');
  assert.notEqual(probe.appliesTo(tokenreviews, { hasSample: true }), true);
});
