/**
 * `probe --openapi` takes its document as untrusted input (issue #14): whoever wrote it must not be
 * able to send the user's credentials elsewhere, set headers that reroute or reauthenticate a
 * request, make statuslint delete or act on something without `--allow-writes`, exhaust its memory
 * with body limits, or hold it with a pattern. Each attack is a hostile document against small local
 * servers that record every request they receive; the assertions are on what reached them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { apiOperationsOf } from '../../conformance/api/operations.js';
import type { ApiProbeContext } from '../../conformance/api/probe.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import type { Results } from '../../conformance/results.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { makeTestCertificates } from '../fixtures/hostile-server/certificates.js';
import { type CliRun, runCli } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-openapi-safety-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const TOKEN = 'user-token-5b9e2c71d4';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
}

interface Recorder {
  url: string;
  origin: string;
  requests: Received[];
  close(): Promise<void>;
}

/** An API that records every request and answers like a well-behaved one: 404, 405 or 413 with an envelope. */
async function startRecorder(options: { tls?: { key: Buffer; cert: Buffer }; serve?: (req: IncomingMessage, res: ServerResponse) => boolean } = {}): Promise<Recorder> {
  const requests: Received[] = [];
  let counter = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes });
      if (options.serve?.(req, res)) return;
      const [status, error] = bodyBytes > 1024 * 1024 ? [413, 'body_too_large'] : req.method === 'GET' ? [404, 'not_found'] : [405, 'method_not_allowed'];
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 405 ? { allow: 'GET' } : {}) });
      res.end(JSON.stringify({ error, message: 'no', requestId: `r-${++counter}` }));
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let files = 0;
function writeDocument(document: object): string {
  const path = join(scratch, `document-${++files}.json`);
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}

const info = { title: 'hostile', version: '1' };
const ok = { '200': { description: 'ok' }, '404': { description: 'missing' } };

const resultsOf = (run: CliRun): Results => JSON.parse(run.stdout) as Results;

describe('the token goes only where the user sent it', () => {
  const document = (server: string) => ({
    openapi: '3.0.3',
    info,
    servers: [{ url: server }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: { '/items/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } },
  });

  it('a document file naming a server, with --token and no --server: exit 2 naming --server, and the server sees nothing', async () => {
    const elsewhere = await startRecorder();
    try {
      const run = await runCli(['probe', '--openapi', writeDocument(document(`${elsewhere.url}/v1`)), '--profile', 'envelope', '--token', TOKEN]);
      assert.deepEqual(elsewhere.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`), [], 'requests reached the server the document named');
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^statuslint: --server: needed with --token: credentials go only to a server you name, not one a document file names, and the document names http:\/\/127\.0\.0\.1:\d+\n$/);
      assert.ok(!run.stderr.includes(TOKEN));
    } finally {
      await elsewhere.close();
    }
  });

  it('Swagger 2.0 `schemes: [http]` with a token and a client certificate, no --server: exit 2, nothing sent', async () => {
    const certificates = makeTestCertificates();
    const elsewhere = await startRecorder();
    try {
      writeFileSync(join(scratch, 'client.pem'), certificates.loopback.cert);
      writeFileSync(join(scratch, 'client.key'), certificates.loopback.key);
      const swagger = writeDocument({ swagger: '2.0', info, host: elsewhere.url.replace('http://', ''), schemes: ['http'], paths: { '/items': { get: { responses: ok } } } });
      const run = await runCli(['probe', '--openapi', swagger, '--profile', 'envelope', '--token', TOKEN, '--cert', join(scratch, 'client.pem'), '--key', join(scratch, 'client.key')]);
      assert.deepEqual(elsewhere.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`), [], 'the token went over plain http to the server the document named');
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /--server: needed with --token, --cert, --key: credentials go only to a server you name/);
    } finally {
      await elsewhere.close();
      certificates.remove();
    }
  });

  it('a document fetched from one origin naming another: refused with --token; its own origin gets the token', async () => {
    const elsewhere = await startRecorder();
    let served = {};
    const home = await startRecorder({
      serve: (req, res) => {
        if (req.url !== '/openapi.json') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
        return true;
      },
    });
    try {
      served = document(`${elsewhere.url}/v1`);
      const refused = await runCli(['probe', '--openapi', `${home.url}/openapi.json`, '--profile', 'envelope', '--token', TOKEN]);
      assert.deepEqual(elsewhere.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`), [], 'the token went to another origin than the document');
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, new RegExp(`--server: needed with --token: credentials go only to a server you name or the document's own origin \\(${home.origin.replace(/\./g, '\\.')}\\), and the document names ${elsewhere.origin.replace(/\./g, '\\.')}`));

      served = document(`${home.url}/v1`);
      const allowed = await runCli(['probe', '--openapi', `${home.url}/openapi.json`, '--profile', 'envelope', '--token', TOKEN]);
      assert.ok(allowed.code === 0 || allowed.code === 1, allowed.stderr);
      const probes = home.requests.filter((r) => r.url.startsWith('/v1/'));
      assert.ok(probes.length > 0, 'the same origin was not probed');
      assert.ok(probes.some((r) => r.headers.authorization === `Bearer ${TOKEN}`));
    } finally {
      await elsewhere.close();
      await home.close();
    }
  });

  it('a document that came over https never sends the run to plain http, even without credentials', async () => {
    const certificates = makeTestCertificates();
    const plain = await startRecorder();
    const secure = await startRecorder({
      tls: certificates.loopback,
      serve: (req, res) => {
        if (req.url !== '/openapi.json') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document(`${plain.url}/v1`)));
        return true;
      },
    });
    try {
      const run = await runCli(['probe', '--openapi', `${secure.url}/openapi.json`, '--profile', 'envelope'], { env: { NODE_EXTRA_CA_CERTS: certificates.caFile } });
      assert.deepEqual(plain.requests.map((r) => `${r.method} ${r.url}`), [], 'the run went to plain http');
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /--server: needed: the document came over https but names a plain-http server \(http:\/\/127\.0\.0\.1:\d+\)/);
    } finally {
      await plain.close();
      await secure.close();
      certificates.remove();
    }
  });
});

describe('header parameters from the document', () => {
  // Each value is one the document chose: none of them may reach the server.
  const passedByUndici = {
    Host: 'evil.example',
    'X-Forwarded-For': '203.0.113.9',
    'X-Forwarded-Host': 'evil.example',
    Forwarded: 'for=203.0.113.9;host=evil.example',
    'X-Real-IP': '203.0.113.9',
    Authorization: 'Bearer document-token',
    'Proxy-Authorization': 'Basic ZG9jdW1lbnQ6dG9rZW4=',
    Cookie: 'session=document-session',
    Via: '1.1 evil.example',
    TE: 'trailers',
    'X-HTTP-Method-Override': 'DELETE',
    // Who the caller is, to a server that trusts its proxy: with a privileged token, Impersonate-User changes who acts.
    'Impersonate-User': 'system:admin',
    'Impersonate-Group': 'system:masters',
    'X-Remote-User': 'admin',
    'X-Auth-Request-User': 'admin',
    'True-Client-IP': '203.0.113.9',
    'X-Client-IP': '203.0.113.9',
    'X-Cluster-Client-IP': '203.0.113.9',
    'X-Original-Method': 'DELETE',
    'X-Envoy-Original-Path': '/admin',
  };
  // undici refuses these outright: before the fix, the whole request failed rather than leaving them out.
  const refusedByUndici = { Connection: 'upgrade', 'Transfer-Encoding': 'chunked', 'Content-Length': '5', 'Keep-Alive': 'timeout=600', Upgrade: 'websocket', Expect: '100-continue' };
  const parameters = (headers: Record<string, string>) => [
    { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' }, example: 'acme' },
    ...Object.entries(headers).map(([name, example]) => ({ name, in: 'header', required: true, schema: { type: 'string' }, example })),
  ];

  it('never sets Host, X-Forwarded-*, Authorization, Cookie, identity, hop-by-hop or method-override headers; an apiKey scheme gets no credential', async () => {
    const api = await startRecorder();
    try {
      const path = writeDocument({
        openapi: '3.0.3',
        info,
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            inQuery: { type: 'apiKey', in: 'query', name: 'access_token' },
            inCookie: { type: 'apiKey', in: 'cookie', name: 'session' },
            inHeader: { type: 'apiKey', in: 'header', name: 'X-Forwarded-Host' },
          },
        },
        security: [{ bearer: [] }, { inQuery: [] }, { inCookie: [] }, { inHeader: [] }],
        paths: {
          '/routed/{id}': { get: { parameters: parameters(passedByUndici), responses: ok } },
          '/framed/{id}': { get: { parameters: parameters(refusedByUndici), responses: ok } },
        },
      });
      const run = await runCli(['probe', '--openapi', path, '--server', api.url, '--profile', 'envelope', '--token', TOKEN, '--format', 'json']);
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      const forbidden = { ...passedByUndici, ...refusedByUndici };
      const leaked = api.requests.flatMap((r) =>
        Object.entries(forbidden)
          .filter(([name, value]) => r.headers[name.toLowerCase()] === value || (name === 'Host' && r.headers.host !== api.url.replace('http://', '')))
          .map(([name]) => `${r.method} ${r.url}: ${name}`),
      );
      assert.deepEqual(leaked, [], 'headers the document set reached the server');
      assert.ok(api.requests.some((r) => r.url.startsWith('/framed/')), 'the operation with framing headers was never probed');
      assert.ok(api.requests.every((r) => r.headers['x-tenant'] === 'acme'), 'an ordinary header parameter is still sent');
      // The token travels as the user gave it, in `Authorization` only: never in a query, a cookie or another header.
      for (const request of api.requests) {
        const { authorization, ...others } = request.headers;
        assert.ok(authorization === undefined || authorization === `Bearer ${TOKEN}`, `${request.url}: authorization ${authorization}`);
        assert.ok(!request.url.includes(TOKEN) && !JSON.stringify(others).includes(TOKEN), `${request.url}: the token went elsewhere`);
      }
    } finally {
      await api.close();
    }
  });
});

describe('no writes without --allow-writes', () => {
  const idParameter = (schema: object) => [{ name: 'id', in: 'path', required: true, schema }];
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      // Any id from 1 to 5 may be a real user: DELETE /users/5 deleted one.
      '/users/{id}': {
        get: { parameters: idParameter({ type: 'integer', minimum: 1, maximum: 5 }), responses: ok },
        delete: { parameters: idParameter({ type: 'integer', minimum: 1, maximum: 5 }), responses: ok },
      },
      '/codes/{id}': { delete: { parameters: idParameter({ type: 'string', pattern: '^[0-9]{3}$' }), responses: ok } },
      '/short/{id}': { delete: { parameters: idParameter({ type: 'string', maxLength: 4 }), responses: ok } },
      '/regions/{id}': { delete: { parameters: idParameter({ type: 'string', enum: ['eu', 'us'] }), responses: ok } },
      '/lookahead/{id}': { delete: { parameters: idParameter({ type: 'string', pattern: '^(?=.*[0-9])[a-z0-9-]+$' }), responses: ok } },
      // A GET-only path and a GET+PATCH one: the method-not-allowed probe would send PATCH or POST.
      '/reports/{id}/export': { get: { parameters: idParameter({ type: 'string', format: 'uuid' }), responses: ok } },
      '/jobs/{id}/run': {
        get: { parameters: idParameter({ type: 'string', format: 'uuid' }), responses: ok },
        patch: { parameters: idParameter({ type: 'string', format: 'uuid' }), responses: ok },
      },
    },
  };

  it('no DELETE of an id that may exist, no undeclared POST/PUT/PATCH; the report says what was left out and why', async () => {
    const api = await startRecorder();
    try {
      const run = await runCli(['probe', '--openapi', writeDocument(document), '--server', api.url, '--profile', 'envelope', '--format', 'json']);
      const writes = api.requests.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(writes, [], 'writes reached the server without --allow-writes');
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      const notRun = new Map((resultsOf(run).notRun ?? []).map((n) => [`${n.probeId} ${n.operation}`, n.reason]));
      assert.equal(notRun.get('unknown-id DELETE /users/{id}'), '`id` is at most 5: any value it takes may name an object');
      assert.equal(notRun.get('unknown-id GET /users/{id}'), '`id` is at most 5: any value it takes may name an object');
      assert.equal(notRun.get('unknown-id DELETE /codes/{id}'), '`id` has a `pattern` that no value surely unknown matches');
      assert.equal(notRun.get('unknown-id DELETE /short/{id}'), '`id` is at most 4 characters: too short for a value surely unknown');
      assert.equal(notRun.get('unknown-id DELETE /regions/{id}'), '`id` is an enum: any of its values may name an object');
      assert.match(notRun.get('unknown-id DELETE /lookahead/{id}') ?? '', /^`id` has a `pattern` a linear-time engine cannot run/);
      assert.equal(notRun.get('method-not-allowed GET /reports/{id}/export'), 'a server that routes the method anyway could act on it: run with --allow-writes against a test instance');
      assert.equal(notRun.get('method-not-allowed GET /jobs/{id}/run'), 'a server that routes the method anyway could act on it: run with --allow-writes against a test instance');

      // With --allow-writes the undeclared methods go out; the ids that may exist still do not.
      api.requests.length = 0;
      const allowed = await runCli(['probe', '--openapi', writeDocument(document), '--server', api.url, '--profile', 'envelope', '--allow-writes', '--format', 'json']);
      assert.ok(allowed.code === 0 || allowed.code === 1, allowed.stderr);
      const sample = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
      assert.deepEqual(api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`).sort(), [`PATCH /reports/${sample}/export`, 'PATCH /users/1', `POST /jobs/${sample}/run`]);
    } finally {
      await api.close();
    }
  });
});

describe('bodies no server should take, without --allow-writes', () => {
  const jsonBody = (schema: object, required?: boolean) => ({ requestBody: { ...(required === undefined ? {} : { required }), content: { 'application/json': { schema } } } });
  const object = { type: 'object', properties: { reason: { type: 'string' } } };
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      // A server that ignores a DELETE's body deletes the documented object, whatever the body.
      '/users/{uid}': { delete: { parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' }, example: 'alice' }], ...jsonBody(object, false), responses: ok } },
      '/things/{id}': { delete: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 5 }], ...jsonBody(object, true), responses: ok } },
      // An action whose body is optional is carried out by a server that does not read it.
      '/jobs/{id}/run': { post: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 }], ...jsonBody(object), responses: ok } },
      // A body that may be a string: a long string or text of another media type may be stored.
      '/notes': { put: { ...jsonBody({ type: 'string' }, true), responses: ok } },
      '/anything': { put: { ...jsonBody({}, true), responses: ok } },
      // A required object body: nothing that is not one can be stored, so these probes run.
      '/orders': { post: { ...jsonBody(object, true), responses: ok } },
    },
  };
  const bodyProbes = ['malformed-json', 'wrong-content-type', 'body-too-large'];

  it('a refused body goes only where the server must read it; the report says why the others wait', async () => {
    const api = await startRecorder();
    try {
      const run = await runCli(['probe', '--openapi', writeDocument(document), '--server', api.url, '--profile', 'envelope', ...bodyProbes.flatMap((probe) => ['--probe', probe]), '--format', 'json']);
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      const sent = api.requests.map((r) => `${r.method} ${r.url} ${String(r.headers['content-type'])}`).sort();
      // Cut-off JSON is nothing a server can store, whatever the schema: malformed-json goes to the string bodies too.
      assert.deepEqual(sent, ['POST /orders application/json', 'POST /orders application/json', 'POST /orders text/plain', 'PUT /anything application/json', 'PUT /notes application/json']);
      const notRun = new Map((resultsOf(run).notRun ?? []).map((n) => [`${n.probeId} ${n.operation}`, n.reason]));
      const ignored = 'a server that ignores a body it does not need (on a DELETE, or an optional body) would carry out the request: run with --allow-writes against a test instance';
      const string = 'the body may be a string, so a server that does not refuse this one would store it: run with --allow-writes against a test instance';
      for (const probe of bodyProbes) {
        for (const operation of ['DELETE /users/{uid}', 'DELETE /things/{id}', 'POST /jobs/{id}/run']) assert.equal(notRun.get(`${probe} ${operation}`), ignored, `${probe} ${operation}`);
      }
      for (const operation of ['PUT /notes', 'PUT /anything']) {
        assert.equal(notRun.get(`body-too-large ${operation}`), string);
        assert.equal(notRun.get(`wrong-content-type ${operation}`), string);
      }
      assert.equal(notRun.get('malformed-json PUT /notes'), undefined);

      api.requests.length = 0;
      const allowed = await runCli(['probe', '--openapi', writeDocument(document), '--server', api.url, '--profile', 'envelope', ...bodyProbes.flatMap((probe) => ['--probe', probe]), '--allow-writes', '--format', 'json']);
      assert.ok(allowed.code === 0 || allowed.code === 1, allowed.stderr);
      assert.equal(api.requests.filter((r) => r.method === 'DELETE').length, 6);
    } finally {
      await api.close();
    }
  });
});

describe('schemas that ask for huge values', () => {
  it('a parameter or body whose sample would be gigabytes leaves its operation out, saying why; the others run', { timeout: 60_000 }, async () => {
    const api = await startRecorder();
    try {
      const huge = [
        ['/long/{id}', [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 2_000_000_000 } }]],
        ['/many', [{ name: 'ids', in: 'query', required: true, schema: { type: 'array', minItems: 50_000_000, items: { type: 'string' } } }]],
        ['/nested/{id}', [{ name: 'id', in: 'path', required: true, schema: { type: 'array', minItems: 100_000, items: { type: 'string', minLength: 100_000 } } }]],
      ] as const;
      const paths: Record<string, object> = Object.fromEntries(huge.map(([path, parameters]) => [path, { get: { parameters, responses: ok } }]));
      paths['/orders'] = { post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: {
            type: 'object',
            required: ['lines'],
            properties: { lines: { type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000, items: { type: 'string' } } } },
          } } },
        },
        responses: ok,
      } };
      paths['/fine/{id}'] = { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 3 } }], responses: ok } };
      const run = await runCli(['probe', '--openapi', writeDocument({ openapi: '3.0.3', info, paths }), '--server', api.url, '--profile', 'envelope', '--allow-writes', '--format', 'json'], {
        env: { NODE_OPTIONS: '--max-old-space-size=256' },
      });
      assert.ok(run.code === 0 || run.code === 1, run.stderr.slice(0, 500));
      const results = resultsOf(run);
      const tooLarge = 'its schema asks for a value of more than 1048576 characters and elements, more than statuslint builds';
      const reasons = new Map((results.notRun ?? []).map((n) => [`${n.probeId} ${n.operation}`, n.reason]));
      assert.equal(reasons.get('valid-read GET /long/{id}'), `\`id\`: ${tooLarge}`);
      assert.equal(reasons.get('valid-read GET /many'), `\`ids\`: ${tooLarge}`);
      assert.equal(reasons.get('valid-read GET /nested/{id}'), `\`id\`: ${tooLarge}`);
      assert.equal(reasons.get('malformed-json POST /orders'), `the request body: ${tooLarge}`);
      const probed = new Set(api.requests.map((r) => r.url.split('?')[0]!.split('/')[1]));
      assert.deepEqual([...probed].filter((segment) => segment !== undefined && !segment.startsWith('statuslint')).sort(), ['fine']);
    } finally {
      await api.close();
    }
  });
});

describe('body-too-large: bounded memory and limits', () => {
  const postOperation = (extra: object = {}) => ({ post: {
    ...extra,
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: { '201': { description: 'ok' }, '413': { description: 'too large' } },
  } });

  it('operations with the same limit share one body, made when the request is', () => {
    const document = specDocumentOf({ openapi: '3.0.3', info, paths: { '/a': postOperation(), '/b': postOperation() } }, 'shared.json');
    const [a, b] = apiOperationsOf(document);
    const probe = API_PROBES.find((p) => p.id === 'body-too-large')!;
    const context = (operation: typeof a): ApiProbeContext => ({ operation: operation!, document, salt: 'abcdef012345', bodyLimit: 4096 });
    const first = probe.request(context(a)).body as Buffer;
    const second = probe.request(context(b)).body as Buffer;
    assert.equal(first.length, 4097);
    assert.equal(first, second, 'each request holds a body of its own');
  });

  it('a thousand POST operations run in a small heap (each held a 1 MiB body until the report was written)', { timeout: 120_000 }, async () => {
    const api = await startRecorder();
    try {
      const paths = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`/things${i}`, postOperation()]));
      const run = await runCli(['probe', '--openapi', writeDocument({ openapi: '3.0.3', info, paths }), '--server', api.url, '--profile', 'envelope', '--probe', 'body-too-large', '--format', 'json'], {
        env: { NODE_OPTIONS: '--max-old-space-size=128' },
      });
      assert.equal(run.code, 0, run.stderr.slice(0, 500));
      assert.equal(resultsOf(run).items.length, 1000);
      assert.equal(api.requests.filter((r) => r.bodyBytes === 1024 * 1024 + 1).length, 1000);
    } finally {
      await api.close();
    }
  });

  const limitCases: Array<[string, object, RegExp]> = [
    ['an absurd limit on the document', { 'x-statuslint-body-limit': 600_000_000 }, /^statuslint: .+document-\d+\.json:\d+:\d+: \/x-statuslint-body-limit must be a whole number of bytes from 1 to 67108864 \(64 MiB\)\n$/],
    ['a fractional limit on the operation', { paths: { '/things': postOperation({ 'x-statuslint-body-limit': 1.5 }) } }, /: \/paths\/~1things\/post\/x-statuslint-body-limit must be a whole number of bytes from 1 to 67108864 \(64 MiB\)\n$/],
    ['a limit written as text', { 'x-statuslint-body-limit': '1MB' }, /: \/x-statuslint-body-limit must be a whole number of bytes/],
  ];
  for (const [what, extra, message] of limitCases) {
    it(`${what}: exit 2 naming where it is written and the range, nothing sent`, async () => {
      const api = await startRecorder();
      try {
        const run = await runCli(['probe', '--openapi', writeDocument({ openapi: '3.0.3', info, paths: { '/things': postOperation() }, ...extra }), '--server', api.url, '--profile', 'envelope']);
        assert.equal(run.code, 2, run.stderr.slice(0, 500));
        assert.match(run.stderr, message);
        assert.deepEqual(api.requests, []);
      } finally {
        await api.close();
      }
    });
  }

  it('--body-limit out of range: exit 2 naming --body-limit and the range', async () => {
    const api = await startRecorder();
    try {
      const run = await runCli(['probe', '--openapi', writeDocument({ openapi: '3.0.3', info, paths: { '/things': postOperation() } }), '--server', api.url, '--profile', 'envelope', '--body-limit', '600000000']);
      assert.equal(run.code, 2, run.stderr.slice(0, 500));
      assert.match(run.stderr, /option '--body-limit <bytes>' argument '600000000' is invalid\. must be a whole number of bytes from 1 to 67108864 \(64 MiB\)/);
      assert.deepEqual(api.requests, []);
    } finally {
      await api.close();
    }
  });
});

describe('regex patterns from documents', () => {
  it('a catastrophic pattern does not hold the run: the probe is left out, the run ends', { timeout: 30_000 }, async (t) => {
    const api = await startRecorder();
    try {
      const path = writeDocument({
        openapi: '3.0.3',
        info,
        paths: { '/items/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^(([a-z0-9-]|[a-z0-9-])+)+X$' } }], responses: ok } } },
      });
      // Spawned here, not through runCli, so that the guard's timeout also ends a process stuck at full
      // CPU (SIGKILL: a thread stuck in a match never runs a SIGTERM handler).
      const child = spawn(process.execPath, [cliPath, 'probe', '--openapi', path, '--server', api.url, '--profile', 'envelope', '--format', 'json'], { signal: t.signal, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => {
        child.on('error', () => resolve(null));
        child.on('close', resolve);
      });
      assert.ok(code === 0 || code === 1, stderr);
      const notRun = (JSON.parse(stdout) as Results).notRun ?? [];
      assert.deepEqual(
        notRun.filter((n) => n.probeId === 'unknown-id').map((n) => n.reason),
        ['`id` has a `pattern` that no value surely unknown matches'],
      );
    } finally {
      await api.close();
    }
  });
});
