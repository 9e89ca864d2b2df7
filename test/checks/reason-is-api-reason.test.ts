import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/reason-is-api-reason.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes an API reason', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
});

it('flags a container reason and names the API reasons for the status', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'CrashLoopBackOff', code: 500 }), { status: 500 })), [
    { checkId: 'reason-is-api-reason', pointer: '/reason', expected: 'ServerTimeout or StorageReadError or InternalError', received: 'CrashLoopBackOff' },
  ]);
});

it('flags a pod phase used as a reason', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'Pending', code: 503 }), { status: 503 })), [
    { checkId: 'reason-is-api-reason', pointer: '/reason', expected: 'ServiceUnavailable', received: 'Pending' },
  ]);
});
