import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { runCheck } from '../../conformance/check.js';
import check from '../../conformance/checks/content-type-json.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfBytes } from '../../conformance/exchange.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

it('passes a JSON Status on a 404', () => {
  assert.equal(runOne(check, statusBody(), { status: 404, headers: JSON_HEADERS }).outcome, 'pass');
});

it('flags the plain-text 404 kube-apiserver sends for unknown groups', () => {
  const result = runOne(check, undefined, { text: '404 page not found\n', status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  assert.deepEqual(failures(result), [{ checkId: 'content-type-json', pointer: 'header:Content-Type', expected: 'application/json', received: 'text/plain' }]);
  assert.equal(result.level, 'SHOULD');
});

it('accepts application/problem+json for the problem profile', () => {
  const body = { title: 'Not Found', status: 404 };
  assert.equal(runOne(check, body, { profile: 'problem', status: 404, headers: { 'content-type': 'application/problem+json' } }).outcome, 'pass');
});

it('skips successes and bodies without headers', () => {
  assert.equal(runOne(check, {}, { status: 200, headers: { 'content-type': 'text/html' } }).outcome, 'skip');
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'skip');
});

it('accepts a protobuf Status where the request asked for protobuf, and only there', () => {
  const view = viewOfBytes(readFileSync(new URL('../fixtures/protobuf/not-acceptable-widgets.bin', import.meta.url)), 406, { 'content-type': 'application/vnd.kubernetes.protobuf' });
  const judged = (accept: string | undefined) => runCheck(check, buildContext(compiledProfileOf(undefined), view, { request: { method: 'GET', path: '/apis/example.dev/v1/widgets', ...(accept ? { accept } : {}) } }));
  assert.equal(judged('application/vnd.kubernetes.protobuf').outcome, 'pass');
  assert.equal(judged('application/vnd.kubernetes.protobuf, application/json').outcome, 'pass');
  // A client that asked for JSON cannot read it; nor one that gave protobuf no weight.
  assert.deepEqual(failures(judged('application/json')).map((f) => f.received), ['application/vnd.kubernetes.protobuf']);
  assert.equal(judged('application/vnd.kubernetes.protobuf;q=0, application/json').outcome, 'fail');
  assert.equal(judged(undefined).outcome, 'fail');
});
