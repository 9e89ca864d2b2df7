import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('names a $ref that points to nothing, and where it is', async () => {
    assert.match(
      await inputErrorLine(fixture('openapi', 'bad-ref.yaml')),
      /bad-ref\.yaml: \$ref "#\/components\/schemas\/Eror" at \/paths\/~1pets\/get\/responses\/404\/content\/application~1json\/schema points to nothing$/,
    );
  });

  it('refuses what is not an OpenAPI document, an unknown version, an empty file and a missing one', async () => {
    assert.match(await inputErrorLine(fixture('openapi', 'not-openapi.json')), /not an OpenAPI document: it has neither an `openapi` nor a `swagger` field/);
    assert.throws(() => parseDocumentText('   \n', 'empty.yaml'), /empty document/);
    assert.match(await inputErrorLine(fixture('openapi', 'nope.yaml')), /nope\.yaml: no such file$/);
    const { versionOf } = await import('../../conformance/spec/load.js');
    assert.throws(() => versionOf({ openapi: '4.0.0' }, 'x.yaml'), /unsupported OpenAPI version "4.0.0"/);
    assert.throws(() => versionOf({ swagger: 2 }, 'x.yaml'), /unsupported Swagger version 2/);
  });

  it('checks references in a default response and a property named enum, not in example or default values', () => {
    const base = { openapi: '3.0.3', info: { title: 't', version: '1' } };
    const dangling = { $ref: '#/components/schemas/Missing' };
    assert.throws(() => specDocumentOf({ ...base, paths: { '/a': { get: { responses: { default: dangling } } } } }, 'a.json'), /at \/paths\/~1a\/get\/responses\/default points to nothing/);
    assert.throws(() => specDocumentOf({ ...base, paths: {}, components: { schemas: { A: { properties: { enum: dangling } } } } }, 'a.json'), /at \/components\/schemas\/A\/properties\/enum points/);
    const data = { type: 'object', example: { $ref: 'not a reference' }, default: { $ref: '#/nowhere' }, 'x-note': { $ref: '#/nowhere' } };
    assert.doesNotThrow(() => specDocumentOf({ ...base, paths: {}, components: { schemas: { A: data } } }, 'a.json'));
  });

  it('bundles external $refs to other files, so checks follow them like local ones', async () => {
    const document = await loadDocument(fixture('openapi', 'external', 'main.yaml'));
    const [operation] = [...document.operations()];
    const bodies = document.responsesOf(operation!).filter((r) => isErrorStatus(r.status)).map((r) => document.bodyOf(operation!, r));
    const reasons = bodies.map((b) => (b.schemas[0]?.schema.value as { properties?: { reason?: { enum?: string[] } } }).properties?.reason?.enum);
    assert.deepEqual(reasons, [['NotFound', 'Gone'], undefined]);
  });

  it('names the missing file of an external $ref', async () => {
    assert.match(await inputErrorLine(fixture('openapi', 'external', 'missing-file.yaml')), /missing-file\.yaml: a \$ref points to a file that does not exist: .*no-such-file\.yaml$/);
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

  it('tells a server that does not answer apart from a bad document', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(loadDocument(`http://127.0.0.1:${port}/openapi.yaml`), (e: unknown) => e instanceof SpecSourceUnreachableError && /did not answer: .*ECONNREFUSED|did not answer/.test(e.message));
  });
});
