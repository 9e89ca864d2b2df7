/**
 * `-H "Name: value"` and `--basic-auth user:password` for probe --openapi: an API key or a password is
 * a credential like `--token`. It goes to the target only, is left off by the probe that tests a
 * request without credentials, and never reaches a report, even when the server echoes it back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

const API_KEY = 'ak-live-7f3e9c21b8d4';
const PASSWORD = 'pw-hunter2-5c6d';
const BASIC = Buffer.from(`prober:${PASSWORD}`).toString('base64');

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-headers-'));
const DOCUMENT = join(scratch, 'api.yaml');
writeFileSync(
  DOCUMENT,
  [
    'openapi: 3.0.3',
    'info: { title: Keys, version: "1" }',
    'security: [{ key: [] }]',
    'components: { securitySchemes: { key: { type: apiKey, in: header, name: X-Api-Key } } }',
    'paths:',
    '  /items/{id}:',
    '    get:',
    '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
    '      responses: { "200": { description: ok }, "401": { description: no key }, "404": { description: missing } }',
  ].join('\n'),
);

let received: IncomingHttpHeaders[] = [];
let server: { url: string; close: () => Promise<void> };

before(async () => {
  // A careless API: it echoes the key and the credentials it got in its error bodies and headers.
  server = await listenLocal(
    createServer((req, res) => {
      received.push(req.headers);
      const key = req.headers['x-api-key'];
      const status = key === undefined ? 401 : 404;
      res.writeHead(status, { 'content-type': 'application/problem+json', 'x-echo': `${String(key)} ${req.headers.authorization ?? ''}` });
      res.end(JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Not Found', status, detail: `key ${String(key)}, auth ${req.headers.authorization ?? 'none'}` }));
    }),
  );
});
after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const probe = (...args: string[]) => runCli(['probe', '--no-config', '--openapi', DOCUMENT, '--server', server.url, '--profile', 'problem', ...args]);

describe('probe --openapi with -H and --basic-auth', () => {
  it('sends them to the target, leaves them off the request without credentials, and reports neither', async () => {
    received = [];
    const out = join(scratch, 'results.json');
    const run = await probe('-H', `X-Api-Key: ${API_KEY}`, '--basic-auth', `prober:${PASSWORD}`, '--format', 'stylish', '--format', 'json', '-o', out, '--format', 'sarif', '-o', join(scratch, 'r.sarif'));
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const keyed = received.filter((headers) => headers['x-api-key'] === API_KEY);
    assert.ok(keyed.length > 0 && keyed.every((headers) => headers.authorization === `Basic ${BASIC}`));
    const bare = received.filter((headers) => headers['x-api-key'] === undefined);
    assert.equal(bare.length, 1, 'the no-credentials probe');
    assert.equal(bare[0]!.authorization, undefined);
    for (const text of [run.stdout, run.stderr, readFileSync(out, 'utf8'), readFileSync(join(scratch, 'r.sarif'), 'utf8')]) {
      for (const secret of [API_KEY, PASSWORD, BASIC]) assert.ok(!text.includes(secret), `${secret} appears in the output`);
    }
    assert.match(readFileSync(out, 'utf8'), /key \[redacted\], auth \[redacted\]/);
  });

  const refused: Array<[string, string[], RegExp]> = [
    ['a header without a name', ['-H', 'no colon here'], /^statuslint: --header: must be "Name: value", with a header name before the colon\n$/],
    ['a header statuslint sets itself', ['-H', 'Content-Type: text/plain'], /^statuslint: --header: Content-Type is set by statuslint or the connection, not by --header\n$/],
    ['a header value with a line break', ['-H', `X-Api-Key: ${API_KEY}\r\nX-Evil: 1`], /^statuslint: --header: the value of X-Api-Key holds a line break or another control character\n$/],
    ['basic auth without a password', ['--basic-auth', 'prober'], /^statuslint: --basic-auth: must be user:password\n$/],
    ['two kinds of authorization', ['--basic-auth', `prober:${PASSWORD}`, '--token', 'tok-1'], /^statuslint: --basic-auth: give one of --token, --basic-auth and an Authorization header\n$/],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what} in one line, quoting no credential (exit 2)`, async () => {
      const run = await probe(...args);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.ok(!run.stderr.includes(API_KEY.slice(3)) && !run.stderr.includes(PASSWORD));
    });
  }

  it('needs --openapi', async () => {
    const run = await runCli(['probe', '--no-config', '--server', server.url, '-H', `X-Api-Key: ${API_KEY}`]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: --header: needs --openapi\n');
  });

  it('counts as a credential: a document\'s own server of another origin needs --server', async () => {
    const elsewhere = join(scratch, 'elsewhere.yaml');
    writeFileSync(elsewhere, readFileSync(DOCUMENT, 'utf8').replace('openapi: 3.0.3', 'openapi: 3.0.3\nservers: [{ url: "https://api.example.com" }]'));
    const run = await runCli(['probe', '--no-config', '--openapi', elsewhere, '--profile', 'problem', '-H', `X-Api-Key: ${API_KEY}`]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--header/);
    assert.ok(!run.stderr.includes(API_KEY));
  });
});
