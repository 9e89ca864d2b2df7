import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/retry-guidance.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

const tooMany = statusBody({ reason: 'TooManyRequests', code: 429, message: 'too many requests', details: {} });

it('passes a 429 with Retry-After', () => {
  assert.equal(runOne(check, tooMany, { status: 429, headers: { ...JSON_HEADERS, 'Retry-After': '1' } }).outcome, 'pass');
});

it('passes a 429 Status with details.retryAfterSeconds', () => {
  assert.equal(runOne(check, statusBody({ reason: 'TooManyRequests', code: 429, details: { retryAfterSeconds: 2 } }), { status: 429 }).outcome, 'pass');
});

it('flags a 429 with no retry guidance', () => {
  assert.deepEqual(failures(runOne(check, tooMany, { status: 429, headers: JSON_HEADERS })), [
    { checkId: 'retry-guidance', pointer: 'header:Retry-After', expected: 'Retry-After', received: 'nothing' },
  ]);
});

it('flags a plain-text 503 with no Retry-After', () => {
  assert.deepEqual(failures(runOne(check, undefined, { text: 'service unavailable', status: 503, headers: { 'content-type': 'text/plain' } })), [
    { checkId: 'retry-guidance', pointer: 'header:Retry-After', expected: 'Retry-After', received: 'nothing' },
  ]);
});

it('skips statuses that are not retryable', () => {
  assert.equal(runOne(check, statusBody(), { status: 404, headers: JSON_HEADERS }).outcome, 'skip');
});
