import { type HttpMethod, isObject, joinPointer, type JsonObject, type Located, type SpecDocument } from '../spec/document.js';

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
  /** Callers must authenticate. */
  secured: boolean;
  responses: DeclaredResponse[];
  /** Every method the document declares on this path, upper case. */
  pathMethods: string[];
  /** A body size limit the document states (`x-statuslint-body-limit` on the operation or the document). */
  bodyLimit?: number;
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
      return { required: value.required === true, mediaTypes: consumes.filter((t): t is string => typeof t === 'string'), schema, example: isObject(schema?.value) ? firstExample(schema.value) : undefined };
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
  return { required: body.value.required === true, mediaTypes, schema, ...(example !== undefined ? { example } : {}) };
}

const limitOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/** Every operation of the document with what the probes need to build requests for it. */
export function apiOperationsOf(document: SpecDocument): ApiOperation[] {
  const byPath = new Map<string, string[]>();
  const operations = [...document.operations()];
  for (const operation of operations) {
    const methods = byPath.get(operation.path) ?? [];
    methods.push(operation.method.toUpperCase());
    byPath.set(operation.path, methods);
  }
  const documentLimit = limitOf(document.root['x-statuslint-body-limit']);
  return operations.map((operation) => {
    const pathPointer = operation.pointer.slice(0, operation.pointer.lastIndexOf('/'));
    const declared: DeclaredResponse[] = document.responsesOf(operation).map((response) => ({ status: response.status, mediaTypes: document.bodyOf(operation, response).mediaTypes }));
    const bodyLimit = limitOf(operation.value['x-statuslint-body-limit']) ?? documentLimit;
    return {
      method: operation.method,
      path: operation.path,
      pointer: operation.pointer,
      title: operation.title,
      ...(typeof operation.value.operationId === 'string' ? { operationId: operation.value.operationId } : {}),
      parameters: parametersOf(document, pathPointer, operation.pointer, operation.value),
      body: bodyOf(document, operation.value, operation.pointer, operation.value.parameters),
      secured: document.requiresAuthentication(operation),
      responses: declared,
      pathMethods: byPath.get(operation.path) ?? [],
      ...(bodyLimit !== undefined ? { bodyLimit } : {}),
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
