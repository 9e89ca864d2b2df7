import type { ProfileIndex } from '../../schemas/catalog.js';
import type { Profile } from '../../schemas/types.js';
import type { HttpRequest } from '../http.js';
import type { SpecDocument } from '../spec/document.js';
import type { ApiOperation, ApiParameter } from './operations.js';
import { documentMaySetHeader, isCookieName, isSendableHeaderValue } from './headers.js';
import { fillPath, SampleTooLarge, sampleValue } from './values.js';

/** What a probe of a generic HTTP API knows when it builds its request. */
export interface ApiProbeContext {
  operation: ApiOperation;
  document: SpecDocument;
  /** Random hex for this run: names no object has. */
  salt: string;
  /** The body size the API should refuse: the documented limit, `--body-limit`, or 1 MiB. */
  bodyLimit: number;
}

/** The answer to a step the probe sent before its own request: what the next step builds on. */
export interface StepAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

/** A step that cannot be sent (the previous answer gave nothing to build on): the probe is left out, for this reason. */
export interface NotSent {
  notSent: string;
}

/** Builds the next request from the answers so far, or says why there is none. */
export type ProbeStep = (context: ApiProbeContext, answers: readonly StepAnswer[]) => HttpRequest | NotSent;

export const isNotSent = (value: HttpRequest | NotSent): value is NotSent => 'notSent' in value;

export type ApiProbeSafety =
  /** Reads only. */
  | 'read'
  /** A write no server can carry out (a body that is not JSON or too large, an empty PATCH): nothing persists. */
  | 'rejected-write'
  /** A write a server that skips validation would accept: only with `--allow-writes`, against a test instance. */
  | 'write-if-ignored'
  /** A write that stores an object: only with `--allow-writes`, against a test instance. */
  | 'write';

/** What the probe asks for: the HTTP status, and the profile's codes that fit (most specific first). */
export interface ApiProbeExpectation {
  status: number;
  /** Codes of the built-in catalogs (envelope and Kubernetes), most specific first; a profile with none of them is held to its own codes for the status. */
  codes: string[];
  headers?: string[];
  /** The methods an `Allow` header should list. */
  allow?: string[];
  /** Other statuses that are right too (a deleted object may be `410 Gone`): an answer with one is judged as that status. */
  alternatives?: number[];
}

export interface ApiProbeDefinition {
  /** Stable kebab-case id, also the file name and the doc page name. */
  id: string;
  title: string;
  description: string;
  safety: ApiProbeSafety | ((operation: ApiOperation) => ApiProbeSafety);
  /** Why a write of this probe waits for `--allow-writes`, where its safety's own reason says less. */
  writeReason?: string | ((operation: ApiOperation) => string);
  /** Not run unless named with `--probe`. */
  optional?: boolean;
  /** True when the probe applies to the operation, else the reason it does not. */
  appliesTo(operation: ApiOperation, document: SpecDocument): true | string;
  /**
   * Why the probe, though it applies, is left out for this operation: no request it could send is
   * safe and meaningful (e.g. no id is surely unknown). The report lists the reason.
   */
  leftOut?(context: ApiProbeContext): string | undefined;
  /** Runs once per operation, or once per path (a method the path lacks is the path's business). */
  scope?: 'operation' | 'path';
  /** The request judged; with `steps`, built from their answers (none when the docs show an example). */
  request(context: ApiProbeContext, answers?: readonly StepAnswer[]): HttpRequest;
  /** A request sent first, its answer not judged (e.g. the create a collision needs). */
  setup?(context: ApiProbeContext): HttpRequest;
  /**
   * Requests sent in order before `request`, each built from the answers before it, none judged (e.g.
   * create an object, then delete it). A step that cannot be built, or whose answer is not a success
   * (2xx), leaves the probe out for the operation, and the report says why.
   */
  steps?: readonly ProbeStep[];
  /**
   * What the answer should be under `profile`: conventions differ on some statuses (a body that fails
   * validation is `400` or `422`), which the profile declares (`requestErrorStatus`).
   */
  expect(operation: ApiOperation, profile: Profile): ApiProbeExpectation;
}

export const defineApiProbe = (probe: ApiProbeDefinition): ApiProbeDefinition => Object.freeze(probe);

export const safetyOf = (probe: ApiProbeDefinition, operation: ApiOperation): ApiProbeSafety => (typeof probe.safety === 'function' ? probe.safety(operation) : probe.safety);

/** The probe's own reason its write on this operation waits for `--allow-writes`, if it gives one. */
export const writeReasonOf = (probe: ApiProbeDefinition, operation: ApiOperation): string | undefined =>
  typeof probe.writeReason === 'function' ? probe.writeReason(operation) : probe.writeReason;

/**
 * What sending a body no server can take (not JSON, of a media type the operation does not list, too
 * large) risks. It stops the write only where the server must read the body to act: a required body,
 * on any method but DELETE. A DELETE, or an action whose body is optional, is carried out by a server
 * that ignores a body it does not need, on the object the documented id names.
 */
export const refusedBodySafety = (operation: ApiOperation): ApiProbeSafety =>
  operation.method !== 'delete' && operation.body?.required === true ? 'rejected-write' : 'write-if-ignored';

/** Why a refused body waits for `--allow-writes` where `refusedBodySafety` says it must. */
export const IGNORED_BODY_REASON = 'a server that ignores a body it does not need (on a DELETE, or an optional body) would carry out the request';

/**
 * `refusedBodySafety` for a body that is only refused for what it is not (of another media type, too
 * large) while its text is a JSON string: where the body may be a string, a lenient server stores it.
 */
export const stringBodySafety = (operation: ApiOperation): ApiProbeSafety => (operation.body?.takesString ? 'write-if-ignored' : refusedBodySafety(operation));

export const stringBodyReason = (operation: ApiOperation): string =>
  operation.body?.takesString ? 'the body may be a string, so a server that does not refuse this one would store it' : IGNORED_BODY_REASON;

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
export const isWrite = (operation: ApiOperation): boolean => WRITE_METHODS.has(operation.method);

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export interface RequestParts {
  /** Path values to use instead of samples, by parameter name. */
  pathValues?: Record<string, string>;
  /** A parameter to leave out. */
  omit?: Pick<ApiParameter, 'in' | 'name'>;
  /** The body (text) and its content type; the default is a valid JSON sample when the operation takes a body. */
  body?: { text: string | Buffer; contentType: string } | null;
}

/** The operation's JSON media type (`application/json` or a `+json` one), if it takes JSON. */
export const jsonMediaType = (operation: ApiOperation): string | undefined => operation.body?.mediaTypes.find((t) => /^application\/(.+\+)?json\b/i.test(t));

/** A valid body for the operation: its example, or one built from the schema's required members. */
export function validBody(context: ApiProbeContext): unknown {
  const { operation, document } = context;
  if (!operation.body) return undefined;
  return operation.body.example ?? (operation.body.schema ? sampleValue(document, operation.body.schema.value) : {});
}

/**
 * Why no request of the operation can be built, if none can: a value one of its parameters or its
 * body needs is larger than statuslint builds (SampleTooLarge). Asked once an operation when the run
 * is planned, so that the probes are left out with this reason rather than fail as they are sent.
 */
export function unbuildableRequest(context: ApiProbeContext): string | undefined {
  const { operation, document } = context;
  for (const parameter of operation.parameters) {
    if (!parameter.required || parameter.example !== undefined) continue;
    const problem = tooLarge(() => sampleValue(document, parameter.schema));
    if (problem) return `\`${parameter.name}\`: ${problem}`;
  }
  const problem = tooLarge(() => validBody(context));
  return problem ? `the request body: ${problem}` : undefined;
}

function tooLarge(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (error) {
    if (error instanceof SampleTooLarge) return error.message;
    throw error;
  }
}

/**
 * A request for the operation with every required parameter filled with a valid value, except what
 * `parts` changes: probes break exactly one thing, so the response speaks of that one thing.
 */
export function requestFor(context: ApiProbeContext, parts: RequestParts = {}): HttpRequest {
  const { operation, document } = context;
  const kept = operation.parameters.filter((p) => !(parts.omit && p.in === parts.omit.in && p.name === parts.omit.name));
  const valueOf = (parameter: ApiParameter): string => asText(parameter.example ?? sampleValue(document, parameter.schema));
  const pathValues: Record<string, string> = {};
  for (const parameter of kept.filter((p) => p.in === 'path')) pathValues[parameter.name] = parts.pathValues?.[parameter.name] ?? valueOf(parameter);
  // A path parameter left out leaves its segment empty, which is how a client that forgets it sends it.
  if (parts.omit?.in === 'path') pathValues[parts.omit.name] = '';
  const query = new URLSearchParams();
  for (const parameter of kept.filter((p) => p.in === 'query' && p.required)) query.append(parameter.name, valueOf(parameter));
  const headers: Record<string, string> = {};
  // A header the document may not set is left out, even where it is required: see `documentMaySetHeader`.
  for (const parameter of kept.filter((p) => p.in === 'header' && p.required && documentMaySetHeader(p.name))) {
    const value = valueOf(parameter);
    if (isSendableHeaderValue(value)) headers[parameter.name.toLowerCase()] = value;
  }
  const cookies = kept.filter((p) => p.in === 'cookie' && p.required && isCookieName(p.name)).map((p) => `${p.name}=${encodeURIComponent(valueOf(p))}`);
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  let body: string | Buffer | undefined;
  if (parts.body) {
    body = parts.body.text;
    headers['content-type'] = parts.body.contentType;
  } else if (parts.body === undefined && operation.body) {
    body = JSON.stringify(validBody(context));
    headers['content-type'] = jsonMediaType(operation) ?? 'application/json';
  }
  const search = query.toString();
  return {
    method: operation.method.toUpperCase(),
    path: `${fillPath(operation.path, pathValues)}${search ? `?${search}` : ''}`,
    headers,
    ...(body !== undefined ? { body } : {}),
  };
}

/** The codes a probe should see under `profile`: its preferred ones the profile pairs with the status, else the profile's own codes for the status. */
export function expectedCodes(index: ProfileIndex, expectation: ApiProbeExpectation): string[] {
  const forStatus = index.codesForStatus(expectation.status);
  const preferred = expectation.codes.filter((code) => forStatus.some((e) => e.code === code));
  if (preferred.length > 0) return preferred;
  // A profile with one code for the status leaves no doubt; with several, any of them is right.
  return forStatus.length === 1 ? [forStatus[0]!.code] : [];
}
