import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/apiservice-available.js';
import { build, widgets } from '../helpers/probe.js';

it('reads the APIService of an aggregated group-version', () => {
  const aggregated = { ...widgets, aggregated: true };
  assert.equal(probe.appliesTo(aggregated, { hasSample: false }), true);
  const { request, expectation } = build(probe, aggregated);
  assert.equal(request.path, '/apis/apiregistration.k8s.io/v1/apiservices/v1.example.dev');
  assert.deepEqual(expectation, { status: 200, condition: { type: 'Available', status: 'True' } });
});

it('does not apply to built-in groups or when probing the server directly', () => {
  assert.notEqual(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.notEqual(probe.appliesTo({ ...widgets, aggregated: true }, { hasSample: false, direct: true }), true);
});
