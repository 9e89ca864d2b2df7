import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import check from '../../conformance/checks/request-id-echoed.js';
import { failures, runOne } from '../helpers/check.js';

const profilePath = join(tmpdir(), `statuslint-request-id-${process.pid}.json`);
writeFileSync(
  profilePath,
  JSON.stringify({
    name: 'echoing',
    extends: 'envelope',
    body: { kind: 'envelope', codeField: 'error', messageField: 'message', requestIdField: 'requestId', requestIdRequired: true, requestIdHeader: 'X-Request-Id' },
  }),
);
const body = { error: 'not_found', message: 'no such cluster', requestId: 'abc123-def456' };

it('passes when the header echoes the body', () => {
  assert.equal(runOne(check, body, { profile: profilePath, status: 404, headers: { 'x-request-id': 'abc123-def456' } }).outcome, 'pass');
});

it('flags a header that names another request', () => {
  assert.deepEqual(failures(runOne(check, body, { profile: profilePath, status: 404, headers: { 'X-Request-Id': 'zzz' } })), [
    { checkId: 'request-id-echoed', pointer: 'header:X-Request-Id', expected: 'abc123-def456', received: 'zzz' },
  ]);
});

it('skips the built-in envelope profile, which names no header', () => {
  assert.equal(runOne(check, body, { profile: 'envelope', status: 404, headers: {} }).outcome, 'skip');
});
