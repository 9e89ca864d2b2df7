import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/get-not-acceptable.js';
import { build } from '../helpers/probe.js';

it('asks for a media type nobody produces', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.headers?.accept, 'application/x-statuslint-unknown');
  assert.deepEqual(expectation, { status: 406, reason: 'NotAcceptable' });
});
