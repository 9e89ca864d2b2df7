import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/json-body.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS } from '../helpers/status.js';

it('passes a parseable JSON error body', () => {
  assert.equal(runOne(check, undefined, { text: '{"kind":"Status"}', status: 500, headers: JSON_HEADERS }).outcome, 'pass');
});

it('flags a body that claims JSON but is cut off', () => {
  const result = runOne(check, undefined, { text: '{"kind":"Status","apiVer', status: 500, headers: JSON_HEADERS });
  assert.deepEqual(failures(result), [{ checkId: 'json-body', pointer: '', expected: 'JSON', received: 'unparseable body' }]);
  assert.equal(result.level, 'MUST');
});

it('flags an empty JSON error body', () => {
  assert.deepEqual(failures(runOne(check, undefined, { text: '', status: 503, headers: JSON_HEADERS })), [
    { checkId: 'json-body', pointer: '', expected: 'JSON', received: 'empty body' },
  ]);
});

it('leaves a text/html body to content-type-json', () => {
  assert.equal(runOne(check, undefined, { text: '<html></html>', status: 503, headers: { 'content-type': 'text/html' } }).outcome, 'skip');
});
