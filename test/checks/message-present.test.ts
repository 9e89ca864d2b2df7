import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/message-present.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes a failure with a message', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
});

it('flags a failure without a message', () => {
  const { message: _message, ...body } = statusBody();
  assert.deepEqual(failures(runOne(check, body, { status: 404 })), [
    { checkId: 'message-present', pointer: '/message', expected: 'a non-empty message', received: 'nothing' },
  ]);
});

it('flags a blank envelope message', () => {
  assert.deepEqual(failures(runOne(check, { error: 'timeout', message: ' ', requestId: 'r1' }, { profile: 'envelope', status: 504 })), [
    { checkId: 'message-present', pointer: '/message', expected: 'a non-empty message', received: '`" "`' },
  ]);
});

it('does not ask a success Status for a message', () => {
  assert.equal(runOne(check, statusBody({ status: 'Success', code: 200, reason: '', message: '' }), { status: 200 }).outcome, 'skip');
});
