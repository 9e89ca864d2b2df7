import { Agent, errors as undiciErrors } from 'undici';
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
}

export interface HttpExchange {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  /** The body was cut at the size cap, or a stream was closed after its first line. */
  truncated: boolean;
  durationMs: number;
}

/** The target did not answer in a usable way: refused, reset, timed out, TLS failure. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

export interface HttpClientOptions {
  /** Per-request limit for headers and for each body chunk. */
  timeoutMs: number;
  maxBodyBytes: number;
}

function describeError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code ?? 'UNKNOWN';
  if (error instanceof undiciErrors.HeadersTimeoutError) return new TransportError('no response headers within the timeout', 'HEADERS_TIMEOUT');
  if (error instanceof undiciErrors.BodyTimeoutError) return new TransportError('the body stalled past the timeout', 'BODY_TIMEOUT');
  const reason = err.cause?.message ?? err.message;
  return new TransportError(reason, code);
}

/** One connection pool per target; credentials are attached here and only for the target's origin. */
export class HttpClient {
  readonly target: Target;
  private readonly options: HttpClientOptions;
  private readonly agent: Agent;
  private readonly anonymousAgent: Agent;
  /** Sees every exchange, e.g. so the runner can judge discovery responses too. */
  observer: ((request: HttpRequest, exchange: HttpExchange) => void) | undefined;

  constructor(target: Target, options: HttpClientOptions) {
    this.target = target;
    this.options = options;
    const { ca, cert, key, rejectUnauthorized } = target.tls;
    const base = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, connections: 16 };
    this.agent = new Agent({ ...base, connect: { ca, cert, key, rejectUnauthorized, timeout: options.timeoutMs } });
    this.anonymousAgent = new Agent({ ...base, connect: { ca, rejectUnauthorized, timeout: options.timeoutMs } });
  }

  async send(request: HttpRequest): Promise<HttpExchange> {
    const started = performance.now();
    const origin = new URL(this.target.server);
    const basePath = origin.pathname.replace(/\/$/, '');
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'statuslint', ...request.headers };
    if (!request.anonymous) Object.assign(headers, this.target.authHeaders);
    let response;
    try {
      response = await (request.anonymous ? this.anonymousAgent : this.agent).request({
        origin: origin.origin,
        path: `${basePath}${request.path}`,
        method: request.method as 'GET',
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
    } catch (error) {
      throw describeError(error);
    }
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        // Only a successful stream is cut at its first line; an error body is read whole.
        if (request.firstLineOnly && response.statusCode < 300) {
          const newline = buffer.indexOf(0x0a);
          if (newline >= 0) {
            chunks.push(buffer.subarray(0, newline + 1));
            truncated = true;
            break;
          }
        }
        if (size + buffer.length > this.options.maxBodyBytes) {
          chunks.push(buffer.subarray(0, this.options.maxBodyBytes - size));
          truncated = true;
          break;
        }
        chunks.push(buffer);
        size += buffer.length;
      }
    } catch (error) {
      throw describeError(error);
    } finally {
      if (truncated) response.body.destroy();
    }
    const exchange: HttpExchange = {
      status: response.statusCode,
      headers: responseHeaders,
      bodyText: Buffer.concat(chunks).toString('utf8'),
      truncated,
      durationMs: performance.now() - started,
    };
    this.observer?.(request, exchange);
    return exchange;
  }

  /** For reads the runner needs (discovery, listing): on 429 wait as `Retry-After` says, up to three times. */
  async sendWithRetry(request: HttpRequest): Promise<HttpExchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.send(request);
      if (exchange.status !== 429 || attempt === 3) return exchange;
      const header = Number(exchange.headers['retry-after']);
      const seconds = Math.min(Number.isFinite(header) && header >= 0 ? header : 1, 10);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.anonymousAgent.close()]);
  }
}
