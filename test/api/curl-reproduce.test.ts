/**
 * The `curl` command each report shows for a probe's request (issue #20): pasted into a POSIX shell
 * with the credentials set as variables, it sends the same request again. It never holds a
 * credential, and nothing a document wrote (quotes, `$(…)`, backticks) runs in the shell.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { curlCommand } from '../../conformance/curl.js';
import type { ResultItem, Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'statuslint-curl-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const TOKEN = 'tok-5c1e9a27b3';
const API_KEY = 'key-8d04f6e1aa';
const PWNED = join(scratch, 'pwned');
const hostile = `it's $(touch ${PWNED}) \`touch ${PWNED}\` "$HOME"`;

const documentPath = join(scratch, 'openapi.json');
writeFileSync(
  documentPath,
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'notes', version: '1' },
    paths: {
      '/notes': {
        post: {
          requestBody: {
            required: true,
            content: { 'application/json': {
              schema: { type: 'object', required: ['text', 'tag'], properties: { text: { type: 'string' }, tag: { type: 'string' } } },
              example: { text: hostile, tag: hostile },
            } },
          },
          responses: { '201': { description: 'created' } },
        },
      },
      '/notes/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { '200': { description: 'ok' } } } },
    },
  }),
);

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function startRecorder() {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.method === 'GET' ? 404 : 400, { 'content-type': 'text/plain' });
      res.end('no');
    });
  });
  return { ...(await listenLocal(server)), requests };
}

/** What a replay must repeat: the request line, the body and the headers that carry meaning. */
const essence = (r: Received) => ({ method: r.method, url: r.url, body: r.body, type: r.headers['content-type'], key: r.headers['x-api-key'], auth: r.headers.authorization });

describe('curl commands in reports', () => {
  it('replayed by sh with the credentials as variables, each sends what the probe sent; no credential is in any report', async () => {
    const api = await startRecorder();
    try {
      const probe = await runCli(['probe', '--openapi', documentPath, '--server', api.url, '--profile', 'envelope', '--token', TOKEN, '-H', `X-Api-Key: ${API_KEY}`, '--allow-writes', '--format', 'json', '--format', 'stylish', '-o', join(scratch, 'out.txt'), '--format', 'markdown', '-o', join(scratch, 'out.md')]);
      const results = JSON.parse(probe.stdout) as Results;
      assert.ok(results.items.length >= 4, probe.stderr);
      const original = (item: ResultItem) => api.requests.find((r) => r.method === item.request!.method && r.url === item.request!.path && r.body === (item.request!.body ?? ''))!;
      const sent = new Map(results.items.map((item) => [item, original(item)]));
      let replayed = 0;
      for (const item of results.items) {
        const curl = curlCommand(results, item);
        assert.ok(curl && 'command' in curl, `${item.id}: ${JSON.stringify(curl)}`);
        // A body cut when recorded (body-too-large) is for the user to write to a file.
        if (item.request!.truncated) {
          assert.match(curl.note ?? '', /write it to the file request-body/);
          continue;
        }
        replayed++;
        assert.ok(!curl.command.includes(TOKEN) && !curl.command.includes(API_KEY), curl.command);
        api.requests.length = 0;
        await run('sh', ['-c', curl.command], { env: { PATH: process.env.PATH, TOKEN, X_API_KEY: API_KEY, HOME: '/nonexistent' } });
        assert.equal(api.requests.length, 1, item.id);
        assert.deepEqual(essence(api.requests[0]!), {
          ...essence(sent.get(item)!),
          auth: item.request!.credentials === 'none' ? undefined : `Bearer ${TOKEN}`,
          key: item.request!.credentials === 'none' ? undefined : API_KEY,
        }, item.id);
      }
      assert.ok(replayed >= 4);
      assert.ok(results.items.some((item) => !item.request!.truncated && item.request!.body?.includes('$(touch')), 'no replayed body held the hostile text');
      assert.equal(existsSync(PWNED), false, 'a command ran what the document wrote');
      const { readFileSync } = await import('node:fs');
      for (const report of ['out.txt', 'out.md']) {
        const text = readFileSync(join(scratch, report), 'utf8');
        assert.match(text, /curl -sS -i -X 'POST'/);
        assert.ok(!text.includes(TOKEN) && !text.includes(API_KEY), report);
      }
    } finally {
      await api.close();
    }
  });
});

describe('what a command cannot show', () => {
  const results = { command: 'probe', target: { server: 'http://api.test', credentials: { authorization: 'Basic' } } } as unknown as Results;
  const item = (request: ResultItem['request']): ResultItem => ({ id: 'x', title: 'x', location: 'x', checks: [], ...(request ? { request } : {}) });

  it('a body with control characters, or cut when recorded, is read from a file the note names', () => {
    const curl = curlCommand(results, item({ method: 'POST', path: '/a', headers: {}, body: 'a\u0007b' }));
    assert.ok(curl && 'command' in curl);
    assert.match(curl.command, /--data-binary @request-body$/);
    assert.match(curl.note ?? '', /write it to the file request-body/);
  });

  it('a control character in the request line: no command, a note', () => {
    assert.deepEqual(curlCommand(results, item({ method: 'GET', path: '/a\u001b[31m', headers: {} })), { note: 'no curl command: the request line or a header holds characters a report shows escaped' });
  });

  it('a results file whose credential names hold control characters: no command', () => {
    const hostile = { ...results, target: { server: 'http://api.test', credentials: { 'x-key\u001b]0;pwned\u0007': '' } } } as unknown as Results;
    assert.deepEqual(curlCommand(hostile, item({ method: 'GET', path: '/a', headers: {} })), { note: 'no curl command: the request line or a header holds characters a report shows escaped' });
  });

  it('bounded: a request line of thousands of characters gets a note instead', () => {
    const curl = curlCommand(results, item({ method: 'GET', path: `/${'a'.repeat(5000)}`, headers: {} }));
    assert.ok(curl && !('command' in curl));
    assert.match(curl.note, /^no curl command: it would be 50\d\d characters long$/);
  });

  it('basic authentication as curl -u "$BASIC_AUTH"; a credential-named recorded header as a variable, never its value', () => {
    const curl = curlCommand(results, item({ method: 'GET', path: '/a', headers: { 'x-session-token': 'abc' } }));
    assert.ok(curl && 'command' in curl);
    assert.equal(curl.command, `curl -sS -i -X 'GET' 'http://api.test/a' -H 'x-session-token: '"$X_SESSION_TOKEN" -u "$BASIC_AUTH"`);
  });

  it('a client certificate and a CA of the user\'s own as variables; no certificate where the probe sent no credentials', () => {
    const kube = { command: 'probe', target: { server: 'https://127.0.0.1:6443', tls: { clientCertificate: true, ca: true } } } as unknown as Results;
    const withCredentials = curlCommand(kube, item({ method: 'GET', path: '/api', headers: {} }));
    const without = curlCommand(kube, item({ method: 'GET', path: '/api', headers: {}, credentials: 'invalid-token' }));
    assert.deepEqual(withCredentials, { command: `curl -sS -i -X 'GET' 'https://127.0.0.1:6443/api' --cert "$CLIENT_CERT" --key "$CLIENT_KEY" --cacert "$CA_CERT"` });
    assert.deepEqual(without, { command: `curl -sS -i -X 'GET' 'https://127.0.0.1:6443/api' -H 'authorization: Bearer statuslint-invalid-token' --cacert "$CA_CERT"` });
  });

  it('validate and spec results have no command: their requests were not sent by statuslint', () => {
    assert.equal(curlCommand({ ...results, command: 'validate' }, item({ method: 'GET', path: '/a', headers: {} })), undefined);
  });
});
