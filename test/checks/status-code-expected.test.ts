import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/status-code-expected.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

it('passes the expected status', () => {
  assert.equal(runOne(check, statusBody(), { status: 404, headers: JSON_HEADERS, expectation: { status: 404, reason: 'NotFound' } }).outcome, 'pass');
});

it('flags another status', () => {
  const body = statusBody({ reason: 'BadRequest', code: 400 });
  assert.deepEqual(failures(runOne(check, body, { status: 400, headers: JSON_HEADERS, expectation: { status: 405, reason: 'MethodNotAllowed' } })), [
    { checkId: 'status-code-expected', pointer: '', expected: '405', received: '400' },
  ]);
});

it('reads the code of an ERROR event in a 200 watch stream', () => {
  const expectation = { status: 410, reason: 'Expired', streamStatus: 200 };
  const good = { type: 'ERROR', object: statusBody({ reason: 'Expired', code: 410 }) };
  assert.equal(runOne(check, good, { status: 200, watchEvent: true, expectation }).outcome, 'pass');
  const bad = { type: 'ERROR', object: statusBody({ reason: 'Expired', code: 500 }) };
  assert.deepEqual(failures(runOne(check, bad, { status: 200, watchEvent: true, expectation })), [
    { checkId: 'status-code-expected', pointer: '/object/code', expected: '410', received: '500' },
  ]);
});

it('skips a stream that carried no ERROR (history still served) and a 403 for the prober itself', () => {
  const expectation = { status: 410, reason: 'Expired', streamStatus: 200 };
  assert.equal(runOne(check, { type: 'ADDED', object: { kind: 'ConfigMap' } }, { status: 200, watchEvent: true, expectation }).outcome, 'skip');
  const forbidden = statusBody({ reason: 'Forbidden', code: 403 });
  assert.equal(runOne(check, forbidden, { status: 403, headers: JSON_HEADERS, expectation: { status: 404, reason: 'NotFound' } }).outcome, 'skip');
});

it('flags a server that ignores watch=true and answers with a list: no event will ever come', () => {
  const expectation = { status: 410, reason: 'Expired', streamStatus: 200 };
  const list = { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '12' }, items: [] };
  assert.deepEqual(failures(runOne(check, list, { status: 200, watchEvent: true, expectation })), [
    { checkId: 'status-code-expected', pointer: '', expected: 'a watch event', received: 'ConfigMapList' },
  ]);
});

it('flags an ERROR event whose object is no Status: without a code, the client cannot tell Expired from anything else', () => {
  const expectation = { status: 410, reason: 'Expired', streamStatus: 200 };
  assert.deepEqual(failures(runOne(check, { type: 'ERROR', object: { message: 'too old resource version' } }, { status: 200, watchEvent: true, expectation })), [
    { checkId: 'status-code-expected', pointer: '/object/code', expected: '410', received: 'nothing' },
  ]);
});
