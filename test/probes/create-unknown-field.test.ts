import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe, { UNKNOWN_FIELD } from '../../conformance/probes/create-unknown-field.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('creates, as a strict dry run, an object with a field its schema lacks, and wants 400 BadRequest', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'POST');
  assert.match(request.path, /\?dryRun=All&fieldValidation=Strict$/);
  assert.equal(body?.[UNKNOWN_FIELD], true);
  assert.equal(body?.kind, widgets.kind);
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
  assert.notEqual(probe.appliesTo(tokenreviews, { hasSample: false }), true);
});
