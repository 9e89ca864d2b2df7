import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isErrorStatus } from '../../conformance/spec/document.js';
import { loadDocument, parseDocumentText, SpecSourceUnreachableError, specDocumentOf } from '../../conformance/spec/load.js';
import { InputError } from '../../schemas/errors.js';
import { fixture } from '../helpers/paths.js';

/** The one line the CLI prints for an InputError. */
async function inputErrorLine(input: string): Promise<string> {
  try {
    await loadDocument(input);
  } catch (error) {
    if (error instanceof InputError) return error.toLine();
    throw error;
  }
  assert.fail(`${input} loaded`);
}

describe('reading documents', () => {
  it('reads Swagger 2.0 JSON, OpenAPI 3.0 and 3.1 YAML', async () => {
    for (const [file, version] of [['clean-2.0.json', '2.0'], ['clean-3.0.yaml', '3.0'], ['clean-3.1.yaml', '3.1']] as const) {
      const document = await loadDocument(fixture('openapi', file));
      assert.equal(document.version, version);
      assert.ok([...document.operations()].length >= 2, file);
    }
  });

  it('names the file and the line and column of a YAML or JSON syntax error', async () => {
    assert.match(await inputErrorLine(fixture('openapi', 'bad-yaml.yaml')), /bad-yaml\.yaml:3:10: invalid YAML: /);
    assert.match(await inputErrorLine(fixture('openapi', 'bad-json.json')), /bad-json\.json:5:1: invalid JSON: /);
  });

  it('sets aside a $ref that points to nothing, naming where it stands, and reads the rest', async () => {
    const document = await loadDocument(fixture('openapi', 'bad-ref.yaml'));
    assert.deepEqual(
      document.unresolved.map(({ ref, pointer, reason }) => ({ ref, pointer, reason })),
      [{ ref: '#/components/schemas/Eror', pointer: '/paths/~1pets/get/responses/404/content/application~1json/schema/$ref', reason: 'points to nothing' }],
    );
    assert.deepEqual(document.positions?.of(document.unresolved[0]!.pointer), { line: 11, column: 43 });
    assert.equal([...document.operations()].length, 1);
  });

  it('refuses what is not an OpenAPI document, an unknown version, an empty file and a missing one', async () => {
    assert.match(await inputErrorLine(fixture('openapi', 'not-openapi.json')), /not an OpenAPI document: it has neither an `openapi` nor a `swagger` field/);
    assert.throws(() => parseDocumentText('   \n', 'empty.yaml'), /empty document/);
    assert.match(await inputErrorLine(fixture('openapi', 'nope.yaml')), /nope\.yaml: no such file$/);
    const { versionOf } = await import('../../conformance/spec/load.js');
    assert.throws(() => versionOf({ openapi: '4.0.0' }, 'x.yaml'), /unsupported OpenAPI version "4.0.0"/);
    assert.throws(() => versionOf({ swagger: 2 }, 'x.yaml'), /unsupported Swagger version 2/);
  });

  it('reads mappings with number keys as JSON.parse reads the same data: keys, order and values', () => {
    // Number keys are stored apart by V8 (see storeIndexKeysSparsely); what is read must not change.
    const yaml = [
      'responses:',
      "  '500': {description: c}",
      "  '200': {description: a}",
      "  '4294967294': {description: largest index}",
      "  '4294967295': {description: not an index}",
      "  '01': {description: not an index either}",
      '  default: {description: d}',
      "  '0': {description: zero}",
      'empty: {}',
      "only: {'7': seven}",
    ].join('\n');
    const json = JSON.stringify({
      responses: {
        '500': { description: 'c' },
        '200': { description: 'a' },
        '4294967294': { description: 'largest index' },
        '4294967295': { description: 'not an index' },
        '01': { description: 'not an index either' },
        default: { description: 'd' },
        '0': { description: 'zero' },
      },
      empty: {},
      only: { '7': 'seven' },
    });
    const read = parseDocumentText(yaml, 'numbers.yaml', 'yaml') as { responses: object };
    assert.deepEqual(read, JSON.parse(json));
    assert.deepEqual(Object.keys(read.responses), Object.keys((JSON.parse(json) as { responses: object }).responses));
    assert.equal(JSON.stringify(read), JSON.stringify(JSON.parse(json)));
  });

  it('checks references in a default response and a property named enum, not in example or default values', () => {
    const base = { openapi: '3.0.3', info: { title: 't', version: '1' } };
    const dangling = (): Record<string, string> => ({ $ref: '#/components/schemas/Missing' });
    const unresolved = (data: Record<string, unknown>): string[] => specDocumentOf({ ...base, ...data }, 'a.json').unresolved.map((u) => u.pointer);
    assert.deepEqual(unresolved({ paths: { '/a': { get: { responses: { default: dangling() } } } } }), ['/paths/~1a/get/responses/default/$ref']);
    assert.deepEqual(unresolved({ paths: {}, components: { schemas: { A: { properties: { enum: dangling() } } } } }), ['/components/schemas/A/properties/enum/$ref']);
    const data = { type: 'object', example: { $ref: 'not a reference' }, default: { $ref: '#/nowhere' }, 'x-note': { $ref: '#/nowhere' } };
    assert.deepEqual(unresolved({ paths: {}, components: { schemas: { A: data } } }), []);
  });

  it('bundles external $refs to other files, so checks follow them like local ones', async () => {
    const document = await loadDocument(fixture('openapi', 'external', 'main.yaml'));
    const [operation] = [...document.operations()];
    const bodies = document.responsesOf(operation!).filter((r) => isErrorStatus(r.status)).map((r) => document.bodyOf(operation!, r));
    const reasons = bodies.map((b) => (b.schemas[0]?.schema.value as { properties?: { reason?: { enum?: string[] } } }).properties?.reason?.enum);
    assert.deepEqual(reasons, [['NotFound', 'Gone'], undefined]);
  });

  describe('a document nested thousands of levels deep, with external $refs', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'statuslint-deep-'));
      writeFileSync(join(folder, 'errors.json'), JSON.stringify({
        NotFound: { description: 'not found', content: { 'application/json': { schema: { $ref: '#/Status' } } } },
        Status: { type: 'object', properties: { reason: { type: 'string', enum: ['NotFound'] } } },
      }));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    /** A document whose 200 schema nests `depth` objects around `innermost`, and whose 404 names a response in another file. */
    function deepDocument(name: string, depth: number, innermost: unknown): string {
      let schema = JSON.stringify(innermost);
      for (let i = 0; i < depth; i++) schema = `{"type":"object","properties":{"a":${schema}}}`;
      const file = join(folder, name);
      writeFileSync(
        file,
        `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":${schema}}}},"404":{"$ref":"errors.json#/NotFound"}}}}}}`,
      );
      return file;
    }

    it('bundles them when the deep part holds no $ref, and keeps that part as written', async () => {
      const document = await loadDocument(deepDocument('deep.json', 20_000, { type: 'string' }));
      const [operation] = [...document.operations()];
      const [ok, notFound] = document.responsesOf(operation!);
      const reason = document.bodyOf(operation!, notFound!).schemas[0]?.schema.value as { properties?: { reason?: { enum?: string[] } } };
      assert.deepEqual(reason.properties?.reason?.enum, ['NotFound']);
      let schema = document.bodyOf(operation!, ok!).schemas[0]?.schema.value as { properties?: { a?: unknown }; type?: string };
      let levels = 0;
      while (schema.properties?.a) {
        schema = schema.properties.a as typeof schema;
        levels++;
      }
      assert.deepEqual([levels, schema], [20_000, { type: 'string' }]);
    });

    it('says so in one line when the deep part holds a $ref', async () => {
      await assert.rejects(
        loadDocument(deepDocument('deep-ref.json', 20_000, { $ref: 'errors.json#/Status' })),
        (e: unknown) => e instanceof InputError && e.message === 'a part holding a $ref is nested too deep (thousands of levels) for the document\'s external $refs to be bundled',
      );
    });
  });

  it('sets aside an external $ref to a missing file, naming the file, and bundles the rest', async () => {
    const document = await loadDocument(fixture('openapi', 'external', 'missing-file.yaml'));
    assert.deepEqual(
      document.unresolved.map((u) => [u.ref, u.reason.replace(/: .*\//, ': …/')]),
      [['no-such-file.yaml#/Error', 'names a file that does not exist: …/no-such-file.yaml']],
    );
  });

  it('sets aside every $ref that cannot be followed, at the line it stands on: a URL whose host does not resolve, a missing file, a bad pointer in a file', async () => {
    const document = await loadDocument(fixture('openapi', 'broken-refs', 'main.yaml'), { externalRefs: 'any', timeoutMs: 10_000 });
    const common = join('test', 'fixtures', 'openapi', 'broken-refs', 'common.yaml');
    const at = (pointer: string): number | undefined => document.positions?.of(pointer)?.line;
    const seen = document.unresolved.map((u) => ({ ref: u.ref, line: at(u.pointer), file: u.file, filePointer: u.filePointer, reason: u.reason.replace(/(ENOTFOUND|EAI_AGAIN) .*$/, 'ENOTFOUND') }));
    assert.deepEqual(
      seen.sort((a, b) => a.ref.localeCompare(b.ref)),
      [
        {
          ref: '#/components/schemas/Kode',
          line: 21,
          file: common,
          filePointer: '/components/schemas/Fout/properties/code/$ref',
          reason: `points to nothing in ${common}`,
        },
        { ref: '#/components/schemas/Sattus', line: 31, file: undefined, filePointer: undefined, reason: 'points to nothing' },
        { ref: 'common.yaml#/components/schemas/Fuot', line: 21, file: undefined, filePointer: undefined, reason: `points to nothing in ${common}` },
        {
          ref: 'https://geo.unreachable.invalid/schemas/geojson.yaml#/definitions/Geometry',
          line: 29,
          file: undefined,
          filePointer: undefined,
          reason: 'names a URL whose server did not answer: https://geo.unreachable.invalid/schemas/geojson.yaml did not answer: getaddrinfo ENOTFOUND',
        },
        {
          ref: 'kenmerken.yaml',
          line: 30,
          file: undefined,
          filePointer: undefined,
          reason: `names a file that does not exist: ${join('test', 'fixtures', 'openapi', 'broken-refs', 'kenmerken.yaml')}`,
        },
      ],
    );
    // What did resolve was bundled: the 404's problem details from common.yaml.
    const [operation] = [...document.operations()];
    const notFound = document.responsesOf(operation!).find((r) => r.status === '404')!;
    const schema = document.bodyOf(operation!, notFound).schemas[0]!.schema.value as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties), ['type', 'title', 'status', 'detail', 'instance', 'code']);
  });

  it('still refuses a $ref that leaves the document\'s directory, reading nothing', async () => {
    await assert.rejects(loadDocument(fixture('openapi', 'broken-refs', 'main.yaml')), (e: unknown) => e instanceof InputError && /is refused: a local document may only reference files under/.test(e.message));
  });
});

describe('reading documents from a URL', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      try {
        const body = readFileSync(join(fixture('openapi'), path));
        response.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/yaml' }).end(body);
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the document and its external $refs relative to the URL', async () => {
    const document = await loadDocument(`${base}/external/main.yaml`);
    assert.equal(document.source, `${base}/external/main.yaml`);
    assert.equal([...document.operations()].length, 1);
    assert.equal((await loadDocument(`${base}/clean-2.0.json`)).version, '2.0');
  });

  it('turns an HTTP error into an input error naming the URL', async () => {
    assert.equal(await inputErrorLine(`${base}/missing.yaml`), `${base}/missing.yaml: HTTP 404 Not Found`);
  });

  it('sets aside a $ref to a file its server does not have, naming the URL and the answer', async () => {
    const document = await loadDocument(`${base}/external/missing-file.yaml`);
    assert.deepEqual(
      document.unresolved.map((u) => [u.pointer, u.reason]),
      [['/paths/~1widgets/get/responses/500/$ref', `names ${base}/external/no-such-file.yaml, which its server answers with HTTP 404 Not Found`]],
    );
  });

  it('tells a server that does not answer apart from a bad document', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(loadDocument(`http://127.0.0.1:${port}/openapi.yaml`), (e: unknown) => e instanceof SpecSourceUnreachableError && /did not answer: .*ECONNREFUSED|did not answer/.test(e.message));
  });
});
