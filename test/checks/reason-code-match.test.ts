import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/reason-code-match.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes NotFound with 404', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
});

it('flags AlreadyExists sent with 404', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'AlreadyExists' }), { status: 404 })), [
    { checkId: 'reason-code-match', pointer: '/reason', expected: '409', received: '404' },
  ]);
});

it('compares with the HTTP status when the body has no code', () => {
  const { code: _code, ...body } = statusBody({ reason: 'Conflict' });
  assert.deepEqual(failures(runOne(check, body, { status: 404 })), [
    { checkId: 'reason-code-match', pointer: '/reason', expected: '409', received: '404' },
  ]);
});

it('pairs envelope codes with their HTTP status', () => {
  const body = { error: 'not_found', message: 'cluster "c1" not found', requestId: 'abc' };
  assert.equal(runOne(check, body, { profile: 'envelope', status: 404 }).outcome, 'pass');
  assert.deepEqual(failures(runOne(check, body, { profile: 'envelope', status: 200 })), []);
  assert.deepEqual(failures(runOne(check, body, { profile: 'envelope', status: 500 })), [
    { checkId: 'reason-code-match', pointer: '/error', expected: '404', received: '500' },
  ]);
});

it('does not pair the empty reason', () => {
  assert.equal(runOne(check, statusBody({ reason: '', code: 418 }), { status: 418 }).outcome, 'skip');
});
