import { readFileSync } from 'node:fs';
import { extname, join, resolve as resolvePath } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { fetch } from 'undici';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, UnreachableError } from '../../schemas/errors.js';
import { TextPositions } from './positions.js';
import { escapeToken, isObject, type JsonObject, localPointer, type OpenApiVersion, SpecDocument, valueAt } from './document.js';

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

export interface LoadOptions {
  timeoutMs: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = { timeoutMs: 60_000 };

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

/** Fetch a document (or an external `$ref`) with undici; a server that does not answer is not an input error. */
export async function fetchText(url: string, options: LoadOptions): Promise<{ text: string; contentType: string | null }> {
  let response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.1', 'user-agent': 'statuslint' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    throw new SpecSourceUnreachableError(`${url} did not answer: ${firstLine(cause?.message ?? (error as Error).message)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new InputError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, url);
  }
  try {
    return { text: await response.text(), contentType: response.headers.get('content-type') };
  } catch (error) {
    throw new SpecSourceUnreachableError(`${url} stopped sending: ${firstLine((error as Error).message)}`);
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
    const { text, contentType } = await fetchText(input, options);
    return { text, source: input, base: input, format: formatOfContentType(contentType) ?? formatOfName(new URL(input).pathname) };
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

function parseYamlText(text: string, source: string): unknown {
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
        return parseYaml(body, { uniqueKeys: true, maxAliasCount: 1000 });
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
 * Walk the document once, without copying it: every local `$ref` must point to something; external
 * ones are counted for bundling. Pointers are built only for the message when one is broken.
 */
export function scanReferences(root: unknown, source: string): { external: number } {
  const checked = new Map<string, boolean>();
  let external = 0;
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
    const ref = object.$ref;
    if (typeof ref === 'string') {
      if (!ref.startsWith('#')) external++;
      else {
        let ok = checked.get(ref);
        if (ok === undefined) {
          const pointer = localPointer(ref);
          ok = pointer !== undefined && valueAt(root, pointer) !== undefined;
          checked.set(ref, ok);
        }
        if (!ok) {
          const problem = localPointer(ref) === undefined ? 'is not a JSON pointer (`#/…`)' : 'points to nothing';
          throw new InputError(`$ref "${ref}" at ${pointerOf(frame)} ${problem}`, source);
        }
      }
    }
    const namesKeys = NAME_MAPS.has(frame.key);
    for (const key in object) {
      const child = object[key];
      if (typeof child !== 'object' || child === null || key.startsWith('x-') || (DATA_KEYWORDS.has(key) && !namesKeys)) continue;
      stack.push({ value: child, parent: frame, key });
    }
  }
  return { external };
}

/** A document already bundled, as tests and the docs build it: no I/O. */
export function specDocumentOf(data: unknown, source: string): SpecDocument {
  const version = versionOf(data, source);
  if (scanReferences(data, source).external > 0) throw new InputError('has external $refs: load it with loadDocument()', source);
  return new SpecDocument(source, version, data as OpenAPI.Document & JsonObject);
}

function describeParserError(error: unknown): string {
  const message = firstLine((error as Error).message ?? String(error));
  return message
    .replace(/^Error opening file (.+?): ENOENT.*$/, 'a $ref points to a file that does not exist: $1')
    .replace(/^Error resolving \$ref pointer "([^"]*)"\.?/, 'cannot resolve $ref "$1"');
}

/**
 * Turn parsed data into a document: swagger-parser checks the version fields and, where the document
 * has external `$ref`s, bundles them in (reading files and URLs) so that every reference is local.
 * Nothing is dereferenced: checks follow the few references they need, one at a time.
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
  if (scanReferences(root, source).external > 0) {
    const http = {
      order: 1,
      canRead: (file: { url: string }) => isUrl(file.url),
      read: async (file: { url: string }) => (await fetchText(file.url, options)).text,
    };
    try {
      root = await new SwaggerParser().bundle(base, root, { resolve: { http } } as SwaggerParser.Options);
    } catch (error) {
      if (error instanceof SpecSourceUnreachableError || error instanceof InputError) throw error;
      throw new InputError(describeParserError(error), source);
    }
    scanReferences(root, source);
  }
  return new SpecDocument(source, version, root as OpenAPI.Document & JsonObject, positions);
}

/** Read, parse and prepare a document from a file, a URL or standard input. */
export async function loadDocument(input: string, options: LoadOptions = DEFAULT_LOAD_OPTIONS): Promise<SpecDocument> {
  const { text, source, base, format } = await readDocumentText(input, options);
  return prepareDocument(parseDocumentText(text, source, format), source, base, options, new TextPositions(text));
}
