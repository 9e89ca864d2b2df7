import { randomBytes } from 'node:crypto';
import { indexOf } from '../../schemas/catalog.js';
import { InputError } from '../../schemas/errors.js';
import type { Profile } from '../../schemas/types.js';
import { BODY_LIMIT_RANGE } from '../defaults.js';
import type { Expectation } from '../expectation.js';
import { HttpClient, type HttpExchange, isInterrupted, TransportError } from '../http.js';
import { selectProbes } from '../probe-model.js';
import type { NotRun, ResultItem, Results } from '../results.js';
import { judgeExchange, judgeFailure, notRunOf, type Progress, probeItem, resultsHeader, runPlanned, TargetUnreachableError } from '../run-core.js';
import type { SpecDocument } from '../spec/document.js';
import type { Target } from '../target.js';
import { compiledProfileOf } from '../validate.js';
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
  onProgress?: Progress;
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

const selectedOperation = (operation: ApiOperation, wanted: string[]): boolean =>
  wanted.length === 0 || wanted.some((w) => w === operation.operationId || w.toUpperCase() === operation.title.toUpperCase() || w === operation.path);

/** Why a probe of each kind of write waits for `--allow-writes`; the other kinds need none. */
const WRITE_REASONS: Partial<Record<ApiProbeSafety, string>> = {
  write: 'it stores an object',
  'write-if-ignored': 'a server that skipped validation would store it',
};

function planWork(document: SpecDocument, operations: ApiOperation[], options: ApiProbeRunOptions, salt: string): { work: WorkItem[]; notRun: NotRun[] } {
  const index = indexOf(options.profile);
  const work: WorkItem[] = [];
  const notRun: NotRun[] = [];
  for (const probe of selectProbes(API_PROBES, options.probeIds)) {
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
      const wanted = probe.expect(operation, options.profile);
      const codes = expectedCodes(index, wanted);
      work.push({
        probe,
        operation,
        context,
        expectation: {
          status: wanted.status,
          ...(codes.length > 0 ? { reason: codes[0]!, ...(codes.length > 1 ? { reasons: codes } : {}) } : {}),
          ...(wanted.headers ? { headers: wanted.headers } : {}),
          ...(wanted.allow ? { allow: wanted.allow } : {}),
          declared: { operation: operation.title, pointer: operation.pointer, responses: operation.responses },
        },
      });
    }
  }
  return { work, notRun };
}

async function send(client: HttpClient, work: WorkItem): Promise<Answered | undefined> {
  const { probe, operation, context, expectation } = work;
  const setup = probe.setup?.(context);
  const request = probe.request(context);
  const sent = { method: request.method, path: request.path };
  const item = probeItem({
    id: `${probe.id}:${operation.title}`,
    probeId: probe.id,
    title: `${probe.title} (${operation.title})`,
    request,
    expectation,
    subject: { operation: operation.title },
  });
  try {
    // The setup's answer is not judged; the probe's own request is timed by the client.
    if (setup) await client.send(setup);
    return { work, item, sent, exchange: await client.send(request) };
  } catch (error) {
    if (isInterrupted(error)) return undefined;
    return { work, item, sent, exchange: undefined, failure: error instanceof TransportError ? error : new TransportError((error as Error).message, 'UNKNOWN') };
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
  const startedAt = new Date();
  const operations = apiOperationsOf(document).filter((o) => selectedOperation(o, options.operations));
  const { work, notRun } = planWork(document, operations, options, randomBytes(6).toString('hex'));
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, signal: options.signal });
  let answers: Answered[];
  try {
    answers = await runPlanned(work, options, (piece) => send(client, piece));
  } finally {
    await client.close();
  }
  // Nothing listens there at all (as opposed to a server that answers badly): exit 3, not findings.
  if (answers.length > 0 && answers.every((a) => a.failure?.failure.kind === 'no-connection')) {
    const { failure } = answers[0]!;
    throw new TargetUnreachableError(`${target.server} did not answer: ${failure!.message} (${failure!.code})`);
  }
  const requestIds = new Map<string, number>();
  for (const { exchange } of answers) {
    const id = exchange && requestIdOf(options.profile, exchange);
    if (id) requestIds.set(id, (requestIds.get(id) ?? 0) + 1);
  }
  const compiled = compiledProfileOf(options.profile);
  for (const { work: w, item, sent, exchange, failure } of answers) {
    const checkOptions = { expectation: w.expectation, request: sent, requestIds };
    if (exchange) judgeExchange(item, exchange, compiled, checkOptions);
    else judgeFailure(item, failure, compiled, checkOptions);
  }
  return {
    ...resultsHeader('probe', options.profile.name, startedAt),
    target: { server: target.server },
    api: { document: document.source, operations: operations.length },
    ...(options.signal?.aborted ? { interrupted: true } : {}),
    ...notRunOf(notRun),
    items: answers.map((a) => a.item),
  };
}
