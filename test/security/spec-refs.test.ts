/**
 * Issue #14: a document must never read local files or reach other hosts on its own. Hostile
 * documents, served by small servers made here, go through the built CLI as a user runs it: `spec`
 * with a URL, a file or standard input, `probe --openapi`, and `spec --from-cluster` against a fake
 * cluster. Each secret is a temporary file holding a unique marker that must appear nowhere.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import type { CliRun } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';

const MiB = 1024 * 1024;

/** The built bin, as `runCli` runs it, but killed when it runs away (the attacks made it hang). */
function statuslint(args: readonly string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<CliRun & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(options.input ?? '');
  });
}

interface Served {
  url: string;
  /** Every request's path, in order. */
  requests: string[];
  close(): Promise<void>;
}

type Route = string | ((request: IncomingMessage, response: ServerResponse) => void);

/** A server on 127.0.0.1 answering from a table of paths; anything else is a 404. */
async function serve(routes: Record<string, Route>): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (typeof route === 'function') return route(request, response);
    if (route === undefined) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(200, { 'content-type': route.trimStart().startsWith('{') ? 'application/json' : 'application/yaml' }).end(route);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const servers: Served[] = [];
async function server(routes: Record<string, Route>): Promise<Served> {
  const served = await serve(routes);
  servers.push(served);
  return served;
}
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A secret file outside every document's tree: a reason enum whose value is the marker, and the marker alone. */
const secretDir = mkdtempSync(join(tmpdir(), 'statuslint-secret-'));
const MARKER = `statuslint-secret-${randomUUID()}`;
const secretSchema = join(secretDir, 'reason.yaml');
const secretValue = join(secretDir, 'value.yaml');
const secretExample = join(secretDir, 'example.yaml');
writeFileSync(secretSchema, `type: string\nenum: [${MARKER}]\n`);
writeFileSync(secretValue, `${MARKER}\n`);
writeFileSync(secretExample, `value: ${MARKER}\n`);
const secretSchemaUrl = pathToFileURL(secretSchema).href;
const secretValueUrl = pathToFileURL(secretValue).href;
const secretExampleUrl = pathToFileURL(secretExample).href;

/** The marker must be in no output: not on the terminal, not in a report. */
function assertNoSecret(run: CliRun, ...reports: string[]): void {
  assert.doesNotMatch(run.stdout, new RegExp(MARKER), 'the secret reached standard output');
  assert.doesNotMatch(run.stderr, new RegExp(MARKER), 'the secret reached standard error');
  for (const report of reports) {
    let text = '';
    try {
      text = readFileSync(report, 'utf8');
    } catch {
      continue; // not written
    }
    assert.doesNotMatch(text, new RegExp(MARKER), `the secret reached ${report}`);
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** An OpenAPI 3.0 document with a Kubernetes `Status` schema whose `reason` is given. */
function statusDocument(reason: unknown, schemas: Record<string, unknown> = {}): string {
  const string = { type: 'string' };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Hostile', version: '1' },
    paths: {},
    components: { schemas: { Status: { type: 'object', properties: { kind: string, apiVersion: string, status: string, message: string, reason, code: { type: 'integer' } } }, ...schemas } },
  });
}

const REFUSED = 2;

describe('spec URL: $refs stay on the document\'s origin', () => {
  it('refuses a file: $ref in a schema, naming where it stands, and reads nothing', async () => {
    const served = await server({ '/openapi.json': statusDocument({ $ref: secretSchemaUrl }) });
    const report = join(mkdtempSync(join(tmpdir(), 'statuslint-report-')), 'r.json');
    const run = await statuslint(['spec', `${served.url}/openapi.json`, '--format', 'json', '-o', report, '--format', 'stylish']);
    assertNoSecret(run, report);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^statuslint: ${escape(served.url)}/openapi\\.json: \\$ref "${escape(secretSchemaUrl)}" at /components/schemas/Status/properties/reason is refused: it leaves the document's origin ${escape(served.url)} \\(trust the document with --allow-external-refs\\)\\n$`),
    );
  });

  it('leaves a $ref under enum or example as data, and still bundles its own origin\'s files', async () => {
    const served = await server({
      '/openapi.json': statusDocument(
        { type: 'string', enum: ['NotFound', { $ref: secretValueUrl }], example: { $ref: secretExampleUrl } },
        { Code: { $ref: 'schemas.yaml#/Code' } },
      ),
      '/schemas.yaml': 'Code: { type: integer, default: { $ref: "file:///etc/passwd" } }\n',
    });
    const run = await statuslint(['spec', `${served.url}/openapi.json`]);
    assertNoSecret(run);
    assert.doesNotMatch(run.stdout + run.stderr, /root:/, 'nothing of /etc/passwd');
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    // The enum holds the `$ref` object itself, judged as the value it is.
    assert.match(run.stdout, new RegExp(`/reason/enum/1 {2}Received: \`\\{"\\$ref":"${escape(secretValueUrl)}"\\}\``));
    assert.deepEqual(served.requests, ['/openapi.json', '/schemas.yaml']);
  });

  it('never fetches from another origin, whose server gets no request at all', async () => {
    const other = await server({ '/status.yaml': 'type: string\n' });
    const served = await server({ '/openapi.json': statusDocument({ $ref: `${other.url}/status.yaml` }) });
    const run = await statuslint(['spec', `${served.url}/openapi.json`]);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, new RegExp(`\\$ref "${escape(other.url)}/status\\.yaml" at /components/schemas/Status/properties/reason is refused: it leaves the document's origin ${escape(served.url)} `));
    assert.deepEqual(other.requests, []);
  });

  it('refuses a redirect to another origin, whose server gets no request at all', async () => {
    const other = await server({ '/status.yaml': 'type: string\n' });
    const served = await server({
      '/openapi.json': statusDocument({ $ref: 'moved.yaml' }),
      '/moved.yaml': (_request, response) => void response.writeHead(302, { location: `${other.url}/status.yaml` }).end(),
    });
    const run = await statuslint(['spec', `${served.url}/openapi.json`]);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`\\$ref "moved\\.yaml" at /components/schemas/Status/properties/reason is refused: ${escape(served.url)}/moved\\.yaml redirects to ${escape(other.url)}/status\\.yaml, outside the document's origin`),
    );
    assert.deepEqual(other.requests, []);
  });

  it('with --allow-external-refs, follows a $ref to another origin', async () => {
    const other = await server({ '/status.yaml': 'type: string\n' });
    const served = await server({ '/openapi.json': statusDocument({ $ref: `${other.url}/status.yaml` }) });
    const run = await statuslint(['spec', `${served.url}/openapi.json`, '--allow-external-refs']);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.deepEqual(other.requests, ['/status.yaml']);
    const cluster = await statuslint(['spec', '--from-cluster', '--server', served.url, '--allow-external-refs']);
    assert.equal(cluster.code, REFUSED);
    assert.match(cluster.stderr, /^statuslint: --allow-external-refs: applies to a document; the documents a cluster serves may reference nothing outside themselves\n$/);
  });
});

describe('spec URL: sizes and times are bounded', () => {
  const pad = (bytes: number): string => `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-pad":"${'a'.repeat(bytes)}"}`;
  /** A body that never ends (capped here at 300 MiB so that nothing runs the machine out of memory). */
  const endless = (_request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-pad":"');
    const chunk = Buffer.alloc(MiB, 'a');
    let sent = 0;
    let closed = false;
    response.on('close', () => (closed = true));
    const pump = (): void => {
      while (!closed && sent < 300 * MiB) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  };

  for (const [what, name] of [['that says so (Content-Length)', 'declared.json'], ['that never ends', 'endless.json']] as const) {
    it(`stops reading a document larger than 50 MiB ${what}, with one clear line`, async () => {
      const big = pad(60 * MiB);
      const served = await server({
        '/declared.json': (_request, response) => void response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) }).end(big),
        '/endless.json': endless,
      });
      const run = await statuslint(['spec', `${served.url}/${name}`], { timeoutMs: 45_000 });
      assert.equal(run.code, REFUSED, run.stderr);
      assert.equal(run.stderr, `statuslint: ${served.url}/${name}: larger than 50 MiB, the most statuslint reads of one document\n`);
      assert.ok(run.ms < 30_000, `took ${run.ms} ms`);
    });
  }

  it('stops reading a $ref larger than 50 MiB', async () => {
    const served = await server({ '/openapi.json': statusDocument({ $ref: 'endless.json#/x-pad' }), '/endless.json': endless });
    const run = await statuslint(['spec', `${served.url}/openapi.json`], { timeoutMs: 45_000 });
    assert.equal(run.code, REFUSED, run.stderr);
    assert.equal(
      run.stderr,
      `statuslint: ${served.url}/openapi.json: $ref "endless.json#/x-pad" at /components/schemas/Status/properties/reason: ${served.url}/endless.json is larger than 50 MiB, the most statuslint reads of one document\n`,
    );
    assert.ok(run.ms < 30_000, `took ${run.ms} ms`);
  });

  it('stops reading $refs larger than 100 MiB together', async () => {
    const forty = pad(40 * MiB);
    const served = await server({
      '/openapi.json': statusDocument({ type: 'string' }, { A: { $ref: 'a.json#/x-pad' }, B: { $ref: 'b.json#/x-pad' }, C: { $ref: 'c.json#/x-pad' } }),
      '/a.json': forty,
      '/b.json': forty,
      '/c.json': forty,
    });
    const run = await statuslint(['spec', `${served.url}/openapi.json`], { timeoutMs: 45_000 });
    assert.equal(run.code, REFUSED, run.stderr);
    assert.equal(run.stderr, `statuslint: ${served.url}/openapi.json: its $refs add up to more than 100 MiB, the most statuslint reads for one document\n`);
  });
});

describe('spec FILE: $refs stay under the document\'s directory', () => {
  /** `api/openapi.json` beside `outside/`, holding a copy of the secret. */
  function tree(reason: unknown, files: Record<string, string> = {}): { dir: string; document: string } {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-tree-'));
    mkdirSync(join(dir, 'api', 'schemas'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'reason.yaml'), readFileSync(secretSchema));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'api', name), text);
    writeFileSync(join(dir, 'api', 'openapi.json'), statusDocument(reason));
    return { dir, document: join(dir, 'api', 'openapi.json') };
  }

  it('reads files under its directory, and refuses a ../ $ref that leaves it', async () => {
    const inside = tree({ $ref: 'schemas/reason.yaml' }, { 'schemas/reason.yaml': 'type: string\nenum: [NotFound]\n' });
    const ok = await statuslint(['spec', inside.document]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);

    const escaping = tree({ $ref: '../outside/reason.yaml' });
    const run = await statuslint(['spec', escaping.document]);
    assertNoSecret(run);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.equal(
      run.stderr,
      `statuslint: ${escaping.document}: $ref "../outside/reason.yaml" at /components/schemas/Status/properties/reason is refused: it names a file outside the document's directory ${join(escaping.dir, 'api')} (trust the document with --allow-external-refs)\n`,
    );
  });

  it('refuses a $ref through a symbolic link that leads out of its directory', async () => {
    const linked = tree({ $ref: 'schemas/link.yaml' });
    symlinkSync(join(linked.dir, 'outside', 'reason.yaml'), join(linked.dir, 'api', 'schemas', 'link.yaml'));
    const run = await statuslint(['spec', linked.document]);
    assertNoSecret(run);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, /\$ref "schemas\/link\.yaml" at \/components\/schemas\/Status\/properties\/reason is refused: it names a file that links outside the document's directory /);
  });

  it('refuses an absolute file: $ref', async () => {
    const absolute = tree({ $ref: secretSchemaUrl });
    const run = await statuslint(['spec', absolute.document]);
    assertNoSecret(run);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, new RegExp(`\\$ref "${escape(secretSchemaUrl)}" at /components/schemas/Status/properties/reason is refused: it names a file outside the document's directory `));
  });

  it('refuses a local document\'s $ref to a URL, which gets no request', async () => {
    const other = await server({ '/status.yaml': 'type: string\n' });
    const local = tree({ $ref: `${other.url}/status.yaml` });
    const run = await statuslint(['spec', local.document]);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, /is refused: a local document may only reference files under the document's directory /);
    assert.deepEqual(other.requests, []);
  });

  it('refuses a $ref in a file it references, naming that file and the pointer in it', async () => {
    const nested = tree({ $ref: 'schemas/reason.yaml' }, { 'schemas/reason.yaml': 'type: object\nproperties:\n  leak: { $ref: "../../outside/reason.yaml" }\n' });
    const run = await statuslint(['spec', nested.document], { cwd: join(nested.dir, 'api') });
    assertNoSecret(run);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, /: \$ref "\.\.\/\.\.\/outside\/reason\.yaml" at schemas\/reason\.yaml#\/properties\/leak is refused: it names a file outside the document's directory /);
  });

  it('stops at a referenced file larger than 50 MiB', async () => {
    const big = tree({ $ref: 'schemas/big.yaml' }, { 'schemas/big.yaml': `type: string\ndescription: ${'a'.repeat(51 * MiB)}\n` });
    const run = await statuslint(['spec', big.document], { timeoutMs: 45_000 });
    assert.equal(run.code, REFUSED, run.stderr);
    assert.equal(
      run.stderr,
      `statuslint: ${big.document}: $ref "schemas/big.yaml" at /components/schemas/Status/properties/reason: ${join(big.dir, 'api', 'schemas', 'big.yaml')} is larger than 50 MiB, the most statuslint reads of one document\n`,
    );
  });

  it('stops at a YAML alias bomb in a referenced file', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 12; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*${i === 1 ? 'a' : `l${i - 1}`}`).join(', ')}]`);
    const bomb = tree({ $ref: 'schemas/bomb.yaml' }, { 'schemas/bomb.yaml': `type: object\nx-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nproperties:\n  boom: { type: array, items: { type: string }, description: x }\n  again: { allOf: [ { $ref: '#/x-bomb' } ] }\n` });
    const exploded = await statuslint(['spec', bomb.document], { cwd: join(bomb.dir, 'api'), timeoutMs: 30_000 });
    assert.equal(exploded.code, REFUSED, `${exploded.stderr} (${exploded.ms} ms)`);
    assert.match(exploded.stderr, /^statuslint: schemas\/bomb\.yaml: invalid YAML: Excessive alias count indicates a resource exhaustion attack\n$/);
  });

  it('reads standard input as a document in the current directory: its files, and nothing outside', async () => {
    const work = tree({ type: 'string' }, { 'schemas/reason.yaml': 'type: string\nenum: [NotFound]\n' });
    const cwd = join(work.dir, 'api');
    const ok = await statuslint(['spec', '-'], { cwd, input: statusDocument({ $ref: 'schemas/reason.yaml' }) });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const run = await statuslint(['spec', '-'], { cwd, input: statusDocument({ $ref: '../outside/reason.yaml' }) });
    assertNoSecret(run);
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, /^statuslint: <stdin>: \$ref "\.\.\/outside\/reason\.yaml" at \/components\/schemas\/Status\/properties\/reason is refused: it names a file outside the current directory /);
  });
});

describe('probe --openapi URL: a $ref never puts a file into a request', () => {
  it('refuses a file: $ref before sending anything, also to the API with a token', async () => {
    const api = await server({});
    const document = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Orders', version: '1' },
      servers: [{ url: 'http://127.0.0.1:9' }],
      paths: {
        '/orders/{id}': {
          get: {
            operationId: 'getOrder',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, examples: { leak: { $ref: secretExampleUrl } } }],
            responses: { '200': { description: 'The order' }, '404': { description: 'No such order' } },
          },
        },
      },
    });
    const served = await server({ '/openapi.json': document });
    const run = await statuslint(['probe', '--openapi', `${served.url}/openapi.json`, '--server', api.url, '--profile', 'envelope', '--token', 'tok-7c1d']);
    assertNoSecret(run);
    assert.ok(api.requests.every((path) => !path.includes(MARKER)), 'the secret reached the API');
    assert.equal(run.code, REFUSED, run.stderr);
    assert.match(run.stderr, /\$ref "file:\/\/\/.*example\.yaml" at \/paths\/~1orders~1\{id\}\/get\/parameters\/0\/examples\/leak is refused: it leaves the document's origin /);
    assert.equal(api.requests.length, 0, 'the API got a request');

    const trusted = await statuslint(['probe', '--openapi', `${served.url}/openapi.json`, '--server', api.url, '--profile', 'envelope', '--allow-external-refs', '--probe', 'valid-read']);
    assert.notEqual(trusted.code, REFUSED, trusted.stderr);
    assert.ok(api.requests.some((path) => path.includes(MARKER)), 'with --allow-external-refs the trusted document\'s example is used');
  });
});

describe('spec --from-cluster: a cluster\'s documents reference nothing outside themselves', () => {
  let cluster: Served;
  before(async () => {
    const v3 = statusDocument({ $ref: secretSchemaUrl });
    const v2 = JSON.stringify({
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.37.2' },
      paths: {},
      definitions: { Status: { type: 'object', properties: { kind: { type: 'string' }, reason: { $ref: secretSchemaUrl }, code: { type: 'integer' } } } },
    });
    cluster = await server({
      '/version': JSON.stringify({ gitVersion: 'v1.37.2' }),
      '/apis/apiregistration.k8s.io/v1/apiservices': JSON.stringify({ kind: 'APIServiceList', items: [] }),
      '/openapi/v3': JSON.stringify({ paths: { 'apis/x.example.dev/v1': { serverRelativeURL: '/openapi/v3/apis/x.example.dev/v1?hash=1' } } }),
      '/openapi/v3/apis/x.example.dev/v1': v3,
      '/openapi/v2': v2,
    });
  });

  it('does not read a file: $ref; the document carries an error naming where it stands', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'statuslint-report-')), 'cluster.json');
    const run = await statuslint(['spec', '--from-cluster', '--server', cluster.url, '--format', 'json', '-o', report, '--format', 'stylish']);
    assertNoSecret(run, report);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(readFileSync(report, 'utf8')) as Results;
    const errors = results.items.filter((item) => item.error).map((item) => item.error);
    assert.deepEqual(errors, [
      `/openapi/v3/apis/x.example.dev/v1: $ref "${secretSchemaUrl}" at /components/schemas/Status/properties/reason is refused: a document a cluster serves may not reference other documents`,
      `/openapi/v2: $ref "${secretSchemaUrl}" at /definitions/Status/properties/reason is refused: a document a cluster serves may not reference other documents`,
    ]);
  });

  it('stops reading a document larger than 256 MiB, below the longest string Node makes', async () => {
    const endlessV2 = (_request: IncomingMessage, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.37.2"},"paths":{},"x-pad":"');
      const chunk = Buffer.alloc(MiB, 'a');
      let sent = 0;
      let closed = false;
      response.on('close', () => (closed = true));
      const pump = (): void => {
        while (!closed && sent < 600 * MiB) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    };
    const runaway = await server({
      '/version': JSON.stringify({ gitVersion: 'v1.37.2' }),
      '/apis/apiregistration.k8s.io/v1/apiservices': JSON.stringify({ kind: 'APIServiceList', items: [] }),
      '/openapi/v3': JSON.stringify({ paths: {} }),
      '/openapi/v2': endlessV2,
    });
    const report = join(mkdtempSync(join(tmpdir(), 'statuslint-report-')), 'cluster.json');
    const run = await statuslint(['spec', '--from-cluster', '--server', runaway.url, '--format', 'json', '-o', report], { timeoutMs: 60_000 });
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(readFileSync(report, 'utf8')) as Results;
    assert.deepEqual(results.items.map((item) => item.error), ['larger than 256 MiB']);
  });
});
