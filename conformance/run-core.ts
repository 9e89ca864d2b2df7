import { setTimeout as sleep } from 'node:timers/promises';
import type { CompiledProfile } from '../schemas/index.js';
import { UnreachableError } from '../schemas/errors.js';
import type { CheckResult } from './check.js';
import { ALL_CHECKS, PASSIVE_CHECKS, PROBE_CHECKS } from './checks/index.js';
import type { ContextOptions } from './context.js';
import { viewOfText } from './exchange.js';
import type { Expectation } from './expectation.js';
import { type HttpExchange, type HttpRequest, THROTTLED_RETRIES, TransportError } from './http.js';
import { type ExpectedAnswer, type NotRun, type RecordedRequest, redactBody, type ResultItem, type Results } from './results.js';

export { resultsHeader } from './results.js';
import type { Target } from './target.js';
import { transportFindings } from './transport-findings.js';
import { checkResponse } from './validate.js';

/**
 * What every run shares, whatever it probes or reads: the pool, progress, the result item made of an
 * exchange or of a failed one, the probes left out and why, and the header of the results model.
 * Kubernetes probes (`runner.ts`) and OpenAPI probes (`api/runner.ts`) are two sources feeding it.
 */

/** The target did not answer at all: discovery failed, or nothing listens at the address. */
export class TargetUnreachableError extends UnreachableError {
  override readonly name = 'TargetUnreachableError';
}

export type Progress = (progress: { done: number; total: number; item?: ResultItem }) => void;

/** Milliseconds since a `performance.now()` reading, to the tenth: enough for a report, stable to read. */
export const elapsedSince = (start: number): number => roundedMs(performance.now() - start);

export const roundedMs = (ms: number): number => Math.round(ms * 10) / 10;

/** Bodies kept in the results: enough to read, not megabytes; the cut is recorded as data. */
const RECORDED_BODY_LIMIT = 16 * 1024;

export function clip(text: string): { body: string; truncated?: true; bodyBytes?: number } {
  if (text.length <= RECORDED_BODY_LIMIT) return { body: text };
  return { body: text.slice(0, RECORDED_BODY_LIMIT), truncated: true, bodyBytes: Buffer.byteLength(text) };
}

/**
 * A request as the results keep it. Credentials are added by the HTTP client at send time and never
 * pass through here. A body is cut before it becomes text: a 64 MiB body must not become a 64 MiB
 * string, nor stay alive behind a slice of it until the report is written.
 */
export function recordRequest(request: HttpRequest, extraHeaders: Record<string, string> = {}): RecordedRequest {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers, ...extraHeaders };
  const credentials = request.invalidToken ? { credentials: 'invalid-token' as const } : request.anonymous ? { credentials: 'none' as const } : {};
  const recorded: RecordedRequest = { method: request.method, path: request.path, headers, ...credentials };
  if (request.body === undefined) return recorded;
  const { body } = request;
  const cut = body.length > RECORDED_BODY_LIMIT;
  const start = typeof body === 'string' ? body.slice(0, RECORDED_BODY_LIMIT) : Buffer.from(body.subarray(0, RECORDED_BODY_LIMIT)).toString();
  // A sample copied into a create (e.g. a Secret) must not carry its data into the results.
  return { ...recorded, body: redactBody(start) ?? start, ...(cut ? { truncated: true } : {}) };
}

/**
 * The target's credential headers as the results may name them: each header with its scheme word
 * (`Bearer`, `Basic`) and never its value, so that a report can show `"$TOKEN"` where one goes.
 */
export function credentialSchemes(target: Target): Pick<NonNullable<Results['target']>, 'credentials' | 'tls'> {
  const entries = Object.entries(target.authHeaders).map(([name, value]) => {
    const scheme = name.toLowerCase() === 'authorization' ? /^([A-Za-z][\w-]*) /.exec(value)?.[1] ?? '' : '';
    return [name.toLowerCase(), scheme] as const;
  });
  const { tls } = target;
  const tlsFacts = {
    ...(tls.cert ? { clientCertificate: true as const } : {}),
    ...(tls.ca ? { ca: true as const } : {}),
    ...(!tls.rejectUnauthorized ? { insecure: true as const } : {}),
  };
  return {
    ...(entries.length > 0 ? { credentials: Object.fromEntries(entries) } : {}),
    ...(Object.keys(tlsFacts).length > 0 && target.server.startsWith('https:') ? { tls: tlsFacts } : {}),
  };
}

/** Run `task` over `items`, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) await task(items[next++]!);
  });
  await Promise.all(workers);
}

/** Run-wide limits (`--max-time`, `--rate-limit`), the same for both kinds of probe. */
export interface RunLimits {
  /** Send no new piece of work once this many milliseconds have passed since the run began. */
  maxTimeMs?: number;
  /** At most this many requests, spread evenly over `perMs` milliseconds. */
  rate?: { requests: number; perMs: number };
}

/**
 * Keeps a run within its limits. Every request waits its turn (`beforeRequest`, which the HTTP client
 * calls, so discovery and setup requests count too); once the time is up no new piece of work starts
 * (`timeUp`) and the run records what it left out. A piece already started finishes: a create, delete
 * and read cut half-way would judge nothing and leave objects behind.
 */
export class RunPace {
  private readonly startedAt = performance.now();
  private readonly intervalMs: number;
  private nextSlot = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** Some piece of work was left out because the time was up. */
  cutShort = false;

  constructor(readonly limits: RunLimits = {}) {
    this.intervalMs = limits.rate ? limits.rate.perMs / limits.rate.requests : 0;
  }

  get timeUp(): boolean {
    return this.limits.maxTimeMs !== undefined && performance.now() - this.startedAt >= this.limits.maxTimeMs;
  }

  /** Why a piece of work was not sent, as the results list it. */
  get leftOutReason(): string {
    return `not sent: the run's --max-time of ${Math.round((this.limits.maxTimeMs ?? 0) / 1000)} s was up`;
  }

  /** Wait until the rate limit lets one more request go (slots are handed out in order, so concurrency cannot exceed it). */
  async beforeRequest(signal?: AbortSignal): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now, undefined, signal ? { signal } : {}).catch(() => undefined);
    // Timers that come due while the process is busy fire together: each still waits its interval after the last one sent.
    for (let wait = this.lastSentAt + this.intervalMs - performance.now(); wait > 0 && !signal?.aborted; wait = this.lastSentAt + this.intervalMs - performance.now()) {
      await sleep(wait, undefined, signal ? { signal } : {}).catch(() => undefined);
    }
    this.lastSentAt = performance.now();
  }
}

export interface PlannedRunOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: Progress;
  pace?: RunPace;
}

/**
 * Send every planned piece of work through the pool, reporting progress, and return the answers in the
 * planned order (not the order they came back in). Work cut short by Ctrl-C has no answer; work not
 * started when `--max-time` was up goes to `leftOut` with the reason.
 */
export async function runPlanned<Work, Answer extends { item: ResultItem }>(
  work: readonly Work[],
  options: PlannedRunOptions,
  send: (work: Work) => Promise<Answer | undefined>,
  leftOut?: (work: Work, reason: string) => void,
): Promise<Answer[]> {
  const answers = new Map<Work, Answer>();
  let done = 0;
  options.onProgress?.({ done, total: work.length });
  await pool(
    work,
    options.concurrency,
    async (piece) => {
      if (options.pace?.timeUp) {
        options.pace.cutShort = true;
        leftOut?.(piece, options.pace.leftOutReason);
        return;
      }
      const answer = await send(piece);
      if (!answer) return;
      answers.set(piece, answer);
      options.onProgress?.({ done: ++done, total: work.length, item: answer.item });
    },
    options.signal,
  );
  return work.flatMap((piece) => answers.get(piece) ?? []);
}

/** The request line as `location` shows it: long paths cut, so that a report's heading stays one line. */
export const locationOf = (request: { method: string; path: string }): string =>
  `${request.method} ${request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path}`;

/** The answer a probe asks for, as the results record it. */
export function expectedAnswer(expectation: Expectation): ExpectedAnswer {
  return {
    status: expectation.status,
    ...(expectation.reason !== undefined ? { reason: expectation.reason } : {}),
    ...(expectation.reasons ? { reasons: expectation.reasons } : {}),
    ...(expectation.condition ? { condition: expectation.condition } : {}),
  };
}

export interface ProbeItemInput {
  /** `probe:subject`, unique in the run. */
  id: string;
  probeId: string;
  /** The probe's title with its subject. */
  title: string;
  request: HttpRequest;
  expectation: Expectation;
  /** Headers the client adds that the record shows (never credentials). */
  recordedHeaders?: Record<string, string>;
  /** Kind-specific fields: group-version and resource, or operation. */
  subject: Pick<ResultItem, 'groupVersion' | 'resource' | 'aggregated' | 'via' | 'operation'>;
}

/** The result item of a probe before its answer: what was asked, of what, and what the conventions call for. */
export function probeItem(input: ProbeItemInput): ResultItem {
  return {
    id: input.id,
    title: input.title,
    location: locationOf(input.request),
    probeId: input.probeId,
    ...input.subject,
    expected: expectedAnswer(input.expectation),
    request: recordRequest(input.request, input.recordedHeaders),
    checks: [],
  };
}

/** Judge a whole answer: the checks run on it, and the item records it (its body clipped). */
export function judgeExchange(item: ResultItem, exchange: HttpExchange, compiled: CompiledProfile, options: ContextOptions & { expectation?: Expectation }, judgeTruncated = true): void {
  item.durationMs = roundedMs(exchange.durationMs);
  const decoded = exchange.decodedFrom ? { decodedFrom: exchange.decodedFrom } : {};
  item.response = { status: exchange.status, headers: exchange.headers, ...clip(exchange.bodyText), ...(exchange.truncated ? { truncated: true } : {}), ...decoded };
  const view = {
    ...viewOfText(exchange.bodyText, exchange.status, exchange.headers, exchange.truncated && judgeTruncated),
    ...decoded,
    ...(exchange.undecodable !== undefined ? { undecodable: exchange.undecodable } : {}),
    ...(exchange.decodedFrom || exchange.undecodable !== undefined ? { bodyBytes: exchange.bodyBytes } : {}),
  };
  item.checks = checkResponse(view, compiled, options, ALL_CHECKS);
}

/**
 * A probe answered 429 after every retry (`sendWithRetry`): the server was throttling, so the question
 * the probe asks was not answered and comparing the 429 with the expected answer would blame the server
 * for a defect it may not have. The 429 itself is still judged by the passive checks (its retry
 * guidance, its body); the probe's own checks are skipped, saying why.
 */
export function judgeThrottled(item: ResultItem, exchange: HttpExchange, compiled: CompiledProfile, options: ContextOptions): void {
  item.durationMs = roundedMs(exchange.durationMs);
  item.response = { status: exchange.status, headers: exchange.headers, ...clip(exchange.bodyText), ...(exchange.truncated ? { truncated: true } : {}) };
  const view = viewOfText(exchange.bodyText, exchange.status, exchange.headers, exchange.truncated);
  const reason = `the server answered 429 to each of ${THROTTLED_RETRIES + 1} tries, waiting as \`Retry-After\` said between them: it was throttling, so the probe's question was not answered`;
  item.checks = [...PROBE_CHECKS.map((check): CheckResult => ({ checkId: check.id, level: check.level, outcome: 'skip', reason })), ...checkResponse(view, compiled, options, PASSIVE_CHECKS)];
}

/** The answer is a 429 the probe did not ask for: the server was throttling. */
export const isThrottled = (exchange: HttpExchange, expectation: Expectation): boolean => exchange.status === 429 && expectation.status !== 429 && expectation.streamStatus !== 429;

/** A failed exchange is a finding too (`response-complete`), with whatever arrived before it failed. */
export function judgeFailure(item: ResultItem, failure: unknown, compiled: CompiledProfile, options: ContextOptions & { expectation: Expectation }): void {
  if (failure instanceof TransportError && failure.failure.elapsedMs !== undefined) item.durationMs = failure.failure.elapsedMs;
  const outcome = transportFindings(failure, compiled, options);
  if (outcome.response) {
    const { status, headers, bodyText, truncated } = outcome.response;
    item.response = { status, headers, ...clip(bodyText), ...(truncated ? { truncated: true } : {}) };
  }
  if (outcome.error) item.error = outcome.error;
  else delete item.error;
  item.checks = outcome.checks;
}

/** Probes left out, as the results list them: the same shape for resources and operations. */
export function notRunOf(entries: readonly NotRun[]): { notRun?: NotRun[] } {
  return entries.length > 0 ? { notRun: [...entries] } : {};
}
