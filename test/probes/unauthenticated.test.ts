import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/unauthenticated.js';
import { build } from '../helpers/probe.js';

it('sends no credentials, once per group-version', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.anonymous, true);
  assert.equal(probe.scope, 'group-version');
  assert.deepEqual(expectation, { status: 401, reason: 'Unauthorized' });
});
