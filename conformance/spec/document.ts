import type { TextPositions } from './positions.js';
import type { OpenAPI } from 'openapi-types';
import { InputError } from '../../schemas/errors.js';

/** The OpenAPI versions statuslint reads: Swagger 2.0, OpenAPI 3.0 and 3.1. */
export type OpenApiVersion = '2.0' | '3.0' | '3.1';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value a JSON pointer names in `root`, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of tokensOf(pointer)) {
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(token) ? current[Number(token)] : undefined;
    else if (isObject(current)) current = Object.hasOwn(current, token) ? current[token] : undefined;
    else return undefined;
  }
  return current;
}

/** One reference token of a JSON pointer (RFC 6901): `~` and `/` escaped. */
export const escapeToken = (token: string): string => (token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token);

export const joinPointer = (base: string, ...tokens: Array<string | number>): string =>
  `${base}${tokens.map((t) => `/${escapeToken(String(t))}`).join('')}`;

/** Whether a pointer names `base` or something inside it. */
export const isWithinPointer = (pointer: string, base: string): boolean => pointer === base || pointer.startsWith(`${base}/`);

export function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A value of the document and where it is written: after a `$ref`, the place the reference points to. */
export interface Located<T = unknown> {
  value: T;
  pointer: string;
  /** The last `$ref` followed to reach the value, as written (`#/definitions/Status`). */
  ref?: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  method: HttpMethod;
  /** The path template, e.g. `/api/v1/namespaces/{namespace}/configmaps/{name}`. */
  path: string;
  /** Where the operation is written, e.g. `/paths/~1api~1v1~1pods/get`. */
  pointer: string;
  value: JsonObject;
  /** `GET /api/v1/pods`. */
  title: string;
}

export interface DocumentedResponse {
  /** The key under `responses`: `404`, `4XX` or `default`. */
  status: string;
  /** Where the operation lists it. */
  pointer: string;
  /** The response object, after any `$ref`. */
  response: Located<JsonObject>;
}

/** A response body as documented: its media types and the distinct schemas they use. */
export interface DocumentedBody {
  /** Where the media types are declared: `…/content`, or a 2.0 operation's or document's `produces`. */
  mediaTypesPointer: string | undefined;
  mediaTypes: string[];
  /** Each distinct schema once, with the media types that use it (2.0: every `produces` type). */
  schemas: Array<{ schema: Located; mediaTypes: string[] }>;
}

/** A documented response header, by its name as written. */
export interface DocumentedHeader {
  name: string;
  header: Located;
}

/** A `$ref` that could not be followed, reported where it stands; what it stood in reads as an empty object. */
export interface UnresolvedReference {
  ref: string;
  /**
   * Where the `$ref` member stands in the document (`…/schema/$ref`). For one written in a file the
   * document references: where the document's own `$ref` that led to that file stands.
   */
  pointer: string;
  /** The referenced file the `$ref` is written in, when it is not the document itself... */
  file?: string;
  /** ...and where in that file. */
  filePointer?: string;
  /** Why it cannot be followed: `points to nothing`, `names a file that does not exist: …`, the server's answer. */
  reason: string;
  /** The object the `$ref` stood in, now empty of it. */
  holder: object;
}

/** Responses that describe failures: `4xx`, `5xx`, their ranges and `default`. */
export const isErrorStatus = (status: string): boolean => status === 'default' || /^[45](\d\d|XX)$/i.test(status);

/** A parsed OpenAPI document with local `$ref`s resolved on demand, never all at once. */
export class SpecDocument {
  /** The file path, URL or server path the document was read from. */
  readonly source: string;
  readonly version: OpenApiVersion;
  readonly root: OpenAPI.Document & JsonObject;
  /** Where pointers are written in the text the user gave; none for documents a cluster serves. */
  readonly positions: TextPositions | undefined;
  /** `$ref`s that could not be followed, set aside when the document was read. */
  readonly unresolved: readonly UnresolvedReference[];

  constructor(source: string, version: OpenApiVersion, root: OpenAPI.Document & JsonObject, positions?: TextPositions, unresolved: readonly UnresolvedReference[] = []) {
    this.source = source;
    this.version = version;
    this.root = root;
    this.positions = positions;
    this.unresolved = unresolved;
    this.#setAside = new WeakSet(unresolved.map((u) => u.holder));
  }

  readonly #setAside: WeakSet<object>;

  /** Whether a value is what a `$ref` that could not be followed stood in: reported once as that, and judged no further. */
  isSetAside(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.#setAside.has(value);
  }

  /** The value a pointer names, or undefined. */
  at(pointer: string): unknown {
    return valueAt(this.root, pointer);
  }

  /** Follow `$ref`s from a value written at `pointer` until a value that is not a reference. */
  resolve<T = unknown>(value: unknown, pointer: string): Located<T> {
    let current = value;
    let at = pointer;
    let ref: string | undefined;
    const seen = new Set<string>();
    while (isObject(current) && typeof current.$ref === 'string') {
      const target = current.$ref;
      const end = this.#chainEnds.get(target);
      if (end) return { ...this.#endChains(seen, end) } as Located<T>;
      if (seen.has(target)) throw new InputError(`$ref "${target}" at ${at} refers back to itself`, this.source);
      seen.add(target);
      const next = this.#referenced(target, at);
      current = next.value;
      at = next.pointer;
      ref = target;
    }
    if (ref === undefined) return { value: current as T, pointer: at };
    return { ...this.#endChains(seen, { value: current, pointer: at, ref }) } as Located<T>;
  }

  /**
   * Where the chain of `$ref`s from each reference ends: a chain is followed once, not once from each
   * of its links (a document whose components refer to one another in a long line).
   */
  readonly #chainEnds = new Map<string, Located & { ref: string }>();

  #endChains(followed: Iterable<string>, end: Located & { ref: string }): Located & { ref: string } {
    for (const target of followed) this.#chainEnds.set(target, end);
    return end;
  }

  /** What each `$ref` names: the same few are followed from every operation. */
  readonly #references = new Map<string, { value: unknown; pointer: string }>();

  #referenced(ref: string, at: string): { value: unknown; pointer: string } {
    const known = this.#references.get(ref);
    if (known) return known;
    const pointer = localPointer(ref);
    // The loader bundles external references and checks every local one, so this is a guard only.
    if (pointer === undefined) throw new InputError(`$ref "${ref}" at ${at} is not a local reference`, this.source);
    const value = this.at(pointer);
    if (value === undefined) throw new InputError(`$ref "${ref}" at ${at} points to nothing`, this.source);
    const found = { value, pointer };
    this.#references.set(ref, found);
    return found;
  }

  /** Every operation under `paths` (webhooks are calls the API makes, not answers it gives). */
  *operations(): Generator<Operation> {
    const paths = this.root.paths as unknown;
    if (!isObject(paths)) return;
    for (const [path, raw] of Object.entries(paths)) {
      if (path.startsWith('x-')) continue;
      const item = this.resolve(raw, joinPointer('/paths', path));
      if (!isObject(item.value)) continue;
      for (const method of HTTP_METHODS) {
        const value = item.value[method];
        if (!isObject(value)) continue;
        yield { method, path, pointer: joinPointer(item.pointer, method), value, title: `${method.toUpperCase()} ${path}` };
      }
    }
  }

  responsesOf(operation: Operation): DocumentedResponse[] {
    const responses = operation.value.responses;
    if (!isObject(responses)) return [];
    const base = joinPointer(operation.pointer, 'responses');
    const out: DocumentedResponse[] = [];
    for (const [status, raw] of Object.entries(responses)) {
      if (status.startsWith('x-')) continue;
      const pointer = joinPointer(base, status);
      const resolved = this.resolve(raw, pointer);
      out.push({ status, pointer, response: { ...resolved, value: isObject(resolved.value) ? resolved.value : {} } });
    }
    return out;
  }

  bodyOf(operation: Operation, documented: DocumentedResponse): DocumentedBody {
    const { response } = documented;
    if (this.version === '2.0') {
      const own = operation.value.produces;
      const produces = Array.isArray(own) ? own : Array.isArray(this.root.produces) ? (this.root.produces as unknown[]) : undefined;
      const mediaTypes = (produces ?? []).filter((t): t is string => typeof t === 'string');
      const pointer = Array.isArray(own) ? joinPointer(operation.pointer, 'produces') : produces ? '/produces' : undefined;
      const schemas = response.value.schema === undefined ? [] : [{ schema: this.resolve(response.value.schema, joinPointer(response.pointer, 'schema')), mediaTypes }];
      return { mediaTypesPointer: pointer, mediaTypes, schemas };
    }
    const content = response.value.content;
    if (!isObject(content)) return { mediaTypesPointer: undefined, mediaTypes: [], schemas: [] };
    const contentPointer = joinPointer(response.pointer, 'content');
    const schemas = new Map<unknown, { schema: Located; mediaTypes: string[] }>();
    for (const [mediaType, raw] of Object.entries(content)) {
      const media = this.resolve(raw, joinPointer(contentPointer, mediaType));
      if (!isObject(media.value) || media.value.schema === undefined) continue;
      const schema = this.resolve(media.value.schema, joinPointer(media.pointer, 'schema'));
      // The same schema under JSON, YAML and protobuf is one schema to judge.
      const seen = schemas.get(schema.value);
      if (seen) seen.mediaTypes.push(mediaType);
      else schemas.set(schema.value, { schema, mediaTypes: [mediaType] });
    }
    return { mediaTypesPointer: contentPointer, mediaTypes: Object.keys(content), schemas: [...schemas.values()] };
  }

  headersOf(documented: DocumentedResponse): DocumentedHeader[] {
    const headers = documented.response.value.headers;
    if (!isObject(headers)) return [];
    const base = joinPointer(documented.response.pointer, 'headers');
    return Object.entries(headers).map(([name, raw]) => ({ name, header: this.resolve(raw, joinPointer(base, name)) }));
  }

  /**
   * Whether callers must authenticate for the operation: its own `security`, else the document's;
   * with neither, a document that declares security schemes is taken to use them (Kubernetes'
   * OpenAPI v3 declares `BearerToken` without a requirement). `security: []` opts out.
   */
  requiresAuthentication(operation: Operation): boolean {
    const requirements = Array.isArray(operation.value.security) ? operation.value.security : Array.isArray(this.root.security) ? (this.root.security as unknown[]) : undefined;
    if (requirements) return requirements.some((r) => isObject(r) && Object.keys(r).length > 0);
    const schemes = this.version === '2.0' ? this.root.securityDefinitions : isObject(this.root.components) ? this.root.components.securitySchemes : undefined;
    return isObject(schemes) && Object.keys(schemes).length > 0;
  }

  /** Named schemas: `definitions` (2.0) or `components.schemas`. */
  namedSchemas(): Array<{ name: string; pointer: string; value: unknown }> {
    const container = this.version === '2.0' ? this.root.definitions : isObject(this.root.components) ? this.root.components.schemas : undefined;
    if (!isObject(container)) return [];
    const base = this.version === '2.0' ? '/definitions' : '/components/schemas';
    return Object.entries(container).map(([name, value]) => ({ name, pointer: joinPointer(base, name), value }));
  }
}

/** The JSON pointer of a local reference (`#/a/b`, percent-decoded), or undefined for any other. */
export function localPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  const fragment = ref.slice(1);
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    pointer = fragment;
  }
  return pointer === '' || pointer.startsWith('/') ? pointer : undefined;
}
