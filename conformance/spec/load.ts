import { constants as fsConstants, readFileSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { fetch } from 'undici';
import jsYaml from 'js-yaml';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, UnreachableError } from '../../schemas/errors.js';
import { DOCUMENT_LIMITS } from '../defaults.js';
import { checkMemory } from './memory.js';
import { TextPositions } from './positions.js';
import { escapeToken, isObject, joinPointer, type JsonObject, localPointer, type OpenApiVersion, SpecDocument, type UnresolvedReference, valueAt } from './document.js';

/** A server answered a document or a referenced file with an error status. */
class HttpStatusError extends InputError {}

/**
 * A `$ref` the scope allows that cannot be followed: its file is missing, unreadable or unparsable,
 * its server does not answer or has no such file, or its pointer names nothing. The rest of the
 * document is still checked; the `$ref` is reported where it stands.
 */
class BrokenReference extends Error {
  /** The file (`file:///…/common.yaml`) or, for a pointer that names nothing, the file and its fragment. */
  readonly key: string;
  constructor(key: string, reason: string) {
    super(reason);
    this.key = key;
  }
}

/** The document's server did not answer (refused, reset, timed out): the CLI exits 3. */
export class SpecSourceUnreachableError extends UnreachableError {
  override readonly name = 'SpecSourceUnreachableError';
}

export type TextFormat = 'json' | 'yaml';

export interface DocumentText {
  text: string;
  /** What messages and results call the document: the path or URL as given, or `<stdin>`. */
  source: string;
  /** Absolute path or URL that relative `$ref`s resolve against. */
  base: string;
  format: TextFormat | undefined;
}

/**
 * Which external `$ref`s a document may follow. `contained`, the default: a document from a URL only
 * URLs of its own origin (scheme, host and port; redirects too), a file only files under its own
 * directory, standard input only files under the current directory, symbolic links resolved. `any`:
 * every file and URL (a document the user trusts). `none`: nothing outside the document (those a
 * cluster serves). Whatever stands under `example`, `examples`, `enum`, `default`, `const` or an
 * `x-` extension is data, never followed.
 */
export type ExternalRefs = 'contained' | 'any' | 'none';

export interface LoadOptions {
  /** How long fetching the document, and each file or URL a `$ref` names, may take. */
  timeoutMs?: number;
  externalRefs?: ExternalRefs;
}

export const DEFAULT_LOAD_OPTIONS = { timeoutMs: 60_000, externalRefs: 'contained' } as const satisfies LoadOptions;

const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

function formatOfName(name: string): TextFormat | undefined {
  const extension = extname(name.split(/[?#]/)[0]!).toLowerCase();
  return extension === '.json' ? 'json' : extension === '.yaml' || extension === '.yml' ? 'yaml' : undefined;
}

function formatOfContentType(contentType: string | null): TextFormat | undefined {
  if (!contentType) return undefined;
  return /json/i.test(contentType) ? 'json' : /yaml/i.test(contentType) ? 'yaml' : undefined;
}

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

const mebibytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

const tooLarge = (where: string, limit: number): InputError => new InputError(`larger than ${mebibytes(limit)}, the most statuslint reads of one document`, where);

interface FetchLimits {
  timeoutMs: number;
  /** The most bytes the body may have... */
  maxBytes: number;
  /** ...and the error when it has more. */
  tooLarge: () => InputError;
  signal?: AbortSignal;
  /** Called with each chunk's size; throws to stop reading. */
  count?: (bytes: number) => void;
  /** The error refusing a redirect, or nothing to follow it. */
  refuseRedirect?: (to: URL) => InputError | undefined;
}

/** Read a body up to a limit: a server that sends more is cut off, never buffered whole. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limits: FetchLimits): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limits.maxBytes) throw limits.tooLarge();
      limits.count?.(chunk.value.byteLength);
      chunks.push(chunk.value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Fetch a document (or a file a `$ref` names) with undici, following redirects one at a time so each
 * can be refused; a server that does not answer is not an input error. No credentials are sent.
 */
async function fetchCapped(url: string, limits: FetchLimits): Promise<{ body: Buffer; contentType: string | null; url: string }> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    let response;
    try {
      response = await fetch(current, {
        headers: { accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.1', 'user-agent': 'statuslint' },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      const cause = (error as { cause?: Error }).cause;
      throw new SpecSourceUnreachableError(`${current.href} did not answer: ${firstLine(cause?.message ?? (error as Error).message)}`);
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location !== null) {
      await response.body?.cancel().catch(() => undefined);
      if (redirects >= DOCUMENT_LIMITS.maxRedirects) throw new InputError(`more than ${DOCUMENT_LIMITS.maxRedirects} redirects`, url);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new InputError(`redirects to an invalid URL ${JSON.stringify(location)}`, url);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new InputError(`redirects to ${next.href}, which is not an http(s) URL`, url);
      const refused = limits.refuseRedirect?.(next);
      if (refused) throw refused;
      current = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new HttpStatusError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, url);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw limits.tooLarge();
    }
    try {
      return { body: await readCapped(response.body as ReadableStream<Uint8Array> | null, limits), contentType: response.headers.get('content-type'), url: current.href };
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new SpecSourceUnreachableError(`${current.href} stopped sending: ${firstLine((error as Error).message)}`);
    }
  }
}

/** Read a document from a file, a URL or standard input (`-`). */
export async function readDocumentText(input: string, options: LoadOptions = DEFAULT_LOAD_OPTIONS): Promise<DocumentText> {
  if (input === '-') {
    let text: string;
    try {
      text = readFileSync(0, 'utf8');
    } catch (error) {
      throw new InputError(`cannot read standard input (${(error as NodeJS.ErrnoException).code})`, '-');
    }
    return { text, source: '<stdin>', base: join(process.cwd(), '<stdin>'), format: undefined };
  }
  if (isUrl(input)) {
    const { maxDocumentBytes } = DOCUMENT_LIMITS;
    const fetched = await fetchCapped(input, {
      timeoutMs: options.timeoutMs ?? DEFAULT_LOAD_OPTIONS.timeoutMs,
      maxBytes: maxDocumentBytes,
      tooLarge: () => tooLarge(input, maxDocumentBytes),
    });
    // `$ref`s resolve against where the document was found, after any redirect.
    return {
      text: fetched.body.toString('utf8'),
      source: input,
      base: fetched.url,
      format: formatOfContentType(fetched.contentType) ?? formatOfName(new URL(fetched.url).pathname),
    };
  }
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, input);
  }
  return { text, source: input, base: resolvePath(input), format: formatOfName(input) };
}

/** `line:col` (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const where = offset !== undefined ? `${source}:${lineColumn(text, Number(offset))}` : source;
    throw new InputError(`invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`, where);
  }
}

/** js-yaml met an alias: the document is read by the `yaml` package, which limits what aliases expand to. */
class HasAlias extends Error {}

/**
 * The common case, fast: js-yaml reads a YAML document into plain data at a fifth of the time and an
 * eighth of the memory the `yaml` package needs (which builds a syntax tree first: 7 GB for 100 MB
 * of text). Its core schema reads scalars as YAML 1.2 does, as the `yaml` package's default does. A
 * document it cannot read, or with an alias (js-yaml shares what an alias names instead of copying it,
 * so a handful of aliases can make a walk over the data exponential), is left to the `yaml` package:
 * its messages and its alias limit are the ones users see.
 */
function parseYamlFast(text: string, source: string): unknown {
  let nodes = 0;
  return jsYaml.load(text, {
    schema: jsYaml.CORE_SCHEMA,
    listener: (event: string, state: { kind: string | null; result: unknown }) => {
      if (event !== 'close') return;
      // An alias is the one node that closes with a value but no kind.
      if (state.kind === null && state.result !== null && state.result !== undefined) throw new HasAlias();
      if (state.kind === 'mapping') storeIndexKeysSparsely(state.result as JsonObject);
      if (++nodes % 65_536 === 0) checkMemory(source);
    },
  } as jsYaml.LoadOptions);
}

/** The largest array index: a key V8 stores with an object's elements, never in a hole-filled list up to it. */
const LARGEST_INDEX = 4_294_967_294;

const isIndexKey = (key: string): boolean => key === '0' || (/^[1-9]\d{0,9}$/.test(key) && Number(key) <= LARGEST_INDEX);

/**
 * A mapping whose keys are numbers, like `responses` (`'200'`, `'404'`, `'500'`), is built by js-yaml
 * one key at a time, and V8 keeps such keys in a list with a slot for every number up to the largest
 * (4 KiB for those three): an operation-dense description took ten times the memory `JSON.parse`
 * gives the same data. Setting the largest index once makes V8 keep them in a dictionary instead,
 * as `JSON.parse` does; deleting it leaves the mapping as it was read. Number keys enumerate first,
 * so the first key says whether there are any.
 */
function storeIndexKeysSparsely(mapping: JsonObject): void {
  for (const key in mapping) {
    if (!isIndexKey(key) || Object.hasOwn(mapping, LARGEST_INDEX)) return;
    mapping[LARGEST_INDEX] = null;
    delete mapping[LARGEST_INDEX];
    return;
  }
}

/**
 * Above this size a YAML document js-yaml cannot read is not read again by the `yaml` package, whose
 * syntax tree would need gigabytes: js-yaml's message is given, and aliases are refused.
 */
const YAML_SECOND_READING_CHARS = 16 * 1024 * 1024;

function parseYamlText(text: string, source: string): unknown {
  try {
    return parseYamlFast(text, source);
  } catch (error) {
    if (error instanceof InputError) throw error;
    // Read again below, for the `yaml` package's verdict, unless that needs too much memory.
    if (text.length > YAML_SECOND_READING_CHARS) {
      if (error instanceof HasAlias) throw new InputError(`has YAML aliases (*name), which statuslint reads only in documents up to ${mebibytes(YAML_SECOND_READING_CHARS)}: write the aliased parts out, or use $ref`, source);
      const mark = (error as { mark?: { line: number; column: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? firstLine((error as Error).message);
      throw new InputError(`invalid YAML: ${reason}`, mark ? `${source}:${mark.line + 1}:${mark.column + 1}` : source);
    }
  }
  try {
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 1000 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      throw new InputError(`invalid YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`, position ? `${source}:${position.line}:${position.col}` : source);
    }
    throw new InputError(`invalid YAML: ${firstLine((error as Error).message)}`, source);
  }
}

/** Parse JSON or YAML; where the format is unknown, text that opens like JSON is read as JSON. */
export function parseDocumentText(text: string, source: string, format?: TextFormat): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new InputError('empty document', source);
  if (format === 'json') return parseJson(body, source);
  if (format === 'yaml') return parseYamlText(body, source);
  if (/^\s*[{[]/.test(body)) {
    try {
      return JSON.parse(body);
    } catch {
      // YAML flow style opens like JSON too; if YAML cannot read it either, the JSON error is the useful one.
      try {
        return parseYamlText(body, source);
      } catch {
        return parseJson(body, source);
      }
    }
  }
  return parseYamlText(body, source);
}

/** Which OpenAPI the document is, from its version field. */
export function versionOf(data: unknown, source: string): OpenApiVersion {
  if (!isObject(data)) throw new InputError(`not an OpenAPI document: the top level is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not an object`, source);
  if (data.swagger !== undefined) {
    if (data.swagger === '2.0') return '2.0';
    throw new InputError(`unsupported Swagger version ${JSON.stringify(data.swagger)} (statuslint reads "2.0", OpenAPI 3.0 and 3.1)`, source);
  }
  if (data.openapi !== undefined) {
    const version = String(data.openapi);
    if (typeof data.openapi === 'string' && /^3\.0\.\d+$/.test(version)) return '3.0';
    if (typeof data.openapi === 'string' && /^3\.1\.\d+$/.test(version)) return '3.1';
    throw new InputError(`unsupported OpenAPI version ${JSON.stringify(data.openapi)} (statuslint reads Swagger 2.0, OpenAPI 3.0 and 3.1)`, source);
  }
  throw new InputError('not an OpenAPI document: it has neither an `openapi` nor a `swagger` field', source);
}

// Values under these keys are data, not references, even when they contain a `$ref` key...
const DATA_KEYWORDS = new Set(['example', 'default', 'enum', 'const']);
// ...except in objects whose keys are names: a `default` response, a property named `enum`.
const NAME_MAPS = new Set(['paths', 'responses', 'properties', 'patternProperties', 'definitions', 'schemas', '$defs', 'dependentSchemas', 'parameters', 'headers', 'content', 'examples', 'links', 'callbacks', 'requestBodies', 'pathItems', 'securitySchemes', 'securityDefinitions', 'encoding']);

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string;
}

const pointerOf = (frame: Frame): string => {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) tokens.push(escapeToken(f.key));
  return tokens.reverse().map((t) => `/${t}`).join('');
};

/**
 * An entry of an `examples` keyword: an Example Object (or a reference to one), whose members are
 * data. A JSON Schema `examples` is a list, data as a whole.
 */
function isExampleEntry(frame: Frame): boolean {
  const map = frame.parent;
  return map?.key === 'examples' && !Array.isArray(map.value) && map.parent !== undefined && !NAME_MAPS.has(map.parent.key);
}

interface ReferenceVisitor {
  /** A `$ref` that is a reference. */
  reference(ref: string, frame: Frame): void;
  /** A member whose value is data: a `$ref` in it is not a reference. */
  data?(container: JsonObject, key: string): void;
}

/** Walk a document once, without copying it, telling references from data. */
function walkReferences(root: unknown, visitor: ReferenceVisitor): void {
  const stack: Frame[] = [{ value: root, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child: unknown = value[i];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, parent: frame, key: String(i) });
      }
      continue;
    }
    const object = value as JsonObject;
    if (typeof object.$ref === 'string') visitor.reference(object.$ref, frame);
    const namesKeys = NAME_MAPS.has(frame.key);
    const allData = isExampleEntry(frame);
    for (const key in object) {
      const child = object[key];
      if (typeof child !== 'object' || child === null) continue;
      if (allData || key.startsWith('x-') || (!namesKeys && (DATA_KEYWORDS.has(key) || (key === 'examples' && Array.isArray(child))))) visitor.data?.(object, key);
      else stack.push({ value: child, parent: frame, key });
    }
  }
}

export interface ExternalReference {
  ref: string;
  /** Where the `$ref` stands. */
  pointer: string;
}

/** A local `$ref` that names nothing, and the object it stands in. */
interface BrokenLocalReference {
  ref: string;
  /** Where the `$ref` stands. */
  pointer: string;
  problem: string;
  holder: JsonObject;
}

/**
 * Every local `$ref` is checked to point to something; external ones are listed for bundling.
 * Pointers are built only for those and for the broken ones.
 */
export function scanReferences(root: unknown): { external: ExternalReference[]; broken: BrokenLocalReference[] } {
  const checked = new Map<string, boolean>();
  const external: ExternalReference[] = [];
  const broken: BrokenLocalReference[] = [];
  walkReferences(root, {
    reference(ref, frame) {
      if (!ref.startsWith('#')) {
        external.push({ ref, pointer: pointerOf(frame) });
        return;
      }
      let ok = checked.get(ref);
      if (ok === undefined) {
        const pointer = localPointer(ref);
        ok = pointer !== undefined && valueAt(root, pointer) !== undefined;
        checked.set(ref, ok);
      }
      if (!ok) {
        const problem = localPointer(ref) === undefined ? 'is not a JSON pointer (`#/…`)' : 'points to nothing';
        broken.push({ ref, pointer: pointerOf(frame), problem, holder: frame.value as JsonObject });
      }
    },
  });
  return { external, broken };
}

/**
 * Take broken local `$ref`s out of the document, each reported where it stands: what it stood in
 * reads as an empty object, and the rest of the document is checked as written.
 */
function setAsideBroken(broken: readonly BrokenLocalReference[]): UnresolvedReference[] {
  return broken.map(({ ref, pointer, problem, holder }) => {
    delete holder.$ref;
    return { ref, pointer: joinPointer(pointer, '$ref'), reason: problem, holder };
  });
}

/** A document already bundled, as tests and the docs build it: no I/O. */
export function specDocumentOf(data: unknown, source: string): SpecDocument {
  const version = versionOf(data, source);
  const { external, broken } = scanReferences(data);
  if (external.length > 0) throw new InputError('has external $refs: load it with loadDocument()', source);
  return new SpecDocument(source, version, data as OpenAPI.Document & JsonObject, undefined, setAsideBroken(broken));
}

function describeParserError(error: unknown): string {
  // Parts without a `$ref` are set aside however deep; one with a `$ref` still runs the crawl out of stack.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return `a part holding a $ref is nested too deep (thousands of levels) for the document's external $refs to be bundled`;
  }
  const message = firstLine((error as Error).message ?? String(error));
  return message
    .replace(/^Error opening file (.+?): ENOENT.*$/, 'a $ref points to a file that does not exist: $1')
    .replace(/^Error resolving \$ref pointer "([^"]*)"\.?/, 'cannot resolve $ref "$1"');
}

/** Data holding `$ref`s, set aside while swagger-parser bundles: it follows every `$ref` it meets. */
class SetAside {
  readonly #value: unknown;
  constructor(value: unknown) {
    this.#value = value;
  }
  get value(): unknown {
    return this.#value;
  }
}

function containsRef(value: unknown): boolean {
  const seen = new Set<object>();
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    if (!Array.isArray(next) && Object.hasOwn(next, '$ref')) return true;
    for (const child of Object.values(next)) stack.push(child);
  }
  return false;
}

/**
 * Deeper than a part of any description written by hand or generated: the bundler's crawl calls itself
 * once a level and runs out of stack some ten thousand levels down.
 */
const DEEP_PART = 1000;

/** Whether objects nest more than `levels` deep in a value: a walk that keeps no more than its stack. */
function nestsDeeperThan(root: unknown, levels: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= levels) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Set aside, as data, every part nested deeper than {@link DEEP_PART} levels that has no `$ref` in it:
 * the bundler has nothing to do there, and would run out of stack crawling it. Measured bottom-up
 * without recursion, for the same reason.
 */
function setAsideDeepParts(root: unknown): void {
  if (!nestsDeeperThan(root, DEEP_PART)) return;
  // Each object's height (levels below it, itself counted) and whether a `$ref` stands in it.
  const measured = new Map<object, { height: number; holdsRef: boolean }>();
  const pending: Array<{ node: object; opened: boolean }> = typeof root === 'object' && root !== null ? [{ node: root, opened: false }] : [];
  const children = (node: object): object[] => Object.values(node).filter((child): child is object => typeof child === 'object' && child !== null);
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    if (!top.opened) {
      top.opened = true;
      // A part met again (a YAML alias), or inside itself, is measured as holding a `$ref`: never set aside.
      if (measured.has(top.node)) pending.pop();
      else {
        measured.set(top.node, { height: 1, holdsRef: true });
        for (const child of children(top.node)) if (!measured.has(child)) pending.push({ node: child, opened: false });
      }
      continue;
    }
    pending.pop();
    let height = 1;
    let holdsRef = !Array.isArray(top.node) && Object.hasOwn(top.node, '$ref');
    for (const child of children(top.node)) {
      const below = measured.get(child)!;
      height = Math.max(height, below.height + 1);
      holdsRef ||= below.holdsRef;
    }
    measured.set(top.node, { height, holdsRef });
  }
  const stack = measured.get(root as object)?.holdsRef ? [root as Record<string, unknown>] : [];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const container = stack.pop()!;
    if (seen.has(container)) continue;
    seen.add(container);
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (typeof child !== 'object' || child === null || child instanceof SetAside) continue;
      const { height, holdsRef } = measured.get(child)!;
      if (!holdsRef && height > DEEP_PART) container[key] = new SetAside(child);
      else if (holdsRef) stack.push(child as Record<string, unknown>);
    }
  }
}

/** Put back the data set aside, wherever bundling moved it. */
function restoreData(root: unknown): void {
  const seen = new Set<object>();
  const stack = [root];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const container = next as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (child instanceof SetAside) container[key] = child.value;
      else if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

/** Where a document's `$ref`s may lead: see {@link ExternalRefs}. */
type Scope =
  | { kind: 'any' }
  | { kind: 'none' }
  | { kind: 'origin'; origin: string }
  | { kind: 'directory'; directory: string; real: string; name: string };

const TRUST_HINT = ' (trust the document with --allow-external-refs)';

const isInside = (path: string, directory: string): boolean => {
  const rest = relative(directory, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
};

const isWeb = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

const withoutHash = (url: URL): string => url.href.replace(/#.*$/, '');

/** swagger-parser names a file by its path (percent-encoded) and anything else by its URL. */
function urlOfLocation(location: string): URL {
  if (/^[a-z][a-z\d+.-]*:/i.test(location) && !/^[a-z]:[\\/]/i.test(location)) return new URL(location);
  let path = location;
  try {
    path = decodeURIComponent(location.replace(/%(?![\da-f]{2})/gi, '%25'));
  } catch {
    // Not percent-encoded after all: the path as it is.
  }
  return pathToFileURL(path);
}

/**
 * Reads, for swagger-parser, every file and URL the `$ref`s of one document name, within its scope
 * and limits; refuses the rest before any byte is read or sent. The first failure stops every read.
 */
class ReferenceReader {
  #failure: Error | undefined;
  #controller = new AbortController();
  /** Files (and file#pointers) that cannot be followed, by key, with why: their `$ref`s are set aside. */
  readonly #broken = new Map<string, string>();
  /** The `$ref`s set aside, by where they stand. */
  readonly #unresolved = new Map<string, UnresolvedReference>();
  /** For each file read, where the document's own `$ref` that led to it stands: findings in the file are reported there. */
  readonly #reachedFrom = new Map<string, string>();
  /** What was read, so that a second bundling after a broken `$ref` reads nothing twice. */
  readonly #readBefore = new Map<string, Buffer>();
  readonly #refusals = new Map<string, Promise<string | undefined>>();
  /** The first `$ref` that named each file or URL, for messages about reading it. */
  readonly #namedBy = new Map<string, string>();
  #bytes = 0;
  #files = 0;
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  /** What messages call the document. */
  readonly source: string;
  readonly scope: Scope;
  readonly timeoutMs: number;

  constructor(source: string, scope: Scope, timeoutMs: number) {
    this.source = source;
    this.scope = scope;
    this.timeoutMs = timeoutMs;
  }

  static async for(source: string, base: string, externalRefs: ExternalRefs, timeoutMs: number): Promise<ReferenceReader> {
    if (externalRefs !== 'contained') return new ReferenceReader(source, { kind: externalRefs }, timeoutMs);
    if (isUrl(base)) return new ReferenceReader(source, { kind: 'origin', origin: new URL(base).origin }, timeoutMs);
    const directory = dirname(base);
    const real = await realpath(directory).catch(() => directory);
    const name = source === '<stdin>' ? `the current directory ${directory}` : `the document's directory ${directory}`;
    return new ReferenceReader(source, { kind: 'directory', directory, real, name }, timeoutMs);
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Stop every read still under way. */
  stop(): void {
    this.#controller.abort();
  }

  /** Start another bundling: the failure of the last one is forgotten, what it read is kept. */
  restart(): void {
    this.#failure = undefined;
    this.#controller = new AbortController();
  }

  /** The `$ref`s set aside as broken. */
  get unresolved(): UnresolvedReference[] {
    return [...this.#unresolved.values()];
  }

  /**
   * Learn from a failed bundling which `$ref` target is broken, so the next one sets its `$ref`s
   * aside. False when the failure is not a broken reference (a refusal, a limit): it ends the run.
   */
  learn(failure: unknown): boolean {
    let key: string;
    let reason: string;
    if (failure instanceof BrokenReference) {
      ({ key, message: reason } = failure);
    } else if ((failure as { code?: unknown } | null)?.code === 'EMISSINGPOINTER' && typeof (failure as { source?: unknown }).source === 'string') {
      const file = urlOfLocation((failure as { source: string }).source);
      const fragment = /^Missing \$ref pointer "#?([^"]*)"/.exec((failure as Error).message)?.[1] ?? '';
      key = `${withoutHash(file)}#${fragment}`;
      reason = `points to nothing in ${this.#label(file)}`;
    } else return false;
    if (this.#broken.has(key)) return false;
    this.#broken.set(key, reason);
    return true;
  }

  #label(file: URL): string {
    return file.protocol === 'file:' ? relativeToWorkingDirectory(fileURLToPath(file)) : file.href;
  }

  /** The key a broken target is known by: the file, or the file and its pointer. */
  #brokenReason(target: URL): string | undefined {
    let fragment = target.hash.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // Not percent-encoded: as written.
    }
    return this.#broken.get(withoutHash(target)) ?? this.#broken.get(`${withoutHash(target)}#${fragment}`);
  }

  /** swagger-parser's options: this reader as its only resolver, and a parser with YAML's limits. */
  bundleOptions(): SwaggerParser.Options {
    const resolver = {
      order: 1,
      canRead: () => true,
      read: (file: { url: string }) => this.#guard(() => this.#slot(() => this.#read(urlOfLocation(file.url)))),
    };
    const parser = {
      order: 1,
      allowEmpty: true,
      canParse: () => true,
      parse: (file: { url: string; data: unknown }) => this.#guard(() => this.#parse(urlOfLocation(file.url), file.data)),
    };
    return {
      mutateInputSchema: true,
      resolve: { file: false, http: false, statuslint: resolver, external: true },
      parse: { json: false, yaml: false, text: false, binary: false, statuslint: parser },
    } as unknown as SwaggerParser.Options;
  }

  /**
   * Check every external `$ref` of a document (the main one or a file one names) before any is read,
   * naming where it stands, and set aside the data that holds `$ref`s.
   */
  async admit(value: unknown, file: URL, label: string): Promise<void> {
    const found: Array<{ ref: string; frame: Frame }> = [];
    const reachedFrom = label ? this.#reachedFrom.get(withoutHash(file)) : undefined;
    setAsideDeepParts(value);
    walkReferences(value, {
      reference: (ref, frame) => {
        // The document's own local `$ref`s were checked before; a file's are checked here.
        if (ref.startsWith('#') && !label) return;
        let target: URL | undefined;
        try {
          target = new URL(ref, file);
        } catch {
          // Reported below as not a valid URL.
        }
        const reason = target ? this.#brokenReason(target) : undefined;
        if (reason === undefined) {
          if (!ref.startsWith('#')) found.push({ ref, frame });
          return;
        }
        const pointer = pointerOf(frame);
        delete (frame.value as JsonObject).$ref;
        const at = label ? { pointer: reachedFrom ?? '', file: label, filePointer: joinPointer(pointer, '$ref') } : { pointer: joinPointer(pointer, '$ref') };
        this.#unresolved.set(`${label}#${pointer}`, { ref, ...at, reason, holder: frame.value as JsonObject });
      },
      data: (container, key) => {
        if (containsRef(container[key])) container[key] = new SetAside(container[key]);
      },
    });
    for (const { ref, frame } of found) {
      const pointer = pointerOf(frame);
      const subject = `$ref "${ref}" at ${label ? `${label}#${pointer}` : pointer || 'the top of the document'}`;
      let target: URL;
      try {
        target = new URL(ref, file);
      } catch {
        throw new InputError(`${subject} is not a valid URL`, this.source);
      }
      const reason = await this.#refusal(target);
      if (reason) throw new InputError(`${subject} is refused: ${reason}`, this.source);
      if (!this.#namedBy.has(withoutHash(target))) this.#namedBy.set(withoutHash(target), subject);
      if (!this.#reachedFrom.has(withoutHash(target))) this.#reachedFrom.set(withoutHash(target), label ? (reachedFrom ?? '') : joinPointer(pointer, '$ref'));
    }
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.#failure) throw this.#failure;
    try {
      return await work();
    } catch (error) {
      this.#failure ??= error as Error;
      this.#controller.abort();
      throw error;
    }
  }

  async #slot<T>(work: () => Promise<T>): Promise<T> {
    while (this.#active >= DOCUMENT_LIMITS.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await work();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }

  /** Why the scope forbids reading this URL, or nothing when it allows it. */
  #refusal(target: URL): Promise<string | undefined> {
    const key = withoutHash(target);
    let refusal = this.#refusals.get(key);
    if (!refusal) {
      refusal = this.#judge(target);
      this.#refusals.set(key, refusal);
    }
    return refusal;
  }

  async #judge(target: URL): Promise<string | undefined> {
    const { scope } = this;
    if (!isWeb(target) && target.protocol !== 'file:') return 'only files and http(s) URLs can be referenced';
    switch (scope.kind) {
      case 'any':
        return undefined;
      case 'none':
        return 'a document a cluster serves may not reference other documents';
      case 'origin':
        return isWeb(target) && target.origin === scope.origin ? undefined : `it leaves the document's origin ${scope.origin}${TRUST_HINT}`;
      case 'directory': {
        if (isWeb(target)) return `a local document may only reference files under ${scope.name}${TRUST_HINT}`;
        let path: string;
        try {
          path = fileURLToPath(target);
        } catch {
          return `it names a file on another host${TRUST_HINT}`;
        }
        if (!isInside(path, scope.directory)) return `it names a file outside ${scope.name}${TRUST_HINT}`;
        const real = await realpath(path).catch(() => undefined);
        // A file that does not exist is reported when it is read.
        return real === undefined || isInside(real, scope.real) ? undefined : `it names a file that links outside ${scope.name}${TRUST_HINT}`;
      }
    }
  }

  #tooLarge(target: URL): InputError {
    const subject = this.#namedBy.get(withoutHash(target)) ?? `$ref to ${target.href}`;
    return new InputError(`${subject}: ${target.protocol === 'file:' ? fileURLToPath(target) : target.href} is larger than ${mebibytes(DOCUMENT_LIMITS.maxDocumentBytes)}, the most statuslint reads of one document`, this.source);
  }

  /** Count what was read: the files and URLs of one document's `$ref`s share one limit. */
  #count(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > DOCUMENT_LIMITS.maxReferencedBytes) {
      throw new InputError(`its $refs add up to more than ${mebibytes(DOCUMENT_LIMITS.maxReferencedBytes)}, the most statuslint reads for one document`, this.source);
    }
  }

  async #read(target: URL): Promise<Buffer> {
    const subject = this.#namedBy.get(withoutHash(target)) ?? `$ref to ${target.href}`;
    const reason = await this.#refusal(target);
    if (reason) throw new InputError(`${subject} is refused: ${reason}`, this.source);
    const cached = this.#readBefore.get(withoutHash(target));
    if (cached) return cached;
    if (++this.#files > DOCUMENT_LIMITS.maxReferencedFiles) throw new InputError(`its $refs name more than ${DOCUMENT_LIMITS.maxReferencedFiles} files, the most statuslint reads for one document`, this.source);
    const body = await this.#fetchOrReadFile(target, subject);
    this.#readBefore.set(withoutHash(target), body);
    return body;
  }

  async #fetchOrReadFile(target: URL, subject: string): Promise<Buffer> {
    if (target.protocol === 'file:') return this.#readFile(target);
    const { scope } = this;
    try {
      return await this.#fetch(target, subject, scope);
    } catch (error) {
      // A server that does not answer, or has no such file: the `$ref` is broken, the document is not.
      if (error instanceof SpecSourceUnreachableError) throw new BrokenReference(withoutHash(target), `names a URL whose server did not answer: ${error.message}`);
      if (error instanceof HttpStatusError) throw new BrokenReference(withoutHash(target), `names ${target.href}, which its server answers with ${error.message}`);
      throw error;
    }
  }

  async #fetch(target: URL, subject: string, scope: Scope): Promise<Buffer> {
    const fetched = await fetchCapped(target.href, {
      timeoutMs: this.timeoutMs,
      maxBytes: DOCUMENT_LIMITS.maxDocumentBytes,
      tooLarge: () => this.#tooLarge(target),
      signal: this.#controller.signal,
      count: (bytes) => this.#count(bytes),
      refuseRedirect: (to) =>
        scope.kind === 'origin' && to.origin !== scope.origin
          ? new InputError(`${subject} is refused: ${target.href} redirects to ${to.href}, outside the document's origin ${scope.origin}${TRUST_HINT}`, this.source)
          : undefined,
    });
    return fetched.body;
  }

  async #readFile(target: URL): Promise<Buffer> {
    const path = fileURLToPath(target);
    let handle;
    try {
      // The path checked is the path opened: a link swapped in between cannot lead out of the scope.
      const real = await realpath(path);
      if (this.scope.kind === 'directory' && !isInside(real, this.scope.real)) throw new InputError(`${this.#namedBy.get(withoutHash(target)) ?? `$ref to ${target.href}`} is refused: it names a file that links outside ${this.scope.name}${TRUST_HINT}`, this.source);
      // Non-blocking, so that a FIFO cannot hold the run; it is refused below as not a regular file.
      handle = await open(real, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const shown = relativeToWorkingDirectory(path);
      throw new BrokenReference(withoutHash(target), code === 'ENOENT' ? `names a file that does not exist: ${shown}` : `names a file that cannot be read: ${shown} (${code})`);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new BrokenReference(withoutHash(target), `names ${relativeToWorkingDirectory(path)}, which is not a regular file`);
      if (stat.size > DOCUMENT_LIMITS.maxDocumentBytes) throw this.#tooLarge(target);
      const chunks: Buffer[] = [];
      let size = 0;
      // Read to the end, not to the size `stat` gave: files in /proc and growing files say otherwise.
      for (;;) {
        const chunk = Buffer.allocUnsafe(1024 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        size += bytesRead;
        if (size > DOCUMENT_LIMITS.maxDocumentBytes) throw this.#tooLarge(target);
        this.#count(bytesRead);
        chunks.push(chunk.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks, size);
    } finally {
      await handle.close();
    }
  }

  /** Parse a file a `$ref` named as the main document is parsed (YAML aliases limited), then admit its own `$ref`s. */
  async #parse(target: URL, data: unknown): Promise<unknown> {
    const label = target.protocol === 'file:' ? relativeToWorkingDirectory(fileURLToPath(target)) : target.href;
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    let value: unknown;
    try {
      value = parseDocumentText(text, label, formatOfName(target.pathname));
    } catch (error) {
      // A limit (YAML aliases) still ends the run; a file that is not JSON or YAML is a broken `$ref`.
      if (error instanceof InputError && /^(invalid (JSON|YAML)|empty document)/.test(error.message) && !/alias/i.test(error.message)) throw new BrokenReference(withoutHash(target), `names a file that cannot be parsed: ${error.toLine()}`);
      throw error;
    }
    await this.admit(value, target, label);
    return value;
  }
}

function relativeToWorkingDirectory(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/**
 * Bundle the files and URLs a document's `$ref`s name into it, each one checked against the scope
 * first; what stands in data is put back untouched.
 */
async function bundleReferences(root: OpenAPI.Document, source: string, base: string, options: LoadOptions): Promise<{ root: OpenAPI.Document; unresolved: UnresolvedReference[] }> {
  const reader = await ReferenceReader.for(source, base, options.externalRefs ?? DEFAULT_LOAD_OPTIONS.externalRefs, options.timeoutMs ?? DEFAULT_LOAD_OPTIONS.timeoutMs);
  // Bundling stops at the first broken `$ref`: each attempt sets aside one more, and reads nothing twice.
  for (let attempt = 0; ; attempt++) {
    reader.restart();
    try {
      await reader.admit(root, isUrl(base) ? new URL(base) : pathToFileURL(base), '');
      const bundled = await new SwaggerParser().bundle(base, root, reader.bundleOptions());
      restoreData(bundled);
      return { root: bundled, unresolved: reader.unresolved };
    } catch (error) {
      const failure = reader.failure ?? error;
      if (attempt < DOCUMENT_LIMITS.maxReferencedFiles && reader.learn(failure)) continue;
      if (failure instanceof InputError || failure instanceof SpecSourceUnreachableError) throw failure;
      throw new InputError(failure instanceof BrokenReference ? failure.message : describeParserError(failure), source);
    } finally {
      reader.stop();
    }
  }
}

/**
 * Turn parsed data into a document: swagger-parser checks the version fields and, where the document
 * has external `$ref`s, bundles them in (reading the files and URLs its scope allows, see
 * {@link ExternalRefs}) so that every reference is local. Nothing is dereferenced: checks follow the
 * few references they need, one at a time.
 */
export async function prepareDocument(
  data: unknown,
  source: string,
  base: string,
  options: LoadOptions = DEFAULT_LOAD_OPTIONS,
  positions?: TextPositions,
): Promise<SpecDocument> {
  const version = versionOf(data, source);
  let root = data as OpenAPI.Document;
  try {
    await new SwaggerParser().parse(base, root, {});
  } catch (error) {
    throw new InputError(describeParserError(error), source);
  }
  const scanned = scanReferences(root);
  const unresolved = setAsideBroken(scanned.broken);
  if (scanned.external.length > 0) {
    const bundled = await bundleReferences(root, source, base, options);
    root = bundled.root;
    unresolved.push(...bundled.unresolved);
    const left = scanReferences(root).external[0];
    if (left) throw new InputError(`$ref "${left.ref}" at ${left.pointer} could not be bundled`, source);
  }
  return new SpecDocument(source, version, root as OpenAPI.Document & JsonObject, positions, unresolved);
}

/** Read, parse and prepare a document from a file, a URL or standard input. */
export async function loadDocument(input: string, options: LoadOptions & { onStage?: (stage: string) => void } = DEFAULT_LOAD_OPTIONS): Promise<SpecDocument> {
  options.onStage?.('reading');
  const { text, source, base, format } = await readDocumentText(input, options);
  options.onStage?.('parsing');
  const data = parseDocumentText(text, source, format);
  checkMemory(source);
  options.onStage?.('following $refs');
  return prepareDocument(data, source, base, options, new TextPositions(text));
}
