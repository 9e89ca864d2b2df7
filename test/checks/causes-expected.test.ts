import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/causes-expected.js';
import { PROBES } from '../../conformance/probes/index.js';
import { builtinProfile, indexOf } from '../../schemas/index.js';
import { exampleContext } from '../../scripts/docs/sources/probes.js';
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

it('every probe that expects causes asks for cause types of the catalog, each about a field at the field the probe broke', () => {
  const causeTypes = new Set(indexOf(builtinProfile('kubernetes')).entries('status-cause-reason').map((e) => e.code));
  const expecting = PROBES.map((probe) => [probe.id, probe.expect(exampleContext(probe)).causes] as const).filter(([, causes]) => causes !== undefined);
  assert.ok(expecting.length >= 5, `${expecting.length} probes expect causes`);
  for (const [id, causes] of expecting) {
    for (const cause of causes!) {
      assert.ok(causeTypes.has(cause.reason), `${id}: ${cause.reason} is no cause type of the catalog`);
      // Cause types about a field (`FieldValueInvalid`, `FieldManagerConflict`, …) point at it; `ResourceVersionTooLarge` has none to point at.
      if (cause.reason.startsWith('Field')) assert.ok(cause.field !== undefined && cause.field !== '', `${id}: ${cause.reason} names no field`);
    }
  }
});

it('names the field a cause points at when it is not the field the probe broke', () => {
  const conflict = statusBody({ reason: 'Conflict', code: 409, details: { causes: [{ reason: 'FieldManagerConflict', field: '.spec' }] } });
  const wanted = { status: 409, reason: 'Conflict', causes: [{ reason: 'FieldManagerConflict', field: '.spec.size' }] };
  assert.deepEqual(failures(runOne(check, conflict, { status: 409, headers: JSON_HEADERS, expectation: wanted })), [
    { checkId: 'causes-expected', pointer: '/details/causes', expected: 'FieldManagerConflict@.spec.size', received: 'FieldManagerConflict@.spec' },
  ]);
});
