import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-wrong-content-type.js';
import { build } from '../helpers/probe.js';

it('POSTs a valid object labelled text/plain', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.headers?.['content-type'], 'text/plain');
  assert.equal(body?.kind, 'Widget');
  assert.deepEqual(expectation, { status: 415, reason: 'UnsupportedMediaType' });
});
