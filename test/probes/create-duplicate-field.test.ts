import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-duplicate-field.js';
import { build } from '../helpers/probe.js';

it('creates, as a strict dry run, an object whose JSON names it twice, and wants 400 BadRequest', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?dryRun=All&fieldValidation=Strict$/);
  const text = String(request.body);
  assert.equal(text.match(/"name":/g)?.length, 2, text);
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
});
