import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/retry-after-agrees.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

const body = (seconds: number): Record<string, unknown> => statusBody({ reason: 'TooManyRequests', code: 429, details: { retryAfterSeconds: seconds } });

it('passes when header and body agree', () => {
  assert.equal(runOne(check, body(5), { status: 429, headers: { 'retry-after': '5' } }).outcome, 'pass');
});

it('flags a header that disagrees with details.retryAfterSeconds', () => {
  assert.deepEqual(failures(runOne(check, body(5), { status: 429, headers: { 'retry-after': '60' } })), [
    { checkId: 'retry-after-agrees', pointer: '/details/retryAfterSeconds', expected: '60', received: '5' },
  ]);
});

it('skips when either is missing or the header is a date', () => {
  assert.equal(runOne(check, body(5), { status: 429, headers: {} }).outcome, 'skip');
  assert.equal(runOne(check, body(5), { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' } }).outcome, 'skip');
});
