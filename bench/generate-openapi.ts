/**
 * Writes a big OpenAPI 3.0 document, in YAML or JSON, for the spec scale bench and for reproducing
 * growth by hand, into a temporary folder (never the repository). It is built like a real API's
 * description: resources with a list, create, read, update and delete operation each, shared
 * parameters, schemas and error responses under `components` that operations `$ref`, problem details
 * (RFC 9457) as errors, and a few defects of the kinds real documents have, so that findings and
 * their positions are part of what is measured:
 * - every 7th resource's delete documents no `404` (error-responses-documented, one per operation);
 * - every 11th resource's list answers `429` without `Retry-After` (retry-after-documented);
 * - every 13th resource's create documents its `422` inline, with a schema whose `status` is a string
 *   (error-schema-compatible, one per operation);
 * - the shared `ServiceUnavailable` response serves `text/plain` (error-content-type-json, one finding
 *   at a place every operation shares: reported once).
 *
 *     node --import tsx bench/generate-openapi.ts --mib 100 [--format yaml|json] [--out FILE] [--dense]
 *     node --import tsx bench/generate-openapi.ts --resources 20 …     # a number of resources instead of a size
 *
 * `--dense`: terse operations (no summaries, tags or schemas of their own), about three times as many
 * a MiB, as in the biggest generated descriptions.
 *
 * Prints the file's path, size and operation count. The text is written as it is made: the writer's
 * memory does not grow with the document.
 */
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type OpenApiFormat = 'yaml' | 'json';

const ref = (pointer: string): Json => ({ $ref: `#/components/${pointer}` });
const problemContent = (): Json => ({ 'application/problem+json': { schema: ref('schemas/Problem') } });

/** What every document starts with: info, servers, security and the shared components but the resource schemas. */
function head(): { [key: string]: Json } {
  return {
    openapi: '3.0.3',
    info: { title: 'Generated inventory API', version: '1.0.0', description: 'A generated description for measuring `statuslint spec` on big documents.' },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ bearerAuth: [] }],
  };
}

function sharedComponents(): { [key: string]: Json } {
  return {
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    parameters: {
      Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
      Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' } },
    },
    responses: {
      BadRequest: { description: 'The request is malformed.', content: problemContent() },
      Unauthorized: { description: 'No valid credentials.', content: problemContent() },
      Forbidden: { description: 'The credentials do not allow this.', content: problemContent() },
      NotFound: { description: 'No such resource.', content: problemContent() },
      Conflict: { description: 'The resource changed meanwhile.', content: problemContent() },
      TooManyRequests: {
        description: 'Too many requests; retry later.',
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
        content: problemContent(),
      },
      InternalError: { description: 'The server failed.', content: problemContent() },
      ServiceUnavailable: {
        description: 'The service is down for maintenance.',
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer', minimum: 100, maximum: 599 },
          detail: { type: 'string' },
          instance: { type: 'string', format: 'uri-reference' },
        },
      },
    },
  };
}

const errors = (...names: string[]): { [key: string]: Json } => {
  const codes: Record<string, string> = {
    BadRequest: '400',
    Unauthorized: '401',
    Forbidden: '403',
    NotFound: '404',
    Conflict: '409',
    TooManyRequests: '429',
    InternalError: '500',
    ServiceUnavailable: '503',
  };
  return Object.fromEntries(names.map((name) => [codes[name]!, ref(`responses/${name}`)]));
};

const common = ['Unauthorized', 'Forbidden', 'TooManyRequests', 'InternalError', 'ServiceUnavailable'];

/** The two path items of resource `i`, with its defects. */
export function resourcePaths(i: number): Array<[string, Json]> {
  const name = `widget${i}`;
  const schema = ref(`schemas/Widget${i}`);
  const body = { required: true, content: { 'application/json': { schema } } };
  const ok = (description: string, content?: Json): Json => (content ? { description, content } : { description });
  const list = { ...errors('BadRequest', ...common) } as { [key: string]: Json };
  if (i % 11 === 5) list['429'] = { description: 'Too many requests.', content: problemContent() };
  const create = { ...errors('BadRequest', 'Conflict', ...common) } as { [key: string]: Json };
  if (i % 13 === 7) create['422'] = {
    description: 'The widget is invalid.',
    content: { 'application/problem+json': { schema: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'string' } } } } },
  };
  const remove = i % 7 === 3 ? errors(...common) : errors('NotFound', ...common);
  return [
    [
      `/v1/${name}s`,
      {
        get: {
          operationId: `list${i}`,
          summary: `List ${name}s`,
          tags: [name],
          parameters: [ref('parameters/Limit'), ref('parameters/Cursor')],
          responses: { '200': ok('A page of widgets.', { 'application/json': { schema: { type: 'array', items: schema } } }), ...list },
        },
        post: {
          operationId: `create${i}`,
          summary: `Create a ${name}`,
          tags: [name],
          requestBody: body,
          responses: { '201': ok('Created.', { 'application/json': { schema } }), ...create },
        },
      },
    ],
    [
      `/v1/${name}s/{id}`,
      {
        parameters: [ref('parameters/Id')],
        get: {
          operationId: `get${i}`,
          summary: `Read a ${name}`,
          tags: [name],
          responses: { '200': ok('The widget.', { 'application/json': { schema } }), ...errors('NotFound', ...common) },
        },
        put: {
          operationId: `replace${i}`,
          summary: `Replace a ${name}`,
          tags: [name],
          requestBody: body,
          responses: { '200': ok('Replaced.', { 'application/json': { schema } }), ...errors('BadRequest', 'NotFound', 'Conflict', ...common) },
        },
        delete: { operationId: `delete${i}`, summary: `Delete a ${name}`, tags: [name], responses: { '204': ok('Deleted.'), ...remove } },
      },
    ],
  ];
}

/**
 * The two path items of resource `i`, as terse as real generated descriptions get (no summaries or
 * tags, errors by `$ref` only): about three times the operations per MiB of `resourcePaths`.
 */
function denseResourcePaths(i: number): Array<[string, Json]> {
  const ok = { description: 'OK.' };
  const failures = (...names: string[]): { [key: string]: Json } => errors(...names, 'InternalError');
  return [
    [`/w${i}`, {
      get: { operationId: `l${i}`, responses: { '200': ok, ...failures('BadRequest') } },
      post: { operationId: `c${i}`, responses: { '201': ok, ...failures('Conflict') } },
    }],
    [
      `/w${i}/{id}`,
      {
        parameters: [ref('parameters/Id')],
        get: { operationId: `g${i}`, responses: { '200': ok, ...failures('NotFound') } },
        put: { operationId: `r${i}`, responses: { '200': ok, ...failures('NotFound') } },
        delete: { operationId: `d${i}`, responses: { '204': ok, ...(i % 7 === 3 ? failures() : failures('NotFound')) } },
      },
    ],
  ];
}

export const OPERATIONS_PER_RESOURCE = 5;

function resourceSchema(i: number): Json {
  return {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id: { type: 'string', format: 'uuid', readOnly: true },
      name: { type: 'string', maxLength: 200 },
      size: { type: 'integer', minimum: 0 },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      createdAt: { type: 'string', format: 'date-time', readOnly: true },
    },
    description: `A widget of family ${i}.`,
  };
}

/** A JSON string is a YAML double-quoted scalar: every string is written that way, never ambiguous. */
function yamlLines(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
        const inner: string[] = [];
        yamlLines(item, `${indent}  `, inner);
        out.push(`${indent}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
      } else out.push(`${indent}- ${yamlScalar(item)}`);
    }
    return;
  }
  for (const [key, child] of Object.entries(value as { [key: string]: Json })) {
    const name = /^\d+$/.test(key) ? `'${key}'` : yamlString(key);
    if (child !== null && typeof child === 'object' && Object.keys(child).length > 0) {
      out.push(`${indent}${name}:`);
      yamlLines(child, Array.isArray(child) ? indent : `${indent}  `, out);
    } else out.push(`${indent}${name}: ${yamlScalar(child)}`);
  }
}

/** Plain where YAML reads it back as the same string (as people write YAML), else double-quoted: a JSON string is a YAML scalar. */
function yamlString(text: string): string {
  const plain = /^[$A-Za-z_/][\w .,/{}()-]*$/.test(text) && !/: | #| $/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text);
  return plain && !text.includes(': ') ? text : JSON.stringify(text);
}

const yamlScalar = (value: Json): string =>
  Array.isArray(value) ? '[]' : value !== null && typeof value === 'object' ? '{}' : typeof value === 'string' ? yamlString(value) : JSON.stringify(value);

/** One member of a top-level map (`paths`, `schemas`), as text in the format, at the nesting it is written at. */
function member(format: OpenApiFormat, key: string, value: Json, first: boolean, depth: number): string {
  if (format === 'json') return `${first ? '' : ','}\n${JSON.stringify(key)}:${JSON.stringify(value)}`;
  const lines: string[] = [];
  yamlLines({ [key]: value }, '  '.repeat(depth), lines);
  return `${lines.join('\n')}\n`;
}

/**
 * Write a document of about `bytes` bytes to `file`; returns how many operations it has. Resources
 * are written until the size is reached, then their schemas and the shared components.
 */
export async function writeOpenApi(file: string, bytes: number, format: OpenApiFormat, resourceCount?: number, dense = false): Promise<{ operations: number }> {
  const out = createWriteStream(file);
  let written = 0;
  const write = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const top = head();
  if (format === 'json') await write(`${JSON.stringify(top).slice(0, -1)},"paths":{`);
  else {
    const lines: string[] = [];
    yamlLines(top, '', lines);
    await write(`${lines.join('\n')}\npaths:\n`);
  }
  // The schemas take about a tenth of each resource's text: stop the paths a little early.
  let resources = 0;
  for (; resourceCount === undefined ? written < bytes * 0.9 || resources === 0 : resources < resourceCount; resources++) {
    for (const [path, item] of (dense ? denseResourcePaths : resourcePaths)(resources)) await write(member(format, path, item, resources === 0 && !path.endsWith('}'), 1));
  }
  const components = sharedComponents();
  if (format === 'json') {
    const { schemas, ...rest } = components as { schemas: { [key: string]: Json } };
    await write(`},"components":${JSON.stringify(rest).slice(0, -1)},"schemas":{${JSON.stringify(schemas).slice(1, -1)}`);
  } else {
    const lines: string[] = [];
    yamlLines({ components }, '', lines);
    await write(`${lines.join('\n')}\n`);
  }
  // Dense operations name no schema of their own.
  if (!dense) for (let i = 0; i < resources; i++) await write(member(format, `Widget${i}`, resourceSchema(i), false, 2));
  if (format === 'json') await write('}}}\n');
  out.end();
  await once(out, 'finish');
  return { operations: resources * OPERATIONS_PER_RESOURCE };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      mib: { type: 'string', default: '10' },
      resources: { type: 'string' },
      format: { type: 'string', default: 'yaml' },
      out: { type: 'string' },
      dense: { type: 'boolean', default: false },
    },
  });
  const format = values.format === 'json' ? 'json' : 'yaml';
  const file = values.out ?? join(mkdtempSync(join(tmpdir(), 'statuslint-bench-')), `openapi.${format}`);
  const { operations } = await writeOpenApi(file, Number(values.mib) * 1024 * 1024, format, values.resources === undefined ? undefined : Number(values.resources), values.dense);
  process.stdout.write(`${file} ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB, ${operations} operations\n`);
}

/**
 * A small document whose components refer to one another in one long line: `links` response objects,
 * each a `$ref` to the next, the last naming a schema at the end of as long a line of schemas. One
 * operation's 404 names the first response; every check that walks the components meets each link.
 */
export function refChainDocument(links: number): Json {
  const schemas: { [key: string]: Json } = {};
  const responses: { [key: string]: Json } = {};
  for (let i = 0; i < links - 1; i++) {
    schemas[`Link${i}`] = { $ref: `#/components/schemas/Link${i + 1}` };
    responses[`Link${i}`] = { $ref: `#/components/responses/Link${i + 1}` };
  }
  schemas[`Link${links - 1}`] = { type: 'object', properties: { kind: { type: 'string' }, reason: { type: 'string' }, code: { type: 'integer' } } };
  responses[`Link${links - 1}`] = { description: 'not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Link0' } } } };
  return {
    openapi: '3.0.3',
    info: { title: `a line of ${links} $refs`, version: '1' },
    paths: { '/things': { get: { responses: { '200': { description: 'ok' }, '404': { $ref: '#/components/responses/Link0' } } } } },
    components: { schemas, responses },
  };
}
