import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/cause-reason-known.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

const invalid = (causes: unknown[]): Record<string, unknown> =>
  statusBody({ reason: 'Invalid', code: 422, details: { name: 'x', kind: 'ConfigMap', causes } });

it('passes apimachinery cause types', () => {
  assert.equal(runOne(check, invalid([{ reason: 'FieldValueInvalid', field: 'metadata.name' }, { reason: 'FieldValueRequired', field: 'spec' }]), { status: 422 }).outcome, 'pass');
});

it('flags each unknown cause reason at its index', () => {
  const body = invalid([{ reason: 'FieldValueInvalid' }, { reason: 'ValueRequired' }]);
  assert.deepEqual(failures(runOne(check, body, { status: 422 })), [
    { checkId: 'cause-reason-known', pointer: '/details/causes/1/reason', expected: 'FieldValueRequired', received: 'ValueRequired' },
  ]);
});
