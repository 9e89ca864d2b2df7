// The seed API's envelope, `{ error, message, requestId }`, served by a small Node server whose
// request ids are wrong in the two ways servers get them wrong: one id for every response, and a
// header that names another id than the body.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { findingsOfItem } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'statuslint-envelope-'));
const documentPath = join(dir, 'clusters.yaml');
writeFileSync(
  documentPath,
  `openapi: 3.1.0
info: { title: Clusters, version: '1' }
paths:
  /clusters/{name}:
    parameters: [{ name: name, in: path, required: true, schema: { type: string }, example: prod }]
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
        '404': { description: not found, content: { application/json: { schema: { type: object } } } }
        '405': { description: not allowed, content: { application/json: { schema: { type: object } } } }
`,
);
const profilePath = join(dir, 'echoing.json');
writeFileSync(profilePath, JSON.stringify({
  name: 'echoing-envelope',
  extends: 'envelope',
  body: { kind: 'envelope', codeField: 'error', messageField: 'message', requestIdField: 'requestId', requestIdRequired: true, requestIdHeader: 'X-Request-Id' },
}));

function serve(requestId: () => string, headerId: (bodyId: string) => string) {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const id = requestId();
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': headerId(id), ...headers });
      res.end(JSON.stringify({ ...body, requestId: id }));
    };
    if (req.method !== 'GET') return send(405, { error: 'method_not_allowed', message: `${req.method} is not served` }, { allow: 'GET' });
    if (req.url === '/clusters/prod') return send(200, { name: 'prod' });
    return send(404, { error: 'not_found', message: `cluster ${req.url} not found` });
  });
}

let counter = 0;
const servers = {
  constant: serve(() => 'req-0001', (id) => id),
  mismatched: serve(() => `req-${++counter}`, () => 'unrelated'),
  right: serve(() => `req-${++counter}`, (id) => id),
};
const results: Record<string, Results> = {};

before(async () => {
  for (const [name, server] of Object.entries(servers)) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The path serves GET only: its 405 answers an undeclared PATCH, which goes only with --allow-writes.
    const run = await runCli(['probe', '--openapi', documentPath, '--server', url, '--profile', profilePath, '--allow-writes', '--format', 'json']);
    assert.equal(run.stderr, '');
    results[name] = JSON.parse(run.stdout) as Results;
  }
});

after(() => {
  for (const server of Object.values(servers)) server.close();
});

const failing = (name: string): string[] => [...new Set(results[name]!.items.flatMap((i) => findingsOfItem(i).map((f) => f.checkId)))].sort();

it('a server that gets request ids right passes', () => {
  assert.deepEqual(results.right!.items.map((i) => i.id), ['valid-read:GET /clusters/{name}', 'unknown-id:GET /clusters/{name}', 'method-not-allowed:GET /clusters/{name}']);
  assert.deepEqual(failing('right'), []);
});

it('finds one request id on every response', () => {
  assert.deepEqual(failing('constant'), ['request-id-distinct']);
  const finding = findingsOfItem(results.constant!.items.find((i) => i.id === 'unknown-id:GET /clusters/{name}')!)[0]!;
  assert.match(finding.message, /req-0001.* in 2 responses of this run/);
});

it('finds a request-id header that names another request than the body', () => {
  assert.deepEqual(failing('mismatched'), ['request-id-echoed']);
});

it('a response that never comes is a response-complete finding, and the run goes on', async () => {
  const stalling = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/clusters/prod') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name":"prod"}');
    } else if (req.method === 'GET') {
      // Headers for an unknown cluster never come.
    } else {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET' });
      res.end(JSON.stringify({ error: 'method_not_allowed', message: 'GET only', requestId: `r-${Math.random()}` }));
    }
  });
  await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
    const started = Date.now();
    const run = await runCli(['probe', '--openapi', documentPath, '--server', url, '--profile', 'envelope', '--timeout', '1', '--allow-writes', '--format', 'json']);
    assert.ok(Date.now() - started < 15_000);
    assert.equal(run.code, 1, run.stderr);
    const stalled = JSON.parse(run.stdout) as Results;
    const unknown = stalled.items.find((i) => i.id === 'unknown-id:GET /clusters/{name}')!;
    assert.deepEqual(findingsOfItem(unknown).map((f) => f.checkId), ['response-complete']);
    assert.match(unknown.error ?? '', /no usable response/);
    assert.deepEqual(findingsOfItem(stalled.items.find((i) => i.id === 'method-not-allowed:GET /clusters/{name}')!), []);
  } finally {
    stalling.closeAllConnections();
    stalling.close();
  }
});

it('a server that echoes the credentials back never gets them into the results', async () => {
  const TOKEN = 'echoed-secret-token-7c1d';
  const echoing = createServer((req, res) => {
    res.writeHead(404, { 'content-type': 'application/json', 'x-debug-auth': String(req.headers.authorization) });
    res.end(JSON.stringify({ error: 'not_found', message: `nothing here for ${req.headers.authorization}`, requestId: `r-${Math.random()}` }));
  });
  await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(echoing.address() as AddressInfo).port}`;
    const run = await runCli(['probe', '--openapi', documentPath, '--server', url, '--profile', 'envelope', '--token', TOKEN, '--format', 'json']);
    assert.equal(run.stderr, '');
    assert.ok(!run.stdout.includes(TOKEN), 'the token is in the results');
    const echoed = (JSON.parse(run.stdout) as Results).items.find((i) => i.id === 'unknown-id:GET /clusters/{name}')!;
    assert.equal(JSON.parse(echoed.response!.body!).message, 'nothing here for [redacted]');
    assert.equal(echoed.response!.headers['x-debug-auth'], '[redacted]');
  } finally {
    echoing.close();
  }
});
