import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/unknown-group.js';
import { build } from '../helpers/probe.js';

it('asks once for a group no server serves', () => {
  const { request, expectation } = build(probe);
  assert.equal(probe.scope, 'target');
  assert.equal(request.path, '/apis/statuslint.invalid/v1/things');
  assert.deepEqual(expectation, { status: 404, reason: 'NotFound' });
});
