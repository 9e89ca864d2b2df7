import type { CompiledProfile, ProfileIndex } from '../schemas/index.js';
import { fieldPath, fieldPointer, valueAtPath } from '../schemas/body-fields.js';
import type { BodyKind, BodyShape, CatalogEntry } from '../schemas/types.js';
import type { ResponseView } from './exchange.js';
import type { Expectation, RequestView } from './expectation.js';

/** An error body reduced to what every profile has: a code, a numeric status, a message. */
export interface ErrorBodyFacts {
  kind: BodyKind;
  /** Status `reason`, envelope `error`, problem `type`. */
  errorCode: string | undefined;
  errorCodePointer: string;
  /** Status `code`, problem `status`, envelope status field. */
  bodyStatus: unknown;
  bodyStatusPointer: string | undefined;
  message: unknown;
  messagePointer: string;
  /** Kubernetes `status`: `Success` or `Failure`. */
  outcomeWord: unknown;
  retryAfterSeconds: unknown;
  causes: ReadonlyArray<{ reason: unknown; field: unknown; pointer: string }>;
  requestId: unknown;
  /** `errorCode` as the profile's index knows it (`index.errorCode`), looked up once for every check. */
  errorEntry: CatalogEntry | undefined;
  /** `errorCode` as a pod or container reason (`index.workloadReason`). */
  workloadEntry: CatalogEntry | undefined;
}

/** What is being judged: an error body, a success Status, an `ERROR` event of a watch stream, or no JSON at all. */
export type Subject = 'error-body' | 'success-status' | 'watch-error-event' | 'not-json' | 'not-applicable';

export const PROBER_FORBIDDEN = 'the probing identity may not make this request (403): grant it the permission, or this probe cannot judge the server';

/**
 * A missing permission (403) where the probe expected no failure of authentication or authorization:
 * the prober's own permissions, not a server defect. The statuses are the catalog's (`operations.when`).
 */
export function proberForbidden(context: CheckContext): boolean {
  const { expectation, index } = context;
  if (expectation === undefined) return false;
  const forbidden = index.authFailureStatus('authorization');
  return (
    forbidden !== undefined &&
    context.response.status === forbidden &&
    expectation.status !== forbidden &&
    // A 403 where 401 belongs is the server's doing: it let an anonymous request through authentication.
    expectation.status !== index.authFailureStatus('authentication')
  );
}

export interface CheckContext {
  compiled: CompiledProfile;
  index: ProfileIndex;
  response: ResponseView;
  subject: Subject;
  /** The object judged: the body, or the `object` of a watch event. */
  body: Record<string, unknown> | undefined;
  /** Prefix of pointers into `body` (`/object` inside a watch event). */
  pointerBase: string;
  facts: ErrorBodyFacts | undefined;
  /** The HTTP status the body must agree with; undefined inside a stream or for a bare body. */
  httpStatus: number | undefined;
  expectation: Expectation | undefined;
  request: RequestView | undefined;
  /** How many responses of the run carry each request id (a probe run judges its responses together). */
  requestIds: ReadonlyMap<string, number> | undefined;
}

// Most bodies list no causes: they share one empty list.
const NO_CAUSES: ErrorBodyFacts['causes'] = Object.freeze([]);

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Pointers into a top-level body, made once rather than per response.
const TOP = { reason: '/reason', code: '/code', message: '/message', type: '/type', status: '/status', title: '/title', detail: '/detail' };
const IN_EVENT = {
  reason: '/object/reason',
  code: '/object/code',
  message: '/object/message',
  type: '/object/type',
  status: '/object/status',
  title: '/object/title',
  detail: '/object/detail',
};

type EnvelopeShape = Extract<BodyShape, { kind: 'envelope' }>;

/** Where an envelope's fields are: the path to walk and the pointer to report, for code, message and status. */
interface EnvelopeFields {
  code: { path: readonly string[]; pointer: string } | undefined;
  message: { path: readonly string[]; pointer: string };
  status: { path: readonly string[]; pointer: string } | undefined;
}

const envelopeFieldsByShape = new WeakMap<EnvelopeShape, EnvelopeFields>();
const fieldOf = (field: string): { path: readonly string[]; pointer: string } => ({ path: fieldPath(field), pointer: fieldPointer(field) });

/** An envelope's fields, worked out once per profile rather than for each response. */
function envelopeFields(shape: EnvelopeShape): EnvelopeFields {
  let fields = envelopeFieldsByShape.get(shape);
  if (!fields) {
    fields = {
      code: shape.codeField === undefined ? undefined : fieldOf(shape.codeField),
      message: fieldOf(shape.messageField),
      status: shape.statusField === undefined ? undefined : fieldOf(shape.statusField),
    };
    envelopeFieldsByShape.set(shape, fields);
  }
  return fields;
}

function factsOf(kind: BodyKind, body: Record<string, unknown>, base: string, compiled: CompiledProfile): ErrorBodyFacts {
  const shape = compiled.profile.body;
  const { index } = compiled;
  const at = base === '' ? TOP : base === '/object' ? IN_EVENT : undefined;
  if (kind === 'kubernetes-status') {
    const details = isObject(body.details) ? body.details : {};
    const listed = details.causes;
    let causes = NO_CAUSES;
    if (Array.isArray(listed) && listed.length > 0) {
      const found: Array<ErrorBodyFacts['causes'][number]> = [];
      for (let i = 0; i < listed.length; i++) {
        const cause: unknown = listed[i];
        found.push({
          reason: isObject(cause) ? cause.reason : undefined,
          field: isObject(cause) ? cause.field : undefined,
          pointer: `${base}/details/causes/${i}`,
        });
      }
      causes = found;
    }
    const errorCode = typeof body.reason === 'string' ? body.reason : undefined;
    const known = errorCode === undefined ? undefined : index.knownCode(errorCode);
    return {
      kind,
      errorCode,
      errorCodePointer: at ? at.reason : `${base}/reason`,
      bodyStatus: body.code,
      bodyStatusPointer: at ? at.code : `${base}/code`,
      message: body.message,
      messagePointer: at ? at.message : `${base}/message`,
      outcomeWord: body.status,
      retryAfterSeconds: details.retryAfterSeconds,
      causes,
      requestId: undefined,
      errorEntry: known?.error,
      workloadEntry: known?.workload,
    };
  }
  if (shape.kind === 'envelope') {
    const fields = envelopeFields(shape);
    const code = fields.code === undefined ? undefined : valueAtPath(body, fields.code.path);
    const errorCode = typeof code === 'string' ? code : undefined;
    const known = errorCode === undefined ? undefined : index.knownCode(errorCode);
    return {
      kind,
      errorCode,
      // A profile without a code field points where a code would be: nowhere in the body, so at the body.
      errorCodePointer: `${base}${fields.code?.pointer ?? ''}`,
      bodyStatus: fields.status === undefined ? undefined : valueAtPath(body, fields.status.path),
      bodyStatusPointer: fields.status === undefined ? undefined : `${base}${fields.status.pointer}`,
      message: valueAtPath(body, fields.message.path),
      messagePointer: `${base}${fields.message.pointer}`,
      outcomeWord: undefined,
      retryAfterSeconds: undefined,
      causes: NO_CAUSES,
      requestId: shape.requestIdField ? body[shape.requestIdField] : undefined,
      errorEntry: known?.error,
      workloadEntry: known?.workload,
    };
  }
  // problem details
  const errorCode = typeof body.type === 'string' ? body.type : undefined;
  const known = errorCode === undefined ? undefined : index.knownCode(errorCode);
  return {
    kind,
    errorCode,
    errorCodePointer: at ? at.type : `${base}/type`,
    bodyStatus: body.status,
    bodyStatusPointer: at ? at.status : `${base}/status`,
    message: body.detail ?? body.title,
    messagePointer: body.detail === undefined ? (at ? at.title : `${base}/title`) : at ? at.detail : `${base}/detail`,
    outcomeWord: undefined,
    retryAfterSeconds: undefined,
    causes: NO_CAUSES,
    requestId: undefined,
    errorEntry: known?.error,
    workloadEntry: known?.workload,
  };
}

export interface ContextOptions {
  expectation?: Expectation;
  request?: RequestView;
  /** The response is one event of a watch stream (a JSON line), not a whole body. */
  watchEvent?: boolean;
  /** How many responses of the run carry each request id. */
  requestIds?: ReadonlyMap<string, number>;
}

const NO_OPTIONS: ContextOptions = {};

/**
 * One object literal of one shape for every response, made at top level (no closure per response):
 * this runs once per response on the hot path. Inside a watch stream there is no HTTP status to agree
 * with (an explicit `undefined` would take a default).
 */
function contextOf(
  compiled: CompiledProfile,
  response: ResponseView,
  options: ContextOptions,
  subject: Subject,
  body: Record<string, unknown> | undefined,
  facts: ErrorBodyFacts | undefined,
  inStream: boolean,
): CheckContext {
  return {
    compiled,
    index: compiled.index,
    response,
    expectation: options.expectation,
    request: options.request,
    requestIds: options.requestIds,
    subject,
    body,
    pointerBase: inStream ? '/object' : '',
    facts,
    httpStatus: inStream ? undefined : response.status,
  };
}

/** Decide what a response is and gather the facts the checks judge. */
export function buildContext(compiled: CompiledProfile, response: ResponseView, options: ContextOptions = NO_OPTIONS): CheckContext {
  const kind = compiled.profile.body.kind;
  const status = response.status;
  if (kind === 'none') return contextOf(compiled, response, options, 'not-applicable', undefined, undefined, false);
  const isError = status === undefined || status >= 400;
  const body = response.body;
  if (body === undefined) return contextOf(compiled, response, options, isError ? 'not-json' : 'not-applicable', undefined, undefined, false);
  if (kind === 'kubernetes-status' && isObject(body) && (options.watchEvent || (status === undefined && 'object' in body && typeof body.type === 'string' && body.kind === undefined))) {
    if (body.type !== 'ERROR' || !isObject(body.object)) return contextOf(compiled, response, options, 'not-applicable', body, undefined, false);
    return contextOf(compiled, response, options, 'watch-error-event', body.object, factsOf(kind, body.object, '/object', compiled), true);
  }
  if (!isError) {
    if (kind === 'kubernetes-status' && isObject(body) && body.kind === 'Status') return contextOf(compiled, response, options, 'success-status', body, factsOf(kind, body, '', compiled), false);
    return contextOf(compiled, response, options, 'not-applicable', undefined, undefined, false);
  }
  if (!isObject(body)) return contextOf(compiled, response, options, 'error-body', undefined, undefined, false);
  return contextOf(compiled, response, options, 'error-body', body, factsOf(kind, body, '', compiled), false);
}
