import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import check from '../../conformance/checks/retry-guidance.js';
import { validate } from '../../conformance/validate.js';
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
  assert.equal(runOne(check, undefined, { text: 'bad gateway', status: 502, headers: { 'content-type': 'text/plain' } }).outcome, 'skip');
  assert.equal(runOne(check, { error: 'timeout', message: 'm', requestId: 'r' }, { profile: 'envelope', status: 504, headers: JSON_HEADERS }).outcome, 'skip');
});

// The ESLint rule `retry-after` asked these of a handler, and validate and probe did not (issue #16).
it('flags a 504 Timeout and a 500 ServerTimeout Status with no retry guidance: the catalog marks them retryAfter: expected', () => {
  for (const [reason, code] of [['Timeout', 504], ['ServerTimeout', 500]] as const) {
    const body = statusBody({ reason, code, message: 'the server was unable to return a response in the time allotted', details: {} });
    assert.deepEqual(failures(runOne(check, body, { status: code, headers: JSON_HEADERS })), [
      { checkId: 'retry-guidance', pointer: 'header:Retry-After', expected: 'Retry-After', received: 'nothing' },
    ], reason);
    assert.equal(runOne(check, { ...body, details: { retryAfterSeconds: 1 } }, { status: code, headers: JSON_HEADERS }).outcome, 'pass', reason);
  }
});

it('asks it of a user profile\'s own code marked retryAfter: expected, read from the profile file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'statuslint-retry-guidance-')), 'acme.yaml');
  writeFileSync(
    path,
    'name: acme\nbody: { kind: envelope, codeField: code, messageField: message }\nentries:\n  - { code: WARMING_UP, appearsIn: envelope-error, httpStatus: 500, title: Warming up, recovery: retry-backoff, retryAfter: expected }\n  - { code: BROKEN, appearsIn: envelope-error, httpStatus: 500, title: Broken, recovery: retry-backoff }\n',
  );
  const retryGuidance = (code: string, headers: Record<string, string>) => validate({ code, message: 'm' }, { profile: path, httpStatus: 500, headers }).filter((f) => f.checkId === 'retry-guidance');
  assert.deepEqual(retryGuidance('WARMING_UP', JSON_HEADERS).map((f) => [f.level, f.expected, f.received]), [['SHOULD', 'Retry-After', 'nothing']]);
  assert.deepEqual(retryGuidance('WARMING_UP', { ...JSON_HEADERS, 'retry-after': '5' }), []);
  assert.deepEqual(retryGuidance('BROKEN', JSON_HEADERS), []);
});
