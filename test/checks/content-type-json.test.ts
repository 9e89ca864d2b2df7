import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/content-type-json.js';
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
