import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/reason-expected.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

const expectation = { status: 409, reason: 'Conflict' };

it('passes the expected reason', () => {
  assert.equal(runOne(check, statusBody({ reason: 'Conflict', code: 409 }), { status: 409, headers: JSON_HEADERS, expectation }).outcome, 'pass');
});

it('flags AlreadyExists where Conflict belongs', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'AlreadyExists', code: 409 }), { status: 409, headers: JSON_HEADERS, expectation })), [
    { checkId: 'reason-expected', pointer: '/reason', expected: 'Conflict', received: 'AlreadyExists' },
  ]);
});

it('flags a Status without a reason', () => {
  const { reason: _reason, ...body } = statusBody({ code: 409 });
  assert.deepEqual(failures(runOne(check, body, { status: 409, headers: JSON_HEADERS, expectation })), [
    { checkId: 'reason-expected', pointer: '/reason', expected: 'Conflict', received: 'nothing' },
  ]);
});

it('skips a body that is not JSON', () => {
  assert.equal(runOne(check, undefined, { text: 'conflict', status: 409, headers: { 'content-type': 'text/plain' }, expectation }).outcome, 'skip');
});
