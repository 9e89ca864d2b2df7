import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/response-declared.js';
import type { Expectation } from '../../conformance/expectation.js';
import { failures, runOne } from '../helpers/check.js';

const body = { error: 'not_found', message: 'no such cluster', requestId: 'r1' };
const declared = (responses: Array<{ status: string; mediaTypes: string[] }>): Expectation => ({
  status: 404,
  declared: { operation: 'GET /clusters/{name}', pointer: '/paths/~1clusters~1{name}/get', responses },
});
const run = (expectation: Expectation, status = 404, contentType = 'application/json') => runOne(check, body, { profile: 'envelope', status, headers: { 'content-type': contentType }, expectation });

it('passes a status declared exactly, by range or by default', () => {
  assert.equal(run(declared([{ status: '404', mediaTypes: ['application/json'] }])).outcome, 'pass');
  assert.equal(run(declared([{ status: '4XX', mediaTypes: ['application/json'] }])).outcome, 'pass');
  assert.equal(run(declared([{ status: 'default', mediaTypes: ['application/*'] }])).outcome, 'pass');
});

it('flags a status the operation does not declare', () => {
  assert.deepEqual(failures(run(declared([{ status: '200', mediaTypes: ['application/json'] }, { status: '400', mediaTypes: [] }]))), [
    { checkId: 'response-declared', pointer: '/paths/~1clusters~1{name}/get/responses', expected: '200, 400', received: '404' },
  ]);
});

it('flags a media type the declared response does not list, the most specific declaration first', () => {
  const expectation = declared([{ status: '404', mediaTypes: ['application/problem+json'] }, { status: 'default', mediaTypes: ['application/json'] }]);
  assert.deepEqual(failures(run(expectation)), [
    { checkId: 'response-declared', pointer: '/paths/~1clusters~1{name}/get/responses/404', expected: 'application/problem+json', received: 'application/json' },
  ]);
  assert.equal(run(expectation, 404, 'application/problem+json; charset=utf-8').outcome, 'pass');
});

it('skips probes that did not come from a document', () => {
  assert.equal(run({ status: 404 }).outcome, 'skip');
});
