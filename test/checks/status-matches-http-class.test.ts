import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/status-matches-http-class.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes Failure on a 404 and Success on a 200', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
  assert.equal(runOne(check, statusBody({ status: 'Success', reason: '', code: 200 }), { status: 200 }).outcome, 'pass');
});

it('flags Success on a 500', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ status: 'Success', code: 500, reason: 'InternalError' }), { status: 500 })), [
    { checkId: 'status-matches-http-class', pointer: '/status', expected: 'Failure', received: 'Success' },
  ]);
});

it('flags a Status with no status at all', () => {
  const { status: _status, ...body } = statusBody();
  assert.deepEqual(failures(runOne(check, body, { status: 404 })), [
    { checkId: 'status-matches-http-class', pointer: '/status', expected: 'Failure', received: 'nothing' },
  ]);
});

it('flags Failure on a 200 Status', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ code: 200, reason: '' }), { status: 200 })), [
    { checkId: 'status-matches-http-class', pointer: '/status', expected: 'Success', received: 'Failure' },
  ]);
});

it('requires Failure in a watch ERROR event', () => {
  const event = { type: 'ERROR', object: statusBody({ status: 'Success', reason: 'Expired', code: 410 }) };
  assert.deepEqual(failures(runOne(check, event, { watchEvent: true })), [
    { checkId: 'status-matches-http-class', pointer: '/object/status', expected: 'Failure', received: 'Success' },
  ]);
});
