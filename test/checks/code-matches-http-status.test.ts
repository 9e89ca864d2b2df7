import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/code-matches-http-status.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes when code equals the HTTP status', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
});

it('flags a Status code that disagrees with the HTTP status', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ code: 400, reason: 'BadRequest' }), { status: 415 })), [
    { checkId: 'code-matches-http-status', pointer: '/code', expected: '415', received: '400' },
  ]);
});

it('flags problem details whose status disagrees', () => {
  assert.deepEqual(failures(runOne(check, { title: 'Not Found', status: 404 }, { profile: 'problem', status: 410 })), [
    { checkId: 'code-matches-http-status', pointer: '/status', expected: '410', received: '404' },
  ]);
});

it('skips a bare body and an envelope without a status field', () => {
  assert.equal(runOne(check, statusBody()).outcome, 'skip');
  assert.equal(runOne(check, { error: 'not_found', message: 'm', requestId: 'r' }, { profile: 'envelope', status: 404 }).outcome, 'skip');
});
