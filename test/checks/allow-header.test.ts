import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/allow-header.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

const expectation = { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] };
const body = statusBody({ reason: 'MethodNotAllowed', code: 405 });

it('passes a 405 with Allow', () => {
  assert.equal(runOne(check, body, { status: 405, headers: { 'content-type': 'application/json', allow: 'GET, POST' }, expectation }).outcome, 'pass');
});

it('flags a 405 without Allow (as kube-apiserver sends it)', () => {
  assert.deepEqual(failures(runOne(check, body, { status: 405, headers: { 'content-type': 'application/json' }, expectation })), [
    { checkId: 'allow-header', pointer: 'header:Allow', expected: 'Allow', received: 'nothing' },
  ]);
});

it('leaves other statuses to status-code-expected', () => {
  assert.equal(runOne(check, statusBody({ reason: 'BadRequest', code: 400 }), { status: 400, headers: {}, expectation }).outcome, 'skip');
});

it('flags an Allow that leaves out a method the document gives the path (Starlette: `Allow: GET` where POST is served too)', () => {
  const fromDocument = { ...expectation, allow: ['GET', 'POST'] };
  assert.deepEqual(failures(runOne(check, body, { status: 405, headers: { 'content-type': 'application/json', allow: 'GET' }, expectation: fromDocument })), [
    { checkId: 'allow-header', pointer: 'header:Allow', expected: 'Allow: GET, POST', received: 'Allow: GET' },
  ]);
  // Any order and case, extra methods and HEAD for GET are fine.
  for (const allow of ['post, get', 'HEAD, POST, OPTIONS', 'GET,POST,DELETE']) {
    assert.equal(runOne(check, body, { status: 405, headers: { allow }, expectation: fromDocument }).outcome, 'pass', allow);
  }
});
