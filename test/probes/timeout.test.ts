import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/timeout.js';
import { build } from '../helpers/probe.js';

it('is optional and asks for a 1ns timeout', () => {
  assert.equal(probe.optional, true);
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?timeout=1ns$/);
  assert.deepEqual(expectation, { status: 504, reason: 'Timeout' });
});
