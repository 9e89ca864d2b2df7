import { Agent, Client, type Dispatcher, errors as undiciErrors } from 'undici';
import { mediaTypeOf } from './exchange.js';
import { decodeErrorBody, KUBERNETES_PROTOBUF } from './kubernetes-protobuf.js';
import { INVALID_TOKEN } from './results.js';
import { compileSecrets, credentialSecrets, scrubSecrets, type SecretMatcher } from './secrets.js';
import type { Target } from './target.js';

export interface HttpRequest {
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Read a streaming response only up to its first complete line (watch streams). */
  firstLineOnly?: boolean;
  /** Send without the target's credentials. */
  anonymous?: boolean;
  /** Send without the target's credentials but with a bearer token no server accepts: authentication must fail. */
  invalidToken?: boolean;
  /**
   * Not cancelled when the run is interrupted, only by the deadline: creating and deleting the
   * throwaway namespace must not be cut half-way, or the namespace is left behind.
   */
  survivesInterrupt?: boolean;
}

export interface HttpExchange {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  /** The body was cut at the size cap, or a stream was closed after its first line. */
  truncated: boolean;
  durationMs: number;
  /** Body bytes read (at most the size cap). */
  bodyBytes?: number;
  /** The time headers and the whole body had, together. */
  deadlineMs?: number;
  /** Offset of the first byte that is not UTF-8, in a body that was decoded with replacement characters. */
  invalidUtf8At?: number;
  /** An error body in this binary media type was decoded: `bodyText` is the JSON form of what it encodes. */
  decodedFrom?: typeof KUBERNETES_PROTOBUF;
  /** Why an error body in a binary media type did not decode; `bodyText` is then its bytes as lossy UTF-8. */
  undecodable?: string;
}

/** What went wrong with an exchange that could not be used; the checks name each kind to the user. */
export type TransportFailureKind =
  /** Refused, unreachable, unknown host, or no connection within the timeout. */
  | 'no-connection'
  /** The server's certificate names another host. */
  | 'tls-name-mismatch'
  /** Any other TLS failure: unknown CA, expired, handshake error. */
  | 'tls-failed'
  /** The request went out; no response headers came before the deadline. */
  | 'headers-timeout'
  /** Headers came; the body (or a watch stream's first line) was not complete by the deadline. */
  | 'body-deadline'
  /** The connection was reset, or closed before the body ended. */
  | 'connection-reset'
  /** The connection closed after fewer bytes than `Content-Length` declared. */
  | 'content-length-mismatch'
  /** A watch stream sent more than the size cap without ending its first line. */
  | 'event-line-over-cap'
  /** An error body that is not UTF-8: clients cannot decode it as the JSON it claims to be. */
  | 'invalid-utf8'
  | 'unknown';

/** Why an exchange could not be used, as data: checks read this, never the message. */
export interface TransportFailure {
  kind: TransportFailureKind;
  /** Node's or undici's error code, e.g. `ECONNRESET`, `ERR_TLS_CERT_ALTNAME_INVALID`. */
  code: string;
  /** Whether the status line and headers had arrived. */
  headersReceived: boolean;
  /** The time headers and the whole body had, together. */
  deadlineMs?: number;
  elapsedMs?: number;
  /** Body bytes that had arrived. */
  bodyBytes?: number;
  /** How long the body had been silent when the deadline passed. */
  silentForMs?: number;
  /** The `Content-Length` the headers declared. */
  declaredBytes?: number;
  /** The size cap the body was read up to. */
  maxBodyBytes?: number;
  invalidUtf8At?: number;
  /** The read was waiting for a watch stream's first line. */
  firstLineOnly?: boolean;
  /** What the failing layer said, e.g. which names the certificate has. */
  detail?: string;
}

/** What had arrived when an exchange failed after its headers. */
export interface PartialResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as far as it came (decoded with replacement characters). */
  bodyText: string;
  /** `bodyText` is not the whole body. */
  truncated: boolean;
}

/** The target did not answer in a usable way: refused, reset, timed out, TLS failure, an undecodable error body. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: string;
  readonly failure: TransportFailure;
  /** Status, headers and the body so far, when the headers had arrived. */
  readonly partial: PartialResponse | undefined;
  constructor(message: string, code: string, failure: Partial<Omit<TransportFailure, 'code'>> = {}, partial?: PartialResponse) {
    super(message);
    this.code = code;
    this.failure = { kind: 'unknown', headersReceived: partial !== undefined, ...failure, code };
    this.partial = partial;
  }
}

export interface HttpClientOptions {
  /** Per-request limit for the headers and the whole body together (and undici's per-chunk limit). */
  timeoutMs: number;
  maxBodyBytes: number;
  /** The run's signal: when it aborts (Ctrl-C), every request in flight is cancelled at once. */
  signal?: AbortSignal;
  /** Awaited before each request is sent: the run's rate limit (`RunPace`). */
  beforeSend?: () => Promise<void>;
}

// Defined with the results model, whose reports show it in a reproduction; the client sends it.
export { INVALID_TOKEN };

/** The code of the TransportError a request ends with when the run is interrupted: no answer to judge, and not the server's doing. */
export const INTERRUPTED = 'INTERRUPTED';

export const isInterrupted = (error: unknown): boolean => error instanceof TransportError && error.code === INTERRUPTED;

const interruptedError = (): TransportError => new TransportError('the run was interrupted', INTERRUPTED);

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

/** How far one exchange got: what a failure report needs. */
interface Progress {
  started: number;
  deadlineMs: number;
  maxBodyBytes: number;
  firstLineOnly: boolean;
  deadlinePassed: boolean;
  partial: { status: number; headers: Record<string, string>; chunks: Buffer[]; headersAt: number } | undefined;
  bodyBytes: number;
  lastByteAt: number | undefined;
}

const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`);

function partialOf(progress: Progress): PartialResponse | undefined {
  const { partial } = progress;
  if (!partial) return undefined;
  return { status: partial.status, headers: partial.headers, bodyText: Buffer.concat(partial.chunks).toString('utf8'), truncated: true };
}

function describeError(error: unknown, progress: Progress): TransportError {
  if (error instanceof TransportError) return error;
  const now = performance.now();
  const headersReceived = progress.partial !== undefined;
  const base = {
    headersReceived,
    deadlineMs: progress.deadlineMs,
    elapsedMs: Math.round(now - progress.started),
    ...(headersReceived ? { bodyBytes: progress.bodyBytes } : {}),
    ...(progress.firstLineOnly ? { firstLineOnly: true } : {}),
  };
  const partial = partialOf(progress);
  const fail = (message: string, code: string, failure: Partial<Omit<TransportFailure, 'code'>>): TransportError => new TransportError(message, code, { ...base, ...failure }, partial);
  // The deadline is checked first: the abort surfaces as whatever undici makes of it.
  if (progress.deadlinePassed || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    if (!headersReceived) return fail(`no response headers within ${duration(progress.deadlineMs)}`, 'HEADERS_TIMEOUT', { kind: 'headers-timeout' });
    const silentForMs = Math.round(now - (progress.lastByteAt ?? progress.partial!.headersAt));
    const what = progress.firstLineOnly ? 'the stream sent no complete first line' : 'the body was not complete';
    return fail(`${what} within ${duration(progress.deadlineMs)} (${progress.bodyBytes} bytes came, none in the last ${duration(silentForMs)})`, 'BODY_TIMEOUT', { kind: 'body-deadline', silentForMs });
  }
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code ?? 'UNKNOWN';
  const reason = err.cause?.message ?? err.message;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altnames|does not match certificate/i.test(reason)) {
    // Node's message lists only the IP names; the certificate's own list says what it is for.
    const { host, cert } = err as { host?: string; cert?: { subjectaltname?: string } };
    const detail = host && cert?.subjectaltname ? `the certificate names ${cert.subjectaltname}, not ${host}` : reason;
    return fail(reason, code, { kind: 'tls-name-mismatch', detail });
  }
  if (TLS_CODE.test(code)) return fail(reason, code, { kind: 'tls-failed', detail: reason });
  if (!headersReceived && CONNECT_CODES.has(code)) return fail(reason, code, { kind: 'no-connection', detail: reason });
  const declared = Number(progress.partial?.headers['content-length']);
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || (headersReceived && code !== 'ECONNRESET' && CLOSED_CODES.has(code) && Number.isFinite(declared) && progress.bodyBytes < declared)) {
    return fail(`the connection closed after ${progress.bodyBytes} of the ${declared} bytes \`Content-Length\` declared`, code, { kind: 'content-length-mismatch', ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}) });
  }
  if (CLOSED_CODES.has(code)) return fail(reason, code, { kind: 'connection-reset', detail: reason });
  return fail(reason, code, { kind: 'unknown', detail: reason });
}

/**
 * The connection closed before a byte of the answer came. A server may close an idle kept-alive
 * connection at any time (RFC 9112 §9.6), so on a pooled connection this is most often a race the
 * server never saw: worth one more try on a new connection, whatever the method (as browsers do).
 */
const closedBeforeAnswering = (error: unknown): boolean =>
  error instanceof TransportError && error.failure.kind === 'connection-reset' && !error.failure.headersReceived;

/** Offset of the first byte sequence that is not UTF-8; the text is the buffer decoded with replacement characters. */
function firstInvalidUtf8(buffer: Buffer, text: string): number {
  let offset = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    // A replacement character that the bytes really spell is not an error.
    if (char === '\uFFFD' && !(buffer[offset] === 0xef && buffer[offset + 1] === 0xbf && buffer[offset + 2] === 0xbd)) return offset;
    offset += size;
  }
  return offset;
}

/** How many times `sendWithRetry` tries again after a 429. */
export const THROTTLED_RETRIES = 3;

/** One connection pool per target; credentials are attached here and only for the target's origin. */
export class HttpClient {
  readonly target: Target;
  private readonly options: HttpClientOptions;
  private readonly agent: Agent;
  private readonly anonymousAgent: Agent;
  /** How a new connection is made, with and without the client certificate: for a one-off retry. */
  private readonly connection: { options: Agent.Options; anonymousOptions: Agent.Options };
  /** Sees every exchange, e.g. so the runner can judge discovery responses too. */
  observer: ((request: HttpRequest, exchange: HttpExchange) => void) | undefined;

  /** Every form of the target's credentials, which must never leave the client in a response. */
  private readonly secrets: SecretMatcher | undefined;

  constructor(target: Target, options: HttpClientOptions) {
    this.target = target;
    this.options = options;
    // Built once: every response is scanned with it.
    this.secrets = compileSecrets(credentialSecrets(target.authHeaders));
    const { ca, cert, key, rejectUnauthorized } = target.tls;
    const base = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, connections: 16 };
    this.connection = {
      options: { ...base, connect: { ca, cert, key, rejectUnauthorized, timeout: options.timeoutMs } },
      anonymousOptions: { ...base, connect: { ca, rejectUnauthorized, timeout: options.timeoutMs } },
    };
    this.agent = new Agent(this.connection.options);
    this.anonymousAgent = new Agent(this.connection.anonymousOptions);
  }

  /**
   * Send one request and read its answer: the headers and the whole body (or a stream's first line)
   * must come within `timeoutMs` all told, so a server that drips a byte at a time cannot hold a run.
   */
  async send(request: HttpRequest): Promise<HttpExchange> {
    await this.options.beforeSend?.();
    let exchange: HttpExchange;
    try {
      exchange = await this.attempt(request, 'pooled');
    } catch (error) {
      if (!closedBeforeAnswering(error)) throw error;
      // A kept-alive connection the server closed as the request went out: the server never saw it.
      exchange = await this.attempt(request, 'new');
    }
    this.observer?.(request, exchange);
    return exchange;
  }

  /** One try: on a pooled connection, or on a new one made for this request alone. */
  private async attempt(request: HttpRequest, connection: 'pooled' | 'new'): Promise<HttpExchange> {
    const started = performance.now();
    const { timeoutMs: deadlineMs, maxBodyBytes } = this.options;
    const progress: Progress = {
      started,
      deadlineMs,
      maxBodyBytes,
      firstLineOnly: request.firstLineOnly === true,
      deadlinePassed: false,
      partial: undefined,
      bodyBytes: 0,
      lastByteAt: undefined,
    };
    const run = request.survivesInterrupt ? undefined : this.options.signal;
    if (run?.aborted) throw interruptedError();
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      progress.deadlinePassed = true;
      deadline.abort(new Error('deadline passed'));
    }, deadlineMs);
    // One controller for both: a listener removed after each request, where AbortSignal.any would tie every request to the run's signal.
    const interrupt = (): void => deadline.abort(new Error('interrupted'));
    run?.addEventListener('abort', interrupt, { once: true });
    const anonymous = request.anonymous === true || request.invalidToken === true;
    const oneOff = connection === 'new' ? new Client(new URL(this.target.server).origin, anonymous ? this.connection.anonymousOptions : this.connection.options) : undefined;
    const dispatcher: Dispatcher = oneOff ?? (anonymous ? this.anonymousAgent : this.agent);
    try {
      return this.scrubbed(await this.exchange(request, progress, deadline.signal, dispatcher));
    } catch (error) {
      if (run?.aborted && !progress.deadlinePassed) throw interruptedError();
      const transport = describeError(error, progress);
      throw this.scrubbedError(transport);
    } finally {
      clearTimeout(timer);
      run?.removeEventListener('abort', interrupt);
      oneOff?.destroy().catch(() => undefined);
    }
  }

  /**
   * A server that echoes the caller's credentials (a debug page, a reflected header or cookie, a
   * redirect, an error message) must not put them in a report: every string it controls is scrubbed
   * here, whole, before a check, a finding, a message or the progress line can hold it.
   */
  private scrubbed<T extends { headers: Record<string, string>; bodyText: string; truncated: boolean }>(response: T): T {
    if (this.secrets === undefined) return response;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      const scrubbedName = scrubSecrets(name, this.secrets);
      const scrubbedValue = scrubSecrets(value, this.secrets);
      headers[scrubbedName] = headers[scrubbedName] === undefined ? scrubbedValue : `${headers[scrubbedName]}, ${scrubbedValue}`;
    }
    const undecodable = (response as { undecodable?: string }).undecodable;
    return {
      ...response,
      headers,
      bodyText: scrubSecrets(response.bodyText, this.secrets, { cut: response.truncated }),
      ...(undecodable !== undefined ? { undecodable: scrubSecrets(undecodable, this.secrets) } : {}),
    };
  }

  /** The failure with its message, its detail (TLS names, a peer's words) and what had arrived scrubbed. */
  private scrubbedError(error: TransportError): TransportError {
    if (this.secrets === undefined) return error;
    const { detail } = error.failure;
    return new TransportError(
      scrubSecrets(error.message, this.secrets),
      error.code,
      { ...error.failure, ...(detail !== undefined ? { detail: scrubSecrets(detail, this.secrets) } : {}) },
      error.partial && this.scrubbed(error.partial),
    );
  }

  private async exchange(request: HttpRequest, progress: Progress, signal: AbortSignal, dispatcher: Dispatcher): Promise<HttpExchange> {
    const origin = new URL(this.target.server);
    const basePath = origin.pathname.replace(/\/$/, '');
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'statuslint', ...request.headers };
    const withoutCredentials = request.anonymous === true || request.invalidToken === true;
    if (!withoutCredentials) Object.assign(headers, this.target.authHeaders);
    if (request.invalidToken) headers.authorization = `Bearer ${INVALID_TOKEN}`;
    const response = await dispatcher.request({
      origin: origin.origin,
      path: `${basePath}${request.path}`,
      method: request.method as 'GET',
      headers,
      signal,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const chunks: Buffer[] = [];
    progress.partial = { status: response.statusCode, headers: responseHeaders, chunks, headersAt: performance.now() };
    const { maxBodyBytes } = progress;
    // Only a successful stream is cut at its first line; an error body is read whole.
    const firstLine = request.firstLineOnly === true && response.statusCode < 300;
    let truncated = false;
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        progress.lastByteAt = performance.now();
        if (firstLine) {
          const newline = buffer.indexOf(0x0a);
          if (newline >= 0 && progress.bodyBytes + newline + 1 <= maxBodyBytes) {
            chunks.push(buffer.subarray(0, newline + 1));
            progress.bodyBytes += newline + 1;
            truncated = true;
            break;
          }
        }
        if (progress.bodyBytes + buffer.length > maxBodyBytes) {
          chunks.push(buffer.subarray(0, maxBodyBytes - progress.bodyBytes));
          progress.bodyBytes = maxBodyBytes;
          truncated = true;
          break;
        }
        chunks.push(buffer);
        progress.bodyBytes += buffer.length;
      }
    } finally {
      if (truncated) response.body.destroy();
    }
    if (firstLine && truncated && chunks.at(-1)?.at(-1) !== 0x0a) {
      throw new TransportError(`the stream sent ${maxBodyBytes} bytes without ending its first line`, 'EVENT_LINE_OVER_CAP', {
        kind: 'event-line-over-cap',
        headersReceived: true,
        bodyBytes: progress.bodyBytes,
        maxBodyBytes,
        firstLineOnly: true,
        deadlineMs: progress.deadlineMs,
        elapsedMs: Math.round(performance.now() - progress.started),
      }, partialOf(progress));
    }
    const body = Buffer.concat(chunks);
    let bodyText: string;
    let invalidUtf8At: number | undefined;
    try {
      // A cut body may end inside a character: only bytes that can never be UTF-8 count.
      bodyText = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body, { stream: truncated });
    } catch {
      bodyText = body.toString('utf8');
      invalidUtf8At = firstInvalidUtf8(body, bodyText);
    }
    const durationMs = performance.now() - progress.started;
    // A protobuf error body (a client that asks for protobuf gets its Status so) is read as the JSON of what it
    // encodes, before the scrubber: its strings are the server's as much as a JSON body's are.
    const binary = response.statusCode >= 400 && mediaTypeOf(responseHeaders['content-type']) === KUBERNETES_PROTOBUF ? decodeErrorBody(body, truncated) : undefined;
    if (binary) bodyText = binary.bodyText;
    // An error body is what statuslint judges: one it cannot decode is unusable. Other bodies stay lenient (discovery).
    if (invalidUtf8At !== undefined && response.statusCode >= 400 && !binary) {
      throw new TransportError(
        `the body is not UTF-8 (byte ${invalidUtf8At} is not part of a UTF-8 sequence)`,
        'INVALID_UTF8',
        {
          kind: 'invalid-utf8',
          headersReceived: true,
          bodyBytes: progress.bodyBytes,
          invalidUtf8At,
          deadlineMs: progress.deadlineMs,
          elapsedMs: Math.round(durationMs),
        },
        { status: response.statusCode, headers: responseHeaders, bodyText, truncated },
      );
    }
    return {
      status: response.statusCode,
      headers: responseHeaders,
      bodyText,
      truncated,
      durationMs,
      bodyBytes: progress.bodyBytes,
      deadlineMs: progress.deadlineMs,
      ...(invalidUtf8At !== undefined && !binary ? { invalidUtf8At } : {}),
      ...(binary?.decodedFrom ? { decodedFrom: binary.decodedFrom } : {}),
      ...(binary?.undecodable !== undefined ? { undecodable: binary.undecodable } : {}),
    };
  }

  /**
   * On 429 wait as `Retry-After` says (1 s when it says nothing usable, 10 s at most) and try again, up
   * to THROTTLED_RETRIES times: for the reads the runner needs (discovery, listing) and for probes, whose
   * question a throttled server has not answered yet (kube-apiserver's priority and fairness, or a
   * custom resource's storage still initialising, answer 429 before looking at the request).
   */
  async sendWithRetry(request: HttpRequest): Promise<HttpExchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.send(request);
      if (exchange.status !== 429 || attempt === THROTTLED_RETRIES) return exchange;
      const header = Number(exchange.headers['retry-after']);
      const seconds = Math.min(Number.isFinite(header) && header >= 0 ? header : 1, 10);
      await this.pause(seconds * 1000, request);
    }
  }

  /** Wait before a retry; an interrupt ends the wait, and the retry then ends as interrupted. */
  private pause(ms: number, request: HttpRequest): Promise<void> {
    const run = request.survivesInterrupt ? undefined : this.options.signal;
    if (run?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        run?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      run?.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.anonymousAgent.close()]);
  }
}
