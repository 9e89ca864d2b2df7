import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../conformance/check.js';
import check from '../../conformance/checks/response-complete.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfText } from '../../conformance/exchange.js';
import { type PartialResponse, type TransportFailure, TransportError } from '../../conformance/http.js';
import { findingsOfItem } from '../../conformance/results.js';
import { transportFindings } from '../../conformance/transport-findings.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

const NOT_FOUND = { status: 404, reason: 'NotFound' };
const text = JSON.stringify(statusBody());
const length = String(Buffer.byteLength(text));
const compiled = compiledProfileOf('kubernetes');

/** What `transportFindings` makes of a failure, as the runner records it. */
function judge(failure: Partial<Omit<TransportFailure, 'code'>>, partial?: PartialResponse, code = 'TEST') {
  return transportFindings(new TransportError('test failure', code, failure, partial), compiled, { expectation: NOT_FOUND, request: { method: 'GET', path: '/api/v1/namespaces/default/pods/web' } });
}
const findingsOf = (outcome: ReturnType<typeof judge>) => findingsOfItem({ id: '', title: '', location: '', checks: outcome.checks });
const data = (outcome: ReturnType<typeof judge>) => findingsOf(outcome).map(({ checkId, level, pointer, expected, received }) => ({ checkId, level, pointer, expected, received }));

describe('a response that arrived whole', () => {
  it('passes when the body has the length `Content-Length` declares', () => {
    assert.equal(runOne(check, undefined, { text, status: 404, headers: { ...JSON_HEADERS, 'content-length': length }, expectation: NOT_FOUND }).outcome, 'pass');
  });

  it('passes a chunked body (no `Content-Length`)', () => {
    assert.equal(runOne(check, undefined, { text, status: 404, headers: JSON_HEADERS, expectation: NOT_FOUND }).outcome, 'pass');
  });

  it('flags a body shorter than `Content-Length` declares', () => {
    const result = runOne(check, undefined, { text, status: 404, headers: { ...JSON_HEADERS, 'content-length': '4096' }, expectation: NOT_FOUND });
    assert.deepEqual(failures(result), [{ checkId: 'response-complete', pointer: 'header:Content-Length', expected: '4096 bytes', received: `${length} bytes` }]);
    assert.equal(result.level, 'MUST');
  });

  it('counts bytes, not characters', () => {
    const accented = JSON.stringify(statusBody({ message: 'pods "café" not found' }));
    const headers = { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(accented)) };
    assert.equal(runOne(check, undefined, { text: accented, status: 404, headers, expectation: NOT_FOUND }).outcome, 'pass');
  });

  it('leaves compressed bodies, 304s and watch streams (read to their first line) alone', () => {
    const wrongLength = { ...JSON_HEADERS, 'content-length': '4096' };
    assert.equal(runOne(check, undefined, { text, status: 404, headers: { ...wrongLength, 'content-encoding': 'gzip' }, expectation: NOT_FOUND }).outcome, 'pass');
    assert.equal(runOne(check, undefined, { text: '', status: 304, headers: wrongLength, expectation: NOT_FOUND }).outcome, 'pass');
    const view = viewOfText(`${JSON.stringify({ type: 'ADDED', object: {} })}\n`, 200, wrongLength);
    const watch = buildContext(compiled, view, {
      expectation: { status: 410, reason: 'Expired', streamStatus: 200 },
      request: { method: 'GET', path: '/api/v1/pods?watch=true&resourceVersion=1' },
      watchEvent: true,
    });
    assert.equal(runCheck(check, watch).outcome, 'pass');
  });

  it('reports an error body cut at the size cap as a SHOULD, and leaves a cut success body alone', () => {
    const view = viewOfText(text.slice(0, 40), 404, JSON_HEADERS, true);
    const result = runCheck(check, buildContext(compiled, view, { expectation: NOT_FOUND }));
    assert.deepEqual(failures(result), [{ checkId: 'response-complete', pointer: '', expected: 'a body within the size cap', received: 'body over the size cap' }]);
    assert.equal(result.outcome === 'fail' && result.findings[0]!.level, 'SHOULD');
    const list = viewOfText(`{"kind":"ConfigMapList","items":[`, 200, JSON_HEADERS, true);
    assert.equal(runCheck(check, buildContext(compiled, list, { expectation: NOT_FOUND })).outcome, 'skip');
  });

  it('skips a redirect: status-code-expected reports it', () => {
    const result = runOne(check, undefined, { text: 'Temporary Redirect', status: 307, headers: { location: 'http://elsewhere.example/' }, expectation: NOT_FOUND });
    assert.equal(result.outcome, 'skip');
  });

  it('is a probe check: a passive response is not judged', () => {
    assert.equal(runOne(check, undefined, { text, status: 404, headers: { ...JSON_HEADERS, 'content-length': '4096' } }).outcome, 'skip');
  });
});

describe('an exchange that failed', () => {
  const partial = (bodyText: string): PartialResponse => ({ status: 404, headers: { ...JSON_HEADERS }, bodyText, truncated: true });

  const cases: Array<[string, Partial<Omit<TransportFailure, 'code'>>, PartialResponse | undefined, { pointer: string; expected: string; received: string }]> = [
    ['no headers', { kind: 'headers-timeout', deadlineMs: 2000 }, undefined, { pointer: '', expected: 'headers within the timeout', received: 'no headers in time' }],
    ['a dripping body', { kind: 'body-deadline', deadlineMs: 2000, bodyBytes: 19, silentForMs: 40 }, partial('{"kind":"Status","ap'), { pointer: '', expected: 'the whole body within the timeout', received: 'body incomplete at the deadline' }],
    ['a watch without a newline', { kind: 'body-deadline', deadlineMs: 2000, bodyBytes: 19, firstLineOnly: true }, partial('{"type":"ADDED","ob'), { pointer: '', expected: 'a first event line within the timeout', received: 'no event line in time' }],
    ['a watch line past the size cap', { kind: 'event-line-over-cap', bodyBytes: 1024, maxBodyBytes: 1024, firstLineOnly: true }, partial('{"type":'), { pointer: '', expected: 'a first event line within the size cap', received: 'no event line within the size cap' }],
    ['a short body', { kind: 'content-length-mismatch', declaredBytes: 542, bodyBytes: 271 }, partial('{"kind":'), { pointer: 'header:Content-Length', expected: '542 bytes', received: '271 bytes' }],
    ['a reset mid-body', { kind: 'connection-reset', bodyBytes: 131 }, partial('{"kind":'), { pointer: '', expected: 'a complete response', received: 'connection reset mid-body' }],
    ['a reset before the headers', { kind: 'connection-reset' }, undefined, { pointer: '', expected: 'a complete response', received: 'connection reset before the headers' }],
    ['a certificate for another name', { kind: 'tls-name-mismatch', detail: 'the certificate names DNS:other.example, not 127.0.0.1' }, undefined, { pointer: '', expected: "a certificate for the server's name", received: 'certificate for another name' }],
    ['another TLS failure', { kind: 'tls-failed' }, undefined, { pointer: '', expected: 'a certificate the client can verify', received: 'TLS failure' }],
    ['a refused connection', { kind: 'no-connection' }, undefined, { pointer: '', expected: 'a connection', received: 'no connection' }],
    ['something else', {}, undefined, { pointer: '', expected: 'a complete response', received: 'no usable response' }],
  ];

  for (const [name, failure, received, want] of cases) {
    it(`reports ${name} as a MUST finding and the probe as unanswered`, () => {
      const outcome = judge(failure, received);
      assert.deepEqual(data(outcome), [{ checkId: 'response-complete', level: 'MUST', ...want }]);
      assert.match(outcome.error ?? '', /^no usable response: test failure \(TEST\)$/);
      assert.deepEqual(outcome.response, received);
    });
  }

  it('judges an error body that is not UTF-8 like any answer, and says so', () => {
    const latin1 = JSON.stringify(statusBody({ message: 'pods "caf\uFFFD" not found' }));
    const outcome = judge({ kind: 'invalid-utf8', invalidUtf8At: 91 }, { status: 404, headers: { ...JSON_HEADERS }, bodyText: latin1, truncated: false });
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.response?.status, 404);
    assert.deepEqual(data(outcome).filter((f) => f.checkId === 'response-complete'), [{ checkId: 'response-complete', level: 'MUST', pointer: '', expected: 'UTF-8', received: 'invalid UTF-8' }]);
    // The other checks ran on the decoded body: the Status itself is fine, so they pass.
    assert.ok(outcome.checks.length > 5);
    assert.deepEqual(data(outcome).filter((f) => f.checkId !== 'response-complete' && f.checkId !== 'details-match-request'), []);
  });

  it('turns an error that is not a TransportError into a finding too', () => {
    const outcome = transportFindings(new TypeError('boom'), compiled, { expectation: NOT_FOUND });
    assert.deepEqual(data(outcome).map((f) => f.received), ['no usable response']);
    assert.equal(outcome.error, 'no usable response: boom (UNKNOWN)');
  });
});
