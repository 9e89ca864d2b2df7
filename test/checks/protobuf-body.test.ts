import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { runCheck } from '../../conformance/check.js';
import check from '../../conformance/checks/protobuf-body.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfBytes, viewOfText } from '../../conformance/exchange.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { failures } from '../helpers/check.js';

const PROTOBUF = { 'content-type': 'application/vnd.kubernetes.protobuf' };
const notAcceptable = readFileSync(new URL('../fixtures/protobuf/not-acceptable-widgets.bin', import.meta.url));
const judge = (view: ReturnType<typeof viewOfText>, profile?: string) => runCheck(check, buildContext(compiledProfileOf(profile), view, {}));

it("passes kube-apiserver's protobuf 406", () => {
  assert.equal(judge(viewOfBytes(notAcceptable, 406, PROTOBUF)).outcome, 'pass');
});

it('flags a body labelled protobuf that is not (a JSON Status, binary garbage)', () => {
  const json = Buffer.from('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotAcceptable","code":406}');
  assert.deepEqual(failures(judge(viewOfBytes(json, 406, PROTOBUF))), [{ checkId: 'protobuf-body', pointer: '', expected: 'a protobuf Status', received: 'undecodable body' }]);
  const garbage = Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f])]);
  const result = judge(viewOfBytes(garbage, 500, PROTOBUF));
  assert.equal(failures(result)[0]?.received, 'undecodable body');
  assert.equal(result.level, 'MUST');
});

it('skips JSON bodies, successes, bodies cut at the cap, and protobuf recorded only as text', () => {
  assert.equal(judge(viewOfText('{"kind":"Status"}', 404, { 'content-type': 'application/json' })).outcome, 'skip');
  assert.equal(judge(viewOfBytes(Buffer.from('k8s\0...'), 200, PROTOBUF)).outcome, 'skip');
  assert.equal(judge(viewOfBytes(notAcceptable.subarray(0, 50), 406, PROTOBUF, true)).outcome, 'skip');
  assert.equal(judge(viewOfText('k8s\0', 406, PROTOBUF)).outcome, 'skip');
});
