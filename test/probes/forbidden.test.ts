import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/forbidden.js';
import { build } from '../helpers/probe.js';

it('reads as the impersonated unprivileged user', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.unprivileged, true);
  assert.equal(request.anonymous, undefined);
  assert.deepEqual(expectation.details, { name: 'statuslint-missing-5e6f7a', kind: 'widgets', group: 'example.dev' });
  assert.equal(expectation.reason, 'Forbidden');
});
