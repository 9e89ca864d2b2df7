import { defineCheck, pass, skip } from '../check.js';
import type { ResponseView } from '../exchange.js';
import { type FindingInput, receivedExpected } from '../findings.js';
import type { TransportFailure, TransportFailureKind } from '../http.js';

/** A response view that also says why its exchange failed; transport-findings.ts builds it. */
export type ViewWithTransportFailure = ResponseView & { transportFailure?: TransportFailure };

export const transportFailureOf = (view: ResponseView): TransportFailure | undefined => (view as ViewWithTransportFailure).transportFailure;

const duration = (ms: number | undefined): string => (ms === undefined ? 'the timeout' : ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`);
const bytes = (n: number | undefined): string => `${n ?? 0} byte${n === 1 ? '' : 's'}`;

const TIMEOUT_HINT = 'Answer every request within the client\'s timeout, errors included; a handler that cannot finish should send a `504` `Timeout` Status rather than hold the connection open.';

/** Per kind: the finding's data and wording. `received` and `expected` are the stable values tests and tools key on. */
const FAILURES = new Map<TransportFailureKind, (f: TransportFailure) => FindingInput>([
  ['headers-timeout', (f) => ({
    pointer: '',
    expected: 'headers within the timeout',
    received: 'no headers in time',
    message: receivedExpected(`no response headers within ${duration(f.deadlineMs)}`, 'the status line and headers within the client\'s timeout (`--timeout`)'),
    hint: TIMEOUT_HINT,
  })],
  ['body-deadline', (f) => ({
    pointer: '',
    expected: f.firstLineOnly ? 'a first event line within the timeout' : 'the whole body within the timeout',
    received: f.firstLineOnly ? 'no event line in time' : 'body incomplete at the deadline',
    message: receivedExpected(
      `${f.firstLineOnly ? 'a watch stream without a complete first line' : 'a body still incomplete'} after ${duration(f.deadlineMs)}: ${bytes(f.bodyBytes)} came, then ${duration(f.silentForMs)} without a byte`,
      f.firstLineOnly ? 'each watch event as one JSON line ending in a newline, the first within the timeout' : 'headers and the whole body within the client\'s timeout (`--timeout`)',
    ),
    hint: f.firstLineOnly
      ? 'Write each watch event as one JSON object followed by `\\n` and flush it; a stream with nothing to say should stay silent, not send a line in pieces.'
      : 'Send the whole body once the headers are out; check proxies that buffer, throttle or hold responses.',
  })],
  ['event-line-over-cap', (f) => ({
    pointer: '',
    expected: 'a first event line within the size cap',
    received: 'no event line within the size cap',
    message: receivedExpected(`a watch stream that sent ${bytes(f.bodyBytes)} without a newline`, 'each watch event as one JSON line ending in a newline'),
    hint: 'Write each watch event as one JSON object followed by `\\n`; never stream an event without its line end.',
  })],
  ['content-length-mismatch', (f) => ({
    pointer: 'header:Content-Length',
    expected: bytes(f.declaredBytes),
    received: bytes(f.bodyBytes),
    message: receivedExpected(`${bytes(f.bodyBytes)} of body`, `the ${bytes(f.declaredBytes)} \`Content-Length\` declares`),
    hint: 'Set `Content-Length` from the bytes actually sent, or send the body chunked; check proxies that cut or rewrite bodies.',
  })],
  ['connection-reset', (f) => ({
    pointer: '',
    expected: 'a complete response',
    received: f.headersReceived ? 'connection reset mid-body' : 'connection reset before the headers',
    message: receivedExpected(
      f.headersReceived ? `a connection closed (\`${f.code}\`) after ${bytes(f.bodyBytes)} of the body` : `a connection closed (\`${f.code}\`) before any response`,
      'a complete response before the connection closes',
    ),
    hint: 'Finish the response before closing the connection; check proxy and load balancer idle, size and request limits.',
  })],
  ['invalid-utf8', (f) => ({
    pointer: '',
    expected: 'UTF-8',
    received: 'invalid UTF-8',
    message: receivedExpected(`an error body with bytes that are not UTF-8 (first at byte ${f.invalidUtf8At ?? '?'})`, 'a JSON body in UTF-8 (RFC 8259, section 8.1)'),
    hint: 'Encode the error body as UTF-8; a message that quotes user input or binary data must escape it (Go\'s encoding/json does).',
  })],
  ['tls-name-mismatch', (f) => ({
    pointer: '',
    expected: 'a certificate for the server\'s name',
    received: 'certificate for another name',
    message: receivedExpected(`a TLS certificate for another name${f.detail ? ` (${f.detail.trim()})` : ''}`, 'a certificate whose subject alternative names include the address the client uses'),
    hint: 'Serve a certificate that names every address clients use (DNS names and IPs), on every replica behind the address.',
  })],
  ['tls-failed', (f) => ({
    pointer: '',
    expected: 'a certificate the client can verify',
    received: 'TLS failure',
    message: receivedExpected(`a TLS failure (\`${f.code}\`${f.detail ? `: ${f.detail.trim()}` : ''})`, 'a certificate that chains to the trusted CA and is valid now'),
    hint: 'Serve the full chain to a CA the client trusts (or pass it with `--ca`), and renew certificates before they expire.',
  })],
  ['no-connection', (f) => ({
    pointer: '',
    expected: 'a connection',
    received: 'no connection',
    message: receivedExpected(`no connection (\`${f.code}\`)`, 'the server to accept connections for the whole run'),
    hint: 'Keep the server reachable while it is probed; check that it did not restart or shed connections under load.',
  })],
  ['unknown', (f) => ({
    pointer: '',
    expected: 'a complete response',
    received: 'no usable response',
    message: receivedExpected(`no usable response (\`${f.code}\`${f.detail ? `: ${f.detail.trim()}` : ''})`, 'a complete HTTP response'),
    hint: 'Answer with a complete HTTP response; check proxies between the client and the server.',
  })],
]);

/** Bodies that carry none, whatever `Content-Length` says (RFC 9110, section 8.6). */
const NO_BODY_STATUSES = new Set([204, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const WATCH_REQUEST = /[?&]watch=(1|true)(&|$)/;

export default defineCheck({
  id: 'response-complete',
  title: 'A response arrives whole and in time',
  level: 'MUST',
  scope: 'probe',
  description:
    'The response to a probe must arrive whole within the client\'s timeout: headers, then the full body (as many bytes as `Content-Length` declares, or a watch stream\'s first line), decodable as UTF-8, over a connection that is not reset and a certificate for the server\'s name; an error body should also fit within the size cap. A connection closed before any of the answer came is tried once more on a new connection (a server may close an idle kept-alive connection as a request goes out); only a second close is a finding.',
  example: {
    status: 404,
    headers: { 'content-type': 'application/json', 'content-length': '2048' },
    text: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.example.dev \\"w1\\" not found","reason":"NotFound","code":404}',
    expectation: { status: 404, reason: 'NotFound' },
  },
  run({ response, request }) {
    const failure = transportFailureOf(response);
    if (failure) return [(FAILURES.get(failure.kind) ?? FAILURES.get('unknown')!)(failure)];
    if (response.status === undefined) return skip('no HTTP exchange');
    if (REDIRECTS.has(response.status)) return skip('a redirect, which statuslint does not follow (status-code-expected judges the status)');
    if (response.truncated) {
      // Only an error body is expected to be small; any cut body leaves its length unknowable.
      if (response.status < 400) return skip('the body was cut at the size cap');
      return [
        {
          level: 'SHOULD',
          pointer: '',
          expected: 'a body within the size cap',
          received: 'body over the size cap',
          message: receivedExpected('a body larger than the size cap, read only up to it', 'an error body of a few kilobytes'),
          hint: 'Keep error bodies small: a message and details, not dumps, stack traces or the object itself.',
        },
      ];
    }
    const declared = response.headers?.['content-length'];
    const text = response.bodyText;
    if (
      declared === undefined ||
      !/^\d+$/.test(declared.trim()) ||
      text === undefined ||
      response.headers?.['content-encoding'] !== undefined ||
      NO_BODY_STATUSES.has(response.status) ||
      request?.method === 'HEAD' ||
      // A watch is read to its first line only; a lossy decoding changes the byte count.
      (request !== undefined && WATCH_REQUEST.test(request.path)) ||
      (response.bodyBytes === undefined && text.includes('\uFFFD'))
    ) {
      return pass;
    }
    // A decoded protobuf body's text is its JSON form: the bytes sent were counted as they came.
    const received = response.bodyBytes ?? new TextEncoder().encode(text).length;
    const expected = Number(declared.trim());
    if (received === expected) return pass;
    return [FAILURES.get('content-length-mismatch')!({ kind: 'content-length-mismatch', code: 'CONTENT_LENGTH', headersReceived: true, declaredBytes: expected, bodyBytes: received })];
  },
});
