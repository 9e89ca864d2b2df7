import { RE2JS } from 're2js';
import { InputError } from '../../schemas/errors.js';
import { BODY_LIMIT_RANGE, MAX_BODY_LIMIT } from '../defaults.js';
import { type HttpMethod, isObject, joinPointer, type JsonObject, type Located, type SpecDocument } from '../spec/document.js';
import { admitsString } from './values.js';

/** A parameter as a probe needs it: where it goes, whether it must be there, and what values fit. */
export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema (2.0: the parameter itself, which carries `type`, `format`, `enum`). */
  schema: JsonObject;
  example?: unknown;
}

export interface ApiRequestBody {
  required: boolean;
  mediaTypes: string[];
  schema: Located | undefined;
  example?: unknown;
  /** A JSON string may be a valid body (the schema allows strings, or says nothing). */
  takesString: boolean;
}

/** A documented response: its status key (`404`, `4XX`, `default`) and media types. */
export interface DeclaredResponse {
  status: string;
  mediaTypes: string[];
}

/** One operation of a generic HTTP API, as the probes derive requests from it. */
export interface ApiOperation {
  method: HttpMethod;
  /** The path template, e.g. `/clusters/{name}`. */
  path: string;
  /** Where the operation is written in the document. */
  pointer: string;
  /** `GET /clusters/{name}`. */
  title: string;
  operationId?: string;
  parameters: ApiParameter[];
  body: ApiRequestBody | undefined;
  /** Callers must authenticate: the operation's effective `security` requires a scheme (`effectiveSecurityRequired`). */
  secured: boolean;
  responses: DeclaredResponse[];
  /** Every method the document declares on this path, upper case. */
  pathMethods: string[];
  /** A body size limit the document states (`x-statuslint-body-limit` on the operation or the document). */
  bodyLimit?: number;
  /** The operation's `tags`, when it has any. */
  tags?: string[];
}

const PARAMETER_PLACES = new Set(['path', 'query', 'header', 'cookie']);

function firstExample(value: JsonObject): unknown {
  if (value.example !== undefined) return value.example;
  const examples = value.examples;
  if (isObject(examples)) {
    for (const example of Object.values(examples)) {
      if (isObject(example) && example.value !== undefined) return example.value;
    }
  }
  return undefined;
}

/** Path-level and operation-level parameters, the operation's winning on name and place. */
function parametersOf(document: SpecDocument, pathPointer: string, operationPointer: string, operation: JsonObject): ApiParameter[] {
  const byKey = new Map<string, ApiParameter>();
  const item = document.at(pathPointer);
  const lists: Array<[unknown, string]> = [
    [isObject(item) ? item.parameters : undefined, joinPointer(pathPointer, 'parameters')],
    [operation.parameters, joinPointer(operationPointer, 'parameters')],
  ];
  for (const [list, pointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const { value } = document.resolve<unknown>(raw, joinPointer(pointer, i));
      if (!isObject(value) || typeof value.name !== 'string' || typeof value.in !== 'string' || !PARAMETER_PLACES.has(value.in)) return;
      const schema = value.schema !== undefined ? document.resolve<unknown>(value.schema, joinPointer(pointer, i, 'schema')).value : value;
      const example = firstExample(value) ?? (isObject(schema) ? firstExample(schema) : undefined);
      byKey.set(`${value.in}:${value.name}`, {
        name: value.name,
        in: value.in as ApiParameter['in'],
        required: value.in === 'path' || value.required === true,
        schema: isObject(schema) ? schema : {},
        ...(example !== undefined ? { example } : {}),
      });
    });
  }
  return [...byKey.values()];
}

function bodyOf(document: SpecDocument, operation: JsonObject, pointer: string, parameters: unknown): ApiRequestBody | undefined {
  if (document.version === '2.0') {
    // 2.0 describes the body as an `in: body` parameter, its media types as `consumes`.
    if (!Array.isArray(parameters)) return undefined;
    for (const [i, raw] of parameters.entries()) {
      const { value } = document.resolve<unknown>(raw, joinPointer(pointer, 'parameters', i));
      if (!isObject(value) || value.in !== 'body') continue;
      const consumes = Array.isArray(operation.consumes) ? operation.consumes : Array.isArray(document.root.consumes) ? (document.root.consumes as unknown[]) : ['application/json'];
      const schema = value.schema === undefined ? undefined : document.resolve(value.schema, joinPointer(pointer, 'parameters', i, 'schema'));
      return {
        required: value.required === true,
        mediaTypes: consumes.filter((t): t is string => typeof t === 'string'),
        schema,
        example: isObject(schema?.value) ? firstExample(schema.value) : undefined,
        takesString: admitsString(document, schema?.value),
      };
    }
    return undefined;
  }
  if (operation.requestBody === undefined) return undefined;
  const body = document.resolve<unknown>(operation.requestBody, joinPointer(pointer, 'requestBody'));
  if (!isObject(body.value) || !isObject(body.value.content)) return undefined;
  const content = body.value.content;
  const mediaTypes = Object.keys(content);
  const json = mediaTypes.find((t) => /^application\/(.+\+)?json\b/i.test(t)) ?? mediaTypes[0];
  const media = json === undefined ? undefined : document.resolve<unknown>(content[json], joinPointer(body.pointer, 'content', json));
  const schema = isObject(media?.value) && media.value.schema !== undefined ? document.resolve(media.value.schema, joinPointer(media.pointer, 'schema')) : undefined;
  const example = (isObject(media?.value) ? firstExample(media.value) : undefined) ?? (isObject(schema?.value) ? firstExample(schema.value) : undefined);
  return {
    required: body.value.required === true,
    mediaTypes,
    schema,
    ...(example !== undefined ? { example } : {}),
    takesString: admitsString(document, schema?.value),
  };
}

/**
 * Whether the operation's effective security requirement (its own `security`, else the document's)
 * asks for a credential: `security: []` or `[{}]` opts out. Declared schemes alone require nothing:
 * FastAPI lists every scheme under `components.securitySchemes` and puts `security` only on the
 * operations that use one, so the public ones would each be a false MUST (issue 20). The spec side
 * reads the schemes more loosely (`requiresAuthentication`): a 401 worth documenting is not a 401 owed.
 */
export function effectiveSecurityRequired(document: SpecDocument, operation: JsonObject): boolean {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.root.security) ? (document.root.security as unknown[]) : [];
  // Alternatives: any one that names no scheme lets an anonymous caller in.
  return requirements.length > 0 && requirements.every((r) => isObject(r) && Object.keys(r).length > 0);
}

export const isBodyLimit = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_BODY_LIMIT;

/**
 * The `x-statuslint-body-limit` written at `pointer`, if any. A limit out of range is an error, not a
 * default: the probe would build a body of that size, and a limit the user wrote must not be ignored.
 */
function limitAt(document: SpecDocument, value: unknown, pointer: string): number | undefined {
  if (value === undefined) return undefined;
  if (isBodyLimit(value)) return value;
  const at = document.positions?.of(pointer);
  throw new InputError(`${pointer} must be ${BODY_LIMIT_RANGE}`, at ? `${document.source}:${at.line}:${at.column}` : document.source);
}

/** Every operation of the document with what the probes need to build requests for it. */
export function apiOperationsOf(document: SpecDocument): ApiOperation[] {
  const byPath = new Map<string, string[]>();
  const operations = [...document.operations()];
  for (const operation of operations) {
    const methods = byPath.get(operation.path) ?? [];
    methods.push(operation.method.toUpperCase());
    byPath.set(operation.path, methods);
  }
  const documentLimit = limitAt(document, document.root['x-statuslint-body-limit'], '/x-statuslint-body-limit');
  return operations.map((operation) => {
    const pathPointer = operation.pointer.slice(0, operation.pointer.lastIndexOf('/'));
    const declared: DeclaredResponse[] = document.responsesOf(operation).map((response) => ({ status: response.status, mediaTypes: document.bodyOf(operation, response).mediaTypes }));
    const bodyLimit = limitAt(document, operation.value['x-statuslint-body-limit'], joinPointer(operation.pointer, 'x-statuslint-body-limit')) ?? documentLimit;
    return {
      method: operation.method,
      path: operation.path,
      pointer: operation.pointer,
      title: operation.title,
      ...(typeof operation.value.operationId === 'string' ? { operationId: operation.value.operationId } : {}),
      parameters: parametersOf(document, pathPointer, operation.pointer, operation.value),
      body: bodyOf(document, operation.value, operation.pointer, operation.value.parameters),
      secured: effectiveSecurityRequired(document, operation.value),
      responses: declared,
      pathMethods: byPath.get(operation.path) ?? [],
      ...(bodyLimit !== undefined ? { bodyLimit } : {}),
      ...(Array.isArray(operation.value.tags) ? { tags: operation.value.tags.filter((t): t is string => typeof t === 'string') } : {}),
    };
  });
}

/** The base URL the document names (`servers[0].url`, or 2.0's `host` and `basePath`), if absolute. */
export function documentServer(document: SpecDocument): string | undefined {
  const root = document.root;
  if (document.version === '2.0') {
    if (typeof root.host !== 'string') return undefined;
    const scheme = Array.isArray(root.schemes) && root.schemes.includes('https') ? 'https' : Array.isArray(root.schemes) && typeof root.schemes[0] === 'string' ? root.schemes[0] : 'https';
    return `${scheme}://${root.host}${typeof root.basePath === 'string' ? root.basePath : ''}`;
  }
  const first = Array.isArray(root.servers) ? root.servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== 'string') return undefined;
  let url = first.url;
  // Server variables take their defaults.
  if (isObject(first.variables)) {
    for (const [name, variable] of Object.entries(first.variables)) {
      if (isObject(variable) && typeof variable.default === 'string') url = url.replaceAll(`{${name}}`, variable.default);
    }
  }
  return /^https?:\/\//i.test(url) ? url : undefined;
}

/** The path prefix of a relative `servers[0].url` (e.g. `/v1`) or 2.0 `basePath`, to put before every path. */
export function documentBasePath(document: SpecDocument): string {
  const root = document.root;
  if (document.version === '2.0') return typeof root.basePath === 'string' ? root.basePath.replace(/\/$/, '') : '';
  const first = Array.isArray(root.servers) ? root.servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== 'string' || /^https?:\/\//i.test(first.url)) return '';
  return first.url.replace(/\/$/, '');
}

/**
 * Why the document's own server (`documentServer`) must not be the target, or undefined when it may.
 * A document is not the user's word: credentials go only to a server the user names, or to the origin
 * the user fetched the document from. A document that came over https never sends the run to plain
 * http, credentials or not: the requests could be read and changed on the way.
 */
export function documentServerRefusal(server: string, documentLocation: string, credentials: readonly string[]): string | undefined {
  let target: URL;
  try {
    target = new URL(server);
  } catch {
    // Not a URL at all: resolving the target says so.
    return undefined;
  }
  const fetched = /^https?:\/\//i.test(documentLocation) ? new URL(documentLocation) : undefined;
  if (fetched?.protocol === 'https:' && target.protocol === 'http:') {
    return `needed: the document came over https but names a plain-http server (${target.origin}), which statuslint does not downgrade to`;
  }
  if (credentials.length === 0 || fetched?.origin === target.origin) return undefined;
  const allowed = fetched ? `a server you name or the document's own origin (${fetched.origin})` : 'a server you name, not one a document file names';
  return `needed with ${credentials.join(', ')}: credentials go only to ${allowed}, and the document names ${target.origin}`;
}

/** Which operations a run probes: each list, when given, must match (any of its entries); all when none is. */
export interface OperationFilter {
  /** operationId, `METHOD /path` or a path template, exactly. */
  operations?: readonly string[];
  /** Regular expressions (RE2 syntax), any of which must be found in one of the operation's tags. */
  tags?: readonly string[];
  /** Regular expressions found in the path template, e.g. `^/items`. */
  paths?: readonly string[];
  /** Regular expressions matching the whole method, case-insensitive, e.g. `get|delete`. */
  methods?: readonly string[];
}

/**
 * A user's pattern compiled by the linear-time engine the document patterns use (RE2): the same
 * syntax everywhere, and no pattern can hold a run. One that RE2 cannot run is an error naming the flag.
 */
function compileUserPattern(pattern: string, flag: string, flags = 0): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern), flags);
  } catch (error) {
    throw new InputError(`"${pattern}" is not a regular expression RE2 can run (${(error as Error).message}); lookaround and backreferences are not supported`, flag);
  }
}

/** The test `filter` makes of an operation; patterns are compiled once, and a bad one fails before any request. */
export function operationMatcher(filter: OperationFilter): (operation: ApiOperation) => boolean {
  const named = filter.operations ?? [];
  const tags = (filter.tags ?? []).map((p) => compileUserPattern(p, '--tag'));
  const paths = (filter.paths ?? []).map((p) => compileUserPattern(p, '--path'));
  const methods = (filter.methods ?? []).map((p) => compileUserPattern(`^(?:${p})$`, '--method', RE2JS.CASE_INSENSITIVE));
  return (operation) =>
    (named.length === 0 || named.some((w) => w === operation.operationId || w.toUpperCase() === operation.title.toUpperCase() || w === operation.path)) &&
    (tags.length === 0 || tags.some((t) => (operation.tags ?? []).some((tag) => t.matcher(tag).find()))) &&
    (paths.length === 0 || paths.some((p) => p.matcher(operation.path).find())) &&
    (methods.length === 0 || methods.some((m) => m.matches(operation.method)));
}
