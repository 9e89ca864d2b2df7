import { randomBytes } from 'node:crypto';
import { indexOf } from '../../schemas/catalog.js';
import { InputError } from '../../schemas/errors.js';
import type { Profile } from '../../schemas/types.js';
import { BODY_LIMIT_RANGE } from '../defaults.js';
import type { Expectation } from '../expectation.js';
import { HttpClient, type HttpExchange, type HttpRequest, isInterrupted, TransportError } from '../http.js';
import { selectProbes } from '../probe-model.js';
import type { NotRun, ResultItem, Results } from '../results.js';
import { credentialSchemes, expectedAnswer, isThrottled, judgeExchange, judgeFailure, judgeThrottled, notRunOf, type Progress, probeItem, resultsHeader, type RunPace, runPlanned, TargetUnreachableError } from '../run-core.js';
import type { SpecDocument } from '../spec/document.js';
import type { Target } from '../target.js';
import { compiledProfileOf } from '../validate.js';
import { type ApiOperation, apiOperationsOf, isBodyLimit, type OperationFilter, operationMatcher } from './operations.js';
import { type ApiProbeContext, type ApiProbeDefinition, type ApiProbeSafety, expectedCodes, isNotSent, safetyOf, type StepAnswer, unbuildableRequest, writeReasonOf } from './probe.js';
import { API_PROBES } from './probes/index.js';

export interface ApiProbeRunOptions {
  profile: Profile;
  /** Probe ids to run; all non-optional probes when empty. */
  probeIds: string[];
  /** Operations to probe (operationId or `METHOD /path`); all when empty. */
  operations: string[];
  /** Tag, path and method patterns (`--tag`, `--path`, `--method`) the operations must match too. */
  filter?: Omit<OperationFilter, 'operations'>;
  concurrency: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** The body size the API should refuse when the document states none. */
  bodyLimit: number;
  /** Run the probes a server that skips validation would turn into writes. */
  allowWrites: boolean;
  signal?: AbortSignal;
  onProgress?: Progress;
  /** `--max-time` and `--rate-limit`. */
  pace?: RunPace;
}

export { DEFAULT_BODY_LIMIT } from '../defaults.js';

/** What is planned: the request itself is made when it is sent, so that its body lives only while it goes out. */
interface WorkItem {
  probe: ApiProbeDefinition;
  operation: ApiOperation;
  context: ApiProbeContext;
  expectation: Expectation;
  /** Expectations for the other statuses that are right too, by status. */
  alternatives: Expectation[];
}

interface Answered {
  work: WorkItem;
  item: ResultItem;
  /** The request line as sent, for the checks (the body is gone by then). */
  sent: { method: string; path: string };
  exchange: HttpExchange | undefined;
  /** Why no whole response came, judged with the rest at the end. */
  failure?: TransportError;
  /** Why the probe's own request was never sent: a step before it gave nothing to build on. */
  leftOut?: string;
}

/** Why a probe of each kind of write waits for `--allow-writes`; the other kinds need none. */
const WRITE_REASONS: Partial<Record<ApiProbeSafety, string>> = {
  write: 'it stores an object',
  'write-if-ignored': 'a server that skipped validation would store it',
};

function planWork(document: SpecDocument, operations: ApiOperation[], options: ApiProbeRunOptions, salt: string): { work: WorkItem[]; notRun: NotRun[] } {
  const index = indexOf(options.profile);
  const work: WorkItem[] = [];
  const notRun: NotRun[] = [];
  const unbuildable = new Map<ApiOperation, string | undefined>();
  for (const probe of selectProbes(API_PROBES, options.probeIds)) {
    const paths = new Set<string>();
    for (const operation of operations) {
      if (probe.appliesTo(operation, document) !== true) continue;
      if (probe.scope === 'path') {
        if (paths.has(operation.path)) continue;
        paths.add(operation.path);
      }
      const context: ApiProbeContext = { operation, document, salt, bodyLimit: operation.bodyLimit ?? options.bodyLimit };
      if (!unbuildable.has(operation)) unbuildable.set(operation, unbuildableRequest(context));
      const leftOut = unbuildable.get(operation) ?? probe.leftOut?.(context);
      if (leftOut !== undefined) {
        notRun.push({ probeId: probe.id, operation: operation.title, reason: leftOut });
        continue;
      }
      const why = WRITE_REASONS[safetyOf(probe, operation)];
      if (why !== undefined && !options.allowWrites) {
        notRun.push({ probeId: probe.id, operation: operation.title, reason: `${writeReasonOf(probe, operation) ?? why}: run with --allow-writes against a test instance` });
        continue;
      }
      const wanted = probe.expect(operation, options.profile);
      const expectationFor = (status: number): Expectation => {
        const codes = expectedCodes(index, { ...wanted, status });
        return {
          status,
          ...(codes.length > 0 ? { reason: codes[0]!, ...(codes.length > 1 ? { reasons: codes } : {}) } : {}),
          ...(wanted.headers ? { headers: wanted.headers } : {}),
          ...(wanted.allow ? { allow: wanted.allow } : {}),
          declared: { operation: operation.title, pointer: operation.pointer, responses: operation.responses },
        };
      };
      work.push({ probe, operation, context, expectation: expectationFor(wanted.status), alternatives: (wanted.alternatives ?? []).map(expectationFor) });
    }
  }
  return { work, notRun };
}

/** What a step's answer gives the next step: its status, headers and JSON body. */
function stepAnswerOf(request: HttpRequest, exchange: HttpExchange): StepAnswer {
  let json: unknown;
  try {
    json = exchange.truncated ? undefined : JSON.parse(exchange.bodyText);
  } catch {
    json = undefined;
  }
  return { method: request.method, path: request.path, status: exchange.status, headers: exchange.headers, ...(json !== undefined ? { json } : {}) };
}

/** Send the probe's steps in order; the answers, or why the probe cannot go on. */
async function sendSteps(client: HttpClient, work: WorkItem): Promise<StepAnswer[] | string> {
  const answers: StepAnswer[] = [];
  for (const step of work.probe.steps ?? []) {
    const request = step(work.context, answers);
    if (isNotSent(request)) return request.notSent;
    const answer = stepAnswerOf(request, await client.send(request));
    if (answer.status < 200 || answer.status > 299) return `its step \`${request.method} ${request.path.slice(0, 200)}\` answered ${answer.status}, not a success: nothing to build on`;
    answers.push(answer);
  }
  return answers;
}

async function send(client: HttpClient, work: WorkItem): Promise<Answered | undefined> {
  const { probe, operation, context, expectation } = work;
  const setup = probe.setup?.(context);
  let answers: StepAnswer[] | string;
  try {
    answers = await sendSteps(client, work);
  } catch (error) {
    if (isInterrupted(error)) return undefined;
    answers = `a step before it got no answer (${(error as Error).message})`;
  }
  const request = probe.request(context, typeof answers === 'string' ? [] : answers);
  const sent = { method: request.method, path: request.path };
  const item = probeItem({
    id: `${probe.id}:${operation.title}`,
    probeId: probe.id,
    title: `${probe.title} (${operation.title})`,
    request,
    expectation,
    subject: { operation: operation.title },
  });
  if (typeof answers === 'string') return { work, item, sent, exchange: undefined, leftOut: answers };
  try {
    // The setup's answer is not judged; the probe's own request is timed by the client.
    if (setup) await client.send(setup);
    // A 429 the probe did not ask for means the server was throttling: wait as it says and ask again.
    const asksFor429 = [work.expectation, ...work.alternatives].some((e) => e.status === 429);
    return { work, item, sent, exchange: await (asksFor429 ? client.send(request) : client.sendWithRetry(request)) };
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
  const operations = apiOperationsOf(document).filter(operationMatcher({ ...options.filter, operations: options.operations }));
  const { work, notRun } = planWork(document, operations, options, randomBytes(6).toString('hex'));
  const { pace, signal } = options;
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, signal, ...(pace ? { beforeSend: () => pace.beforeRequest(signal) } : {}) });
  let answers: Answered[];
  try {
    const leftOutByTime = (piece: WorkItem, reason: string): void => void notRun.push({ probeId: piece.probe.id, operation: piece.operation.title, reason });
    const sendOne = (piece: WorkItem): Promise<Answered | undefined> => send(client, piece);
    // A probe with steps builds on what it stores (create, delete, read the same object): run among
    // the others it would race a probe writing the same object (create-existing's example), and each
    // would see the other's writes. So those run last, one at a time.
    const independent = work.filter((piece) => piece.probe.steps === undefined);
    const sequenced = work.filter((piece) => piece.probe.steps !== undefined);
    answers = [...(await runPlanned(independent, options, sendOne, leftOutByTime)), ...(await runPlanned(sequenced, { ...options, concurrency: 1 }, sendOne, leftOutByTime))];
  } finally {
    await client.close();
  }
  for (const { work: w, leftOut } of answers) if (leftOut !== undefined) notRun.push({ probeId: w.probe.id, operation: w.operation.title, reason: leftOut });
  answers = answers.filter((a) => a.leftOut === undefined);
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
    // A status that is right too (a deleted object's `410 Gone`) is judged as itself.
    const expectation = w.alternatives.find((e) => e.status === exchange?.status) ?? w.expectation;
    if (expectation !== w.expectation) item.expected = expectedAnswer(expectation);
    const checkOptions = { expectation, request: sent, requestIds };
    if (exchange && isThrottled(exchange, expectation)) judgeThrottled(item, exchange, compiled, checkOptions);
    else if (exchange) judgeExchange(item, exchange, compiled, checkOptions);
    else judgeFailure(item, failure, compiled, checkOptions);
  }
  return {
    ...resultsHeader('probe', options.profile.name, startedAt),
    target: { server: target.server, ...credentialSchemes(target) },
    api: { document: document.source, operations: operations.length },
    ...(options.signal?.aborted || pace?.cutShort ? { interrupted: true } : {}),
    ...notRunOf(notRun),
    items: answers.map((a) => a.item),
  };
}
