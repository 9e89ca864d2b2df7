import { randomBytes } from 'node:crypto';
import { indexOf } from '../../schemas/catalog.js';
import { InputError } from '../../schemas/errors.js';
import { toolVersion } from '../../schemas/paths.js';
import type { Profile } from '../../schemas/types.js';
import { ALL_CHECKS } from '../checks/index.js';
import { BODY_LIMIT_RANGE } from '../defaults.js';
import { viewOfText } from '../exchange.js';
import type { Expectation } from '../expectation.js';
import { HttpClient, type HttpExchange, type HttpRequest, isInterrupted, TransportError } from '../http.js';
import { RESULTS_SCHEMA_VERSION, type ResultItem, type Results } from '../results.js';
import { clip, elapsedSince, pool, recordRequest, TargetUnreachableError } from '../runner.js';
import type { SpecDocument } from '../spec/document.js';
import type { Target } from '../target.js';
import { transportFindings } from '../transport-findings.js';
import { checkResponse, compiledProfileOf } from '../validate.js';
import { type ApiOperation, apiOperationsOf, isBodyLimit } from './operations.js';
import { type ApiProbeContext, type ApiProbeDefinition, type ApiProbeSafety, expectedCodes, safetyOf } from './probe.js';
import { API_PROBES } from './probes/index.js';

export interface ApiProbeRunOptions {
  profile: Profile;
  /** Probe ids to run; all non-optional probes when empty. */
  probeIds: string[];
  /** Operations to probe (operationId or `METHOD /path`); all when empty. */
  operations: string[];
  concurrency: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** The body size the API should refuse when the document states none. */
  bodyLimit: number;
  /** Run the probes a server that skips validation would turn into writes. */
  allowWrites: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; item?: ResultItem }) => void;
}

export { DEFAULT_BODY_LIMIT } from '../defaults.js';

/** What is planned: the request itself is made when it is sent, so that its body lives only while it goes out. */
interface WorkItem {
  probe: ApiProbeDefinition;
  operation: ApiOperation;
  context: ApiProbeContext;
  expectation: Expectation;
}

interface Answered {
  work: WorkItem;
  item: ResultItem;
  /** The request line as sent, for the checks (the body is gone by then). */
  sent: { method: string; path: string };
  exchange: HttpExchange | undefined;
  /** Why no whole response came, judged with the rest at the end. */
  failure?: TransportError;
}

const selectProbes = (ids: string[]): ApiProbeDefinition[] => (ids.length === 0 ? API_PROBES.filter((p) => !p.optional) : API_PROBES.filter((p) => ids.includes(p.id)));

const selectedOperation = (operation: ApiOperation, wanted: string[]): boolean =>
  wanted.length === 0 || wanted.some((w) => w === operation.operationId || w.toUpperCase() === operation.title.toUpperCase() || w === operation.path);

/** Why a probe of each kind of write waits for `--allow-writes`; the other kinds need none. */
const WRITE_REASONS: Partial<Record<ApiProbeSafety, string>> = {
  write: 'it stores an object',
  'write-if-ignored': 'a server that skipped validation would store it',
};

/**
 * The most of a request body the results keep. Cut here, before the body becomes text: a 64 MiB body
 * must not become a 64 MiB string, nor stay alive behind a slice of it until the report is written.
 */
const RECORDED_BODY_BYTES = 16 * 1024;

function recorded(request: HttpRequest): ResultItem['request'] {
  const { body } = request;
  if (body === undefined || body.length <= RECORDED_BODY_BYTES) return recordRequest(request, '');
  const start = Buffer.from(typeof body === 'string' ? body.slice(0, RECORDED_BODY_BYTES) : body.subarray(0, RECORDED_BODY_BYTES)).toString();
  return { ...recordRequest({ ...request, body: start }, ''), truncated: true };
}

function planWork(document: SpecDocument, operations: ApiOperation[], options: ApiProbeRunOptions, salt: string): { work: WorkItem[]; notRun: NonNullable<Results['api']>['notRun'] & object } {
  const index = indexOf(options.profile);
  const kind = options.profile.body.kind;
  const work: WorkItem[] = [];
  const notRun: Array<{ probeId: string; operation: string; reason: string }> = [];
  for (const probe of selectProbes(options.probeIds)) {
    const paths = new Set<string>();
    for (const operation of operations) {
      if (probe.appliesTo(operation, document) !== true) continue;
      if (probe.scope === 'path') {
        if (paths.has(operation.path)) continue;
        paths.add(operation.path);
      }
      const context: ApiProbeContext = { operation, document, salt, bodyLimit: operation.bodyLimit ?? options.bodyLimit };
      const leftOut = probe.leftOut?.(context);
      if (leftOut !== undefined) {
        notRun.push({ probeId: probe.id, operation: operation.title, reason: leftOut });
        continue;
      }
      const why = WRITE_REASONS[safetyOf(probe, operation)];
      if (why !== undefined && !options.allowWrites) {
        notRun.push({ probeId: probe.id, operation: operation.title, reason: `${probe.writeReason ?? why}: run with --allow-writes against a test instance` });
        continue;
      }
      const wanted = probe.expect(operation, kind);
      const codes = expectedCodes(index, wanted);
      work.push({
        probe,
        operation,
        context,
        expectation: {
          status: wanted.status,
          ...(codes.length > 0 ? { reason: codes[0]!, ...(codes.length > 1 ? { reasons: codes } : {}) } : {}),
          ...(wanted.headers ? { headers: wanted.headers } : {}),
          declared: { operation: operation.title, pointer: operation.pointer, responses: operation.responses },
        },
      });
    }
  }
  return { work, notRun };
}

async function send(client: HttpClient, work: WorkItem): Promise<Answered> {
  const { probe, operation, context, expectation } = work;
  const setup = probe.setup?.(context);
  const request = probe.request(context);
  const sent = { method: request.method, path: request.path };
  const item: ResultItem = {
    id: `${probe.id}:${operation.title}`,
    title: `${probe.title} (${operation.title})`,
    location: `${request.method} ${request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path}`,
    probeId: probe.id,
    operation: operation.title,
    expected: {
      status: expectation.status,
      ...(expectation.reason !== undefined ? { reason: expectation.reason } : {}),
      ...(expectation.reasons ? { reasons: expectation.reasons } : {}),
    },
    request: recorded(request),
    checks: [],
  };
  // The probe's own request is timed, not the setup before it.
  let sentAt: number | undefined;
  try {
    if (setup) await client.send(setup);
    sentAt = performance.now();
    const exchange = await client.send(request);
    item.durationMs = elapsedSince(sentAt);
    item.response = { status: exchange.status, headers: exchange.headers, ...clip(exchange.bodyText), ...(exchange.truncated ? { truncated: true } : {}) };
    return { work, item, sent, exchange };
  } catch (error) {
    if (sentAt !== undefined) item.durationMs = elapsedSince(sentAt);
    const transport = error instanceof TransportError ? error : new TransportError((error as Error).message, 'UNKNOWN');
    item.error = `no usable response: ${transport.message} (${transport.code})`;
    return { work, item, sent, exchange: undefined, failure: transport };
  }
}

/** The request id each response's body carries (envelope profiles name the field). */
function requestIdOf(profile: Profile, exchange: HttpExchange): string | undefined {
  const field = profile.body.kind === 'envelope' ? profile.body.requestIdField : undefined;
  if (!field || exchange.status < 400) return undefined;
  try {
    const id = (JSON.parse(exchange.bodyText) as Record<string, unknown>)[field];
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Probe a generic HTTP API from its OpenAPI document: each probe breaks one thing about a valid
 * request to an operation, and every check judges the answer. Responses are judged together at the
 * end, so that request ids can be compared across the run.
 */
export async function runApiProbes(document: SpecDocument, target: Target, options: ApiProbeRunOptions): Promise<Results> {
  if (!isBodyLimit(options.bodyLimit)) throw new InputError(`must be ${BODY_LIMIT_RANGE}`, 'bodyLimit');
  const startedAt = new Date().toISOString();
  const operations = apiOperationsOf(document).filter((o) => selectedOperation(o, options.operations));
  const { work, notRun } = planWork(document, operations, options, randomBytes(6).toString('hex'));
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, signal: options.signal });
  const answered = new Map<WorkItem, Answered>();
  let done = 0;
  try {
    options.onProgress?.({ done, total: work.length });
    await pool(
      work,
      options.concurrency,
      async (item) => {
        const answer = await send(client, item);
        // Cut short by Ctrl-C: not run, rather than a server that did not answer.
        if (isInterrupted(answer.failure)) return;
        answered.set(item, answer);
        options.onProgress?.({ done: ++done, total: work.length, item: answer.item });
      },
      options.signal,
    );
  } finally {
    await client.close();
  }
  const answers = work.map((w) => answered.get(w)).filter((a): a is Answered => a !== undefined);
  // Nothing listens there at all (as opposed to a server that answers badly): exit 3, not findings.
  if (answers.length > 0 && answers.every((a) => a.failure instanceof TransportError && a.failure.failure.kind === 'no-connection')) {
    throw new TargetUnreachableError(`${target.server} did not answer: ${answers[0]!.item.error!.replace(/^no usable response: /, '')}`);
  }
  const requestIds = new Map<string, number>();
  for (const { exchange } of answers) {
    const id = exchange && requestIdOf(options.profile, exchange);
    if (id) requestIds.set(id, (requestIds.get(id) ?? 0) + 1);
  }
  const compiled = compiledProfileOf(options.profile);
  for (const { work: w, item, sent, exchange, failure } of answers) {
    const options = { expectation: w.expectation, request: sent, requestIds };
    if (exchange) {
      const view = viewOfText(exchange.bodyText, exchange.status, exchange.headers, exchange.truncated);
      item.checks = checkResponse(view, compiled, options, ALL_CHECKS);
      continue;
    }
    // A failed exchange is a finding too (response-complete), with whatever arrived before it failed.
    const outcome = transportFindings(failure, compiled, options);
    if (outcome.response) {
      const { status, headers, bodyText, truncated } = outcome.response;
      item.response = { status, headers, ...clip(bodyText), ...(truncated ? { truncated: true } : {}) };
    }
    if (outcome.error) item.error = outcome.error;
    else delete item.error;
    item.checks = outcome.checks;
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'statuslint', version: toolVersion() },
    command: 'probe',
    profile: options.profile.name,
    target: { server: target.server },
    api: { document: document.source, operations: operations.length, ...(notRun.length > 0 ? { notRun } : {}) },
    startedAt,
    finishedAt: new Date().toISOString(),
    ...(options.signal?.aborted ? { interrupted: true } : {}),
    items: answers.map((a) => a.item),
  };
}
