import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/request-id-distinct.js';
import { failures, runOne } from '../helpers/check.js';

const body = { error: 'not_found', message: 'no such cluster', requestId: 'abc123-def456' };

it('passes an id no other response of the run carries', () => {
  assert.equal(runOne(check, body, { profile: 'envelope', status: 404, requestIds: new Map([['abc123-def456', 1], ['other', 1]]) }).outcome, 'pass');
});

it('flags an id several responses carry', () => {
  assert.deepEqual(failures(runOne(check, body, { profile: 'envelope', status: 404, requestIds: new Map([['abc123-def456', 3]]) })), [
    { checkId: 'request-id-distinct', pointer: '/requestId', expected: 'an id no other response has', received: 'abc123-def456' },
  ]);
});

it('skips a single response judged on its own, and a body without an id', () => {
  assert.equal(runOne(check, body, { profile: 'envelope', status: 404 }).outcome, 'skip');
  assert.equal(runOne(check, { error: 'not_found', message: 'x' }, { profile: 'envelope', status: 404, requestIds: new Map() }).outcome, 'skip');
});

it('is not part of the kubernetes profile', () => {
  assert.equal(runOne(check, { kind: 'Status' }, { status: 404, requestIds: new Map() }).outcome, 'skip');
});
