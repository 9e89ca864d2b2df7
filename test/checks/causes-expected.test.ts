import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/causes-expected.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

const expectation = { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] };
const invalid = (causes: unknown[]): Record<string, unknown> => statusBody({ reason: 'Invalid', code: 422, details: { name: 'x', kind: 'Widget', causes } });

it('passes when the expected cause is among the causes', () => {
  const body = invalid([{ reason: 'FieldValueRequired', field: 'spec.size' }, { reason: 'FieldValueInvalid', field: 'metadata.name' }]);
  assert.equal(runOne(check, body, { status: 422, headers: JSON_HEADERS, expectation }).outcome, 'pass');
});

it('flags an Invalid without the cause for the invalid field', () => {
  assert.deepEqual(failures(runOne(check, invalid([{ reason: 'FieldValueRequired', field: 'spec.size' }]), { status: 422, headers: JSON_HEADERS, expectation })), [
    { checkId: 'causes-expected', pointer: '/details/causes', expected: 'FieldValueInvalid@metadata.name', received: 'FieldValueRequired@spec.size' },
  ]);
});

it('flags an Invalid with no causes at all', () => {
  assert.deepEqual(failures(runOne(check, invalid([]), { status: 422, headers: JSON_HEADERS, expectation })), [
    { checkId: 'causes-expected', pointer: '/details/causes', expected: 'FieldValueInvalid@metadata.name', received: 'no causes' },
  ]);
});
