import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-bogus-field-validation.js';
import { build } from '../helpers/probe.js';

it('creates, as a dry run, with fieldValidation=Bogus, and wants 422 Invalid naming the option', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?dryRun=All&fieldValidation=Bogus$/);
  assert.deepEqual(expectation, { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'fieldValidation' }] });
});
