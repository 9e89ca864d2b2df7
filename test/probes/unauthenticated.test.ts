import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/unauthenticated.js';
import { build } from '../helpers/probe.js';

it('sends an invalid bearer token instead of the credentials, once per group-version', () => {
  const { request, expectation } = build(probe);
  // Not anonymous: where anonymous requests are enabled, their 403 for system:anonymous is correct.
  assert.equal(request.anonymous, undefined);
  assert.equal(request.invalidToken, true);
  assert.equal(probe.scope, 'group-version');
  assert.deepEqual(expectation, { status: 401, reason: 'Unauthorized' });
});
