import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/schema.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes a Status as kube-apiserver writes it', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
});

it('flags a missing kind and a wrong apiVersion, each at its pointer', () => {
  const { kind: _kind, ...body } = statusBody({ apiVersion: 'v1beta1' });
  assert.deepEqual(failures(runOne(check, body, { status: 404 })), [
    { checkId: 'schema', pointer: '/kind', expected: '`kind` (required)', received: 'nothing' },
    { checkId: 'schema', pointer: '/apiVersion', expected: '`"v1"`', received: '`"v1beta1"`' },
  ]);
});

it('flags a mistyped cause field', () => {
  const body = statusBody({ reason: 'Invalid', code: 422, details: { causes: [{ reason: 'FieldValueInvalid', field: 7 }] } });
  assert.deepEqual(failures(runOne(check, body, { status: 422 })), [
    { checkId: 'schema', pointer: '/details/causes/0/field', expected: 'a string', received: '`7`' },
  ]);
});

it('checks the Status inside a watch ERROR event', () => {
  const event = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: '410' } };
  assert.deepEqual(failures(runOne(check, event, { watchEvent: true })), [
    { checkId: 'schema', pointer: '/object/code', expected: 'a integer', received: '`"410"`' },
  ]);
});

it('flags an envelope without its requestId', () => {
  assert.deepEqual(failures(runOne(check, { error: 'not_found', message: 'gone' }, { profile: 'envelope', status: 404 })), [
    { checkId: 'schema', pointer: '/requestId', expected: '`requestId` (required)', received: 'nothing' },
  ]);
});
