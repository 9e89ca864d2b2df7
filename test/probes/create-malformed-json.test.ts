import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-malformed-json.js';
import { build } from '../helpers/probe.js';

it('POSTs JSON that ends mid-object', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.headers?.['content-type'], 'application/json');
  assert.throws(() => JSON.parse(String(request.body)));
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
});
