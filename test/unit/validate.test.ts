import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../conformance/index.js';
import { statusBody } from '../helpers/status.js';

const ids = (findings: ReturnType<typeof validate>): string[] => findings.map((f) => f.checkId);

describe('validate()', () => {
  it('returns nothing for a correct Status with its status and headers', () => {
    assert.deepEqual(validate(statusBody(), { httpStatus: 404, headers: { 'content-type': 'application/json' } }), []);
  });

  it('reports the issue\'s example: reason NotFound goes with code 404, got 409', () => {
    const [finding, ...rest] = validate(statusBody({ code: 409 }), { httpStatus: 409 });
    assert.deepEqual(rest, []);
    assert.equal(finding?.checkId, 'reason-code-match');
    assert.equal(finding?.level, 'MUST');
    assert.equal(finding?.pointer, '/reason');
    assert.equal(finding?.expected, '404');
    assert.equal(finding?.received, '409');
    assert.ok(finding?.hint);
  });

  it('judges a bare body by its own code', () => {
    assert.deepEqual(ids(validate(statusBody({ reason: 'Gone' }))), ['reason-code-match']);
  });

  it('treats a watch event as one', () => {
    const event = { type: 'ERROR', object: statusBody({ reason: 'Expired', code: 410, message: 'too old resource version: 1 (42)', details: {} }) };
    assert.deepEqual(validate(event), []);
    assert.deepEqual(ids(validate({ type: 'ERROR', object: { ...event.object, status: 'Success' } })), ['status-matches-http-class']);
  });

  it('does not hold an ERROR event\'s code against the 200 of its stream', () => {
    const event = { type: 'ERROR', object: statusBody({ reason: 'Expired', code: 410, message: 'too old resource version: 1 (42)', details: {} }) };
    assert.deepEqual(validate(event, { httpStatus: 200, headers: { 'content-type': 'application/json' }, watchEvent: true }), []);
  });

  it('finds several problems at once, MUST and SHOULD', () => {
    const findings = validate(statusBody({ status: 'Success', reason: 'Notfound', message: '' }), { httpStatus: 404 });
    assert.deepEqual(ids(findings).sort(), ['message-present', 'reason-known', 'status-matches-http-class']);
    assert.deepEqual(findings.map((f) => f.level).sort(), ['MUST', 'SHOULD', 'SHOULD']);
  });

  it('takes the envelope and problem profiles', () => {
    assert.deepEqual(validate({ error: 'conflict', message: 'stale', requestId: 'r1' }, { profile: 'envelope', httpStatus: 409 }), []);
    assert.deepEqual(ids(validate({ error: 'conflict', message: 'stale', requestId: 'r1' }, { profile: 'envelope', httpStatus: 400 })), ['reason-code-match']);
    assert.deepEqual(ids(validate({ title: 'Gone', status: 404 }, { profile: 'problem', httpStatus: 410 })), ['code-matches-http-status']);
  });

  it('reports a non-object body as a schema failure instead of throwing', () => {
    assert.deepEqual(ids(validate('oops', { httpStatus: 500 })), ['schema']);
    assert.deepEqual(ids(validate([1, 2], { httpStatus: 500 })), ['schema']);
  });
});
