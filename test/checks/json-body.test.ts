import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheck } from '../../conformance/check.js';
import check from '../../conformance/checks/json-body.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfText } from '../../conformance/exchange.js';
import { compiledProfileOf } from '../../conformance/validate.js';
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

it('never judges a body statuslint cut at its own size cap (issue 20: a 422 echoing a 1 MiB body)', () => {
  // Valid JSON, cut where the cap fell: the client read too little, the server sent nothing wrong.
  const view = viewOfText('{"detail":[{"type":"dict_type","loc":["body"],"input":"xxxxxxxx', 422, JSON_HEADERS, true);
  const result = runCheck(check, buildContext(compiledProfileOf(undefined), view, {}));
  assert.equal(result.outcome, 'skip');
  // The same text, whole as sent, is a server's defect.
  assert.equal(runOne(check, undefined, { text: view.bodyText!, status: 422, headers: JSON_HEADERS }).outcome, 'fail');
});
