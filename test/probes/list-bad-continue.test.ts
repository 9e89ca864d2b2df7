import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-bad-continue.js';
import { build } from '../helpers/probe.js';

it('lists with a continue token the server never issued', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?limit=1&continue=statuslint-not-a-token$/);
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
});
