import { type CompiledProfile, indexOf, type ProfileIndex } from '../schemas/index.js';
import type { BodyKind } from '../schemas/types.js';
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
  causes: Array<{ reason: unknown; field: unknown; pointer: string }>;
  requestId: unknown;
}

/** What is being judged: an error body, a success Status, an `ERROR` event of a watch stream, or no JSON at all. */
export type Subject = 'error-body' | 'success-status' | 'watch-error-event' | 'not-json' | 'not-applicable';

export const PROBER_FORBIDDEN = 'the probing identity may not make this request (403): grant it the permission, or this probe cannot judge the server';

/** A 403 where the probe expected something else: the prober's own permissions, not a server defect. */
export const proberForbidden = (context: CheckContext): boolean =>
  context.expectation !== undefined &&
  // A 403 where 401 belongs is the server's doing: it let an anonymous request through authentication.
  context.expectation.status !== 403 &&
  context.expectation.status !== 401 &&
  context.response.status === 403;

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
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function factsOf(kind: BodyKind, body: Record<string, unknown>, base: string, compiled: CompiledProfile): ErrorBodyFacts {
  const shape = compiled.profile.body;
  if (kind === 'kubernetes-status') {
    const details = isObject(body.details) ? body.details : {};
    const causes = Array.isArray(details.causes) ? details.causes : [];
    return {
      kind,
      errorCode: typeof body.reason === 'string' ? body.reason : undefined,
      errorCodePointer: `${base}/reason`,
      bodyStatus: body.code,
      bodyStatusPointer: `${base}/code`,
      message: body.message,
      messagePointer: `${base}/message`,
      outcomeWord: body.status,
      retryAfterSeconds: details.retryAfterSeconds,
      causes: causes.map((cause, i) => ({
        reason: isObject(cause) ? cause.reason : undefined,
        field: isObject(cause) ? cause.field : undefined,
        pointer: `${base}/details/causes/${i}`,
      })),
      requestId: undefined,
    };
  }
  if (shape.kind === 'envelope') {
    const code = body[shape.codeField];
    return {
      kind,
      errorCode: typeof code === 'string' ? code : undefined,
      errorCodePointer: `${base}/${shape.codeField}`,
      bodyStatus: shape.statusField ? body[shape.statusField] : undefined,
      bodyStatusPointer: shape.statusField ? `${base}/${shape.statusField}` : undefined,
      message: body[shape.messageField],
      messagePointer: `${base}/${shape.messageField}`,
      outcomeWord: undefined,
      retryAfterSeconds: undefined,
      causes: [],
      requestId: shape.requestIdField ? body[shape.requestIdField] : undefined,
    };
  }
  // problem details
  return {
    kind,
    errorCode: typeof body.type === 'string' ? body.type : undefined,
    errorCodePointer: `${base}/type`,
    bodyStatus: body.status,
    bodyStatusPointer: `${base}/status`,
    message: body.detail ?? body.title,
    messagePointer: body.detail === undefined ? `${base}/title` : `${base}/detail`,
    outcomeWord: undefined,
    retryAfterSeconds: undefined,
    causes: [],
    requestId: undefined,
  };
}

export interface ContextOptions {
  expectation?: Expectation;
  request?: RequestView;
  /** The response is one event of a watch stream (a JSON line), not a whole body. */
  watchEvent?: boolean;
}

/** Decide what a response is and gather the facts the checks judge. */
export function buildContext(compiled: CompiledProfile, response: ResponseView, options: ContextOptions = {}): CheckContext {
  const kind = compiled.profile.body.kind;
  const status = response.status;
  // One object literal of one shape for every response: this runs once per response on the hot path.
  // Inside a watch stream there is no HTTP status to agree with (an explicit `undefined` would take a default).
  const context = (subject: Subject, body: Record<string, unknown> | undefined, facts: ErrorBodyFacts | undefined, inStream = false): CheckContext => ({
    compiled,
    index: indexOf(compiled.profile),
    response,
    expectation: options.expectation,
    request: options.request,
    subject,
    body,
    pointerBase: inStream ? '/object' : '',
    facts,
    httpStatus: inStream ? undefined : status,
  });
  if (kind === 'none') return context('not-applicable', undefined, undefined);
  const isError = status === undefined || status >= 400;
  const body = response.body;
  if (body === undefined) return context(isError ? 'not-json' : 'not-applicable', undefined, undefined);
  if (kind === 'kubernetes-status' && isObject(body) && (options.watchEvent || (status === undefined && 'object' in body && typeof body.type === 'string' && body.kind === undefined))) {
    if (body.type !== 'ERROR' || !isObject(body.object)) return context('not-applicable', body, undefined);
    return context('watch-error-event', body.object, factsOf(kind, body.object, '/object', compiled), true);
  }
  if (!isError) {
    if (kind === 'kubernetes-status' && isObject(body) && body.kind === 'Status') return context('success-status', body, factsOf(kind, body, '', compiled));
    return context('not-applicable', undefined, undefined);
  }
  if (!isObject(body)) return context('error-body', undefined, undefined);
  return context('error-body', body, factsOf(kind, body, '', compiled));
}
