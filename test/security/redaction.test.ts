/**
 * Issue #14: a credential never shows in any output, in any form a reader can decode. Hostile servers
 * echo the credential they receive in every way servers do: plain, in another case, JSON-escaped
 * (PHP's `json_encode` writes `/` as `\/`, others `\u0021`), percent-encoded (either hex case, twice),
 * base64 and base64url (alone and inside a longer encoded string), as HTML character references, in
 * headers, a header name, cookies, a redirect, the status text, the code, message and request-id
 * fields, a resource name, a TLS certificate, and split across two reads. `statuslint probe` (with
 * `--openapi`, and against a Kubernetes stand-in) writes every format, standard output and standard
 * error with the progress line; each output is scanned for every spelling, and also decoded as a
 * reader would (HTML references, JSON strings and the JSON they hold, percent escapes, base64 runs) and
 * searched again. The spellings are computed here, independently of the scrubber.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HttpClient } from '../../conformance/http.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import type { Results } from '../../conformance/results.js';
import { type BrokenServer, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { brokenServerResults } from '../reporters/fixtures.js';
import { type CliRun, runNode } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-redaction-'));
const file = (name: string): string => join(scratch, name);

/** A bearer token with the characters encoders treat differently: `/` and `+` (base64 tokens), `.`, `~`, `=`. */
const LONG_TOKEN = `Sl/${randomBytes(10).toString('hex')}+Tk.n~Q=`;
/** Five characters: short tokens used to be left alone. Unlikely in any ordinary output. */
const SHORT_TOKEN = 'Zq7!x';
/** Short and only letters and digits: replaced where it stands as a word, which is where echoes put it. */
const SHORT_WORD_TOKEN = 'qK7vW';
const BASIC_USER = 'prober';
const BASIC_PASSWORD = `Kx9/pw+${randomBytes(3).toString('hex')}`;
const basicCredential = Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64');

// --- the spellings -----------------------------------------------------------------------------

const isAlphanumeric = (char: string): boolean => /^[A-Za-z0-9]$/.test(char);
const hexOf = (char: string, width: number): string => char.codePointAt(0)!.toString(16).padStart(width, '0');

/**
 * The characters of the secret's base64 at byte offset `offset` of a longer encoding that do not
 * depend on the neighbours: encoded once between zero bytes and once between 0xff bytes, the
 * positions where both agree.
 */
function stableBase64(secret: string, offset: number, url: boolean): string {
  const encode = (fill: number): string => Buffer.concat([Buffer.alloc(offset, fill), Buffer.from(secret), Buffer.alloc(3, fill)]).toString(url ? 'base64url' : 'base64');
  const [low, high] = [encode(0), encode(0xff)];
  let best = '';
  let run = '';
  for (let i = 0; i < low.length; i++) {
    run = low[i] === high[i] ? run + low[i] : '';
    if (run.length > best.length) best = run;
  }
  return best;
}

/** Every spelling of a secret a server's encoder produces, by name. */
function spellings(secret: string): Map<string, string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const escapeEach = (escape: (char: string) => string): string => [...secret].map((c) => (isAlphanumeric(c) ? c : escape(c))).join('');
  const htmlEscaped = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\//g, '&#x2F;');
  const forms: Array<[string, string]> = [
    ['plain', secret],
    ['upper case', secret.toUpperCase()],
    ['lower case', secret.toLowerCase()],
    ['JSON string', json],
    ['PHP json_encode (`\\/`)', json.replace(/\//g, '\\/')],
    ['JSON `\\u` escapes', escapeEach((c) => `\\u${hexOf(c, 4)}`)],
    ['JSON inside a JSON string', JSON.stringify(JSON.stringify(secret).replace(/\//g, '\\/')).slice(3, -3)],
    ['percent-encoded', encodeURIComponent(secret)],
    ['percent-encoded, lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase())],
    ['percent-encoded, every symbol', escapeEach((c) => `%${hexOf(c, 2).toUpperCase()}`)],
    ['percent-encoded twice', encodeURIComponent(encodeURIComponent(secret))],
    ['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
    ['HTML hex references', escapeEach((c) => `&#x${hexOf(c, 2).toUpperCase()};`)],
    ['HTML decimal references', escapeEach((c) => `&#${c.codePointAt(0)};`)],
    ['HTML-escaped', htmlEscaped],
    ['HTML-escaped twice', htmlEscaped.replace(/&/g, '&amp;')],
    // Letters and digits escaped too: no encoder does it, but a report that decodes the body (HTML pretty-prints JSON) would show the token.
    ['JSON `\\u` escapes, every character', [...secret].map((c) => `\\u${hexOf(c, 4)}`).join('')],
    ['percent-encoded, every character', [...secret].map((c) => `%${hexOf(c, 2).toUpperCase()}`).join('')],
    ['percent-encoded, every character, lower-case hex', [...secret].map((c) => `%${hexOf(c, 2)}`).join('')],
    ['HTML decimal references, every character', [...secret].map((c) => `&#${c.codePointAt(0)};`).join('')],
    ['HTML hex references, every character', [...secret].map((c) => `&#x${hexOf(c, 2)};`).join('')],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
  ];
  for (const offset of [0, 1, 2]) {
    forms.push([`base64 at offset ${offset}`, stableBase64(secret, offset, false)], [`base64url at offset ${offset}`, stableBase64(secret, offset, true)]);
  }
  return new Map(forms);
}

/**
 * The secret with each character escaped, letters and digits too, one spelling per character so that a
 * cut can fall between or inside them: no encoder writes these, but a reader that decodes the body
 * (the HTML report pretty-prints JSON) would show the secret.
 */
const ESCAPINGS: ReadonlyArray<readonly [string, (char: string, index: number) => string]> = [
  ['JSON `\\u` escapes', (c) => `\\u${hexOf(c, 4)}`],
  ['JSON `\\u` escapes, upper-case hex', (c) => `\\u${hexOf(c, 4).toUpperCase()}`],
  ['JSON `\\u` escapes mixed with plain characters', (c, i) => (i % 2 === 0 ? `\\u${hexOf(c, 4)}` : c)],
  ['percent-encoded, upper-case hex', (c) => `%${hexOf(c, 2).toUpperCase()}`],
  ['percent-encoded, lower-case hex', (c) => `%${hexOf(c, 2)}`],
  ['percent-encoded, mixed hex case', (c, i) => `%${i % 2 === 0 ? hexOf(c, 2) : hexOf(c, 2).toUpperCase()}`],
  ['HTML decimal references', (c) => `&#${c.codePointAt(0)};`],
  ['HTML hex references', (c) => `&#x${hexOf(c, 2)};`],
];
const escapedCharacters = (secret: string, escaping: number): string[] => [...secret].map((c, i) => ESCAPINGS[escaping]![1](c, i));

/** The secrets a credential header carries. */
function secretsOf(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const [scheme, credential = ''] = authorization.split(' ', 2);
  if (scheme !== 'Basic') return [credential];
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  return [credential, decoded, decoded.slice(decoded.indexOf(':') + 1)];
}

// --- a reader's decoding of an output ------------------------------------------------------------

const HTML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function htmlDecoded(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    out = out.replace(/&(#[xX][0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) =>
      ref.startsWith('#x') || ref.startsWith('#X') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (HTML_NAMED[ref] ?? whole),
    );
  }
  return out;
}

function percentDecoded(text: string): string {
  let out = text;
  for (let i = 0; i < 2; i++) {
    out = out.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
  return out;
}

const jsonEscapesDecoded = (text: string): string =>
  text.replace(/\\+u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\+(["/\\])/g, '$1');

/** Every string in a JSON value, and in the JSON documents those strings hold (a recorded response body). */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
    if (/^\s*[[{]/.test(value)) {
      try {
        jsonStrings(JSON.parse(value), out);
      } catch {
        // a body cut at the recording limit
      }
    }
  } else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) jsonStrings(item, jsonStrings(key, out));
  return out;
}

/** Each run of base64 characters, decoded from each of its first four characters. */
function base64Decoded(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{6,}/g)) {
    for (let skip = 0; skip < 4; skip++) {
      const part = run.slice(skip);
      out.push(Buffer.from(part, 'base64').toString('latin1'), Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
    }
  }
  return out;
}

/** The output, and what a reader gets by decoding it in each way. */
function decodedViews(text: string): Map<string, string> {
  const views = new Map<string, string>([['as written', text]]);
  const html = htmlDecoded(text);
  views.set('HTML references decoded', html);
  views.set('JSON escapes decoded', jsonEscapesDecoded(html));
  views.set('percent escapes decoded', percentDecoded(jsonEscapesDecoded(html)));
  try {
    views.set('parsed as JSON (and the JSON its strings hold)', jsonStrings(JSON.parse(text)).join('\n'));
  } catch {
    // not a JSON output
  }
  views.set('base64 runs decoded', base64Decoded(percentDecoded(jsonEscapesDecoded(html))).join('\n'));
  return views;
}

/** Where any spelling of any secret shows in the outputs: as written, or in any decoded view. */
function leaks(outputs: ReadonlyMap<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [where, text] of outputs) {
    for (const secret of secrets) {
      for (const [spelling, needle] of spellings(secret)) if (text.includes(needle)) found.push(`${secret}: ${spelling} in ${where}`);
      for (const [view, decoded] of decodedViews(text)) if (view !== 'as written' && decoded.toLowerCase().includes(secret.toLowerCase())) found.push(`${secret}: ${view}, in ${where}`);
    }
  }
  return found;
}

// --- the echoes ------------------------------------------------------------------------------------

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Headers that echo each secret in each spelling, in a cookie, a redirect and a header's name. */
function echoHeaders(authorization: string | undefined): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  if (authorization) headers.push(['x-echo-authorization', authorization], ['www-authenticate', `Bearer error="invalid_token", error_description="${authorization} expired"`]);
  secretsOf(authorization).forEach((secret, i) => {
    for (const [spelling, text] of spellings(secret)) headers.push([`x-echo-${i}-${slug(spelling)}`, text]);
    headers.push(['set-cookie', `session=${secret}; Path=/`], ['set-cookie', `sid=${encodeURIComponent(secret)}; HttpOnly`]);
    headers.push(['location', `https://login.example/?next=${encodeURIComponent(secret)}&raw=${secret}`]);
    headers.push(['x-echo-base64-of-header', Buffer.from(`Authorization: ${authorization}`).toString('base64')]);
    for (const name of [`x-echo-${secret}`, `x-echo-${encodeURIComponent(secret)}`]) if (HEADER_NAME.test(name)) headers.push([name, '1']);
  });
  return headers;
}

/** Body fields that echo each secret: the code, message and request-id fields checks quote, and every spelling. */
function echoFields(authorization: string | undefined): Record<string, unknown> {
  const secrets = secretsOf(authorization);
  return {
    error: secrets[0] ?? 'unauthenticated',
    message: `no access for ${authorization ?? 'nobody'}; token ${secrets.join(' or ')}`,
    requestId: `${secrets[0] ?? 'anonymous'}-${randomBytes(4).toString('hex')}`,
    reason: secrets[0],
    echoes: secrets.map((secret) => Object.fromEntries(spellings(secret))),
    debug: {
      header: authorization,
      base64: Buffer.from(`Authorization: ${authorization}`).toString('base64url'),
      html: `<p>${spellings(secrets[0] ?? '').get('HTML-escaped')}</p>`,
    },
  };
}

/** JSON as PHP's `json_encode` writes it: `/` escaped, non-ASCII as `\u` escapes. */
const phpJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${hexOf(c, 4)}`);

/** Send the body in two reads, split inside the first echo of the secret, so that no single chunk holds it whole. */
async function sendSplit(res: ServerResponse, body: string, secret: string | undefined): Promise<void> {
  const echoes = secret ? [...spellings(secret).values()].map((text) => ({ at: body.indexOf(text), text })).filter(({ at }) => at >= 0) : [];
  if (echoes.length === 0) {
    res.end(body);
    return;
  }
  const first = echoes.reduce((a, b) => (b.at < a.at ? b : a));
  const middle = first.at + Math.floor(first.text.length / 2);
  res.write(body.slice(0, middle));
  await new Promise((resolve) => setTimeout(resolve, 15));
  res.end(body.slice(middle));
}

// --- a hostile HTTP API -------------------------------------------------------------------------------

const documentPath = file('things.yaml');
writeFileSync(
  documentPath,
  `openapi: 3.1.0
info: { title: Things, version: '1' }
security: [{ bearer: [] }]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths:
  /things/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string }, example: known }]
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
        '401': { description: no credentials, content: { application/json: { schema: { type: object } } } }
        '404': { description: not found, content: { application/json: { schema: { type: object } } } }
  /things:
    post:
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string } } }, example: { name: a } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { type: object } } } }
        '400': { description: bad request, content: { application/json: { schema: { type: object } } } }
        '413': { description: too large, content: { application/json: { schema: { type: object } } } }
        '415': { description: unsupported, content: { application/json: { schema: { type: object } } } }
`,
);

const CUT_PADDING = 100;
/** What the escaped echo follows: a cut keeps this and none of the token. */
const ESCAPED_BEFORE = `{"kind":"Status","message":"${'x'.repeat(CUT_PADDING)} `;

/** Every answer echoes what came in the Authorization header; wrong media types get an HTML page. */
function hostileApi(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const authorization = req.headers.authorization;
      const secrets = secretsOf(authorization);
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      const status = !authorization ? 401 : pathname === '/things/known' && req.method === 'GET' ? 200 : pathname === '/things' && req.method === 'POST' ? 400 : req.method === 'GET' ? 404 : 405;
      const html = req.method === 'POST' && !(req.headers['content-type'] ?? '').includes('json');
      const escaped = /^\/escaped\/(\d+)$/.exec(pathname);
      if (escaped) {
        // The token with each character escaped, after plain padding, as a Status message.
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(`${ESCAPED_BEFORE}${escapedCharacters(secrets[0] ?? '', Number(escaped[1])).join('')}"}`);
        return;
      }
      if (pathname === '/cut') {
        // The token after plain padding, for cuts at the size cap inside it.
        res.writeHead(404, { 'content-type': 'text/plain' });
        void sendSplit(res, `${'x'.repeat(CUT_PADDING)} ${secrets[0]} and more text after it`, secrets[0]);
        return;
      }
      res.writeHead(html ? 415 : status, `Denied ${secrets.join(' ')}`.trim(), [
        ['content-type', html ? 'text/html; charset=utf-8' : 'application/json'],
        ...(status === 405 ? [['allow', 'GET'] as [string, string]] : []),
        ...echoHeaders(authorization),
      ].flat());
      const body = html
        ? `<!doctype html><title>415</title><p>${secrets.map((s) => [...spellings(s).values()].join(' ')).join('<br>')}</p>`
        : phpJson(echoFields(authorization));
      void sendSplit(res, body, secrets[0]);
    });
  });
}

// --- a hostile Kubernetes API server: the broken-server fixture behind a front that echoes ----------

interface Front {
  url: string;
  close(): Promise<void>;
}

/**
 * Passes each request on to the fixture, authenticated there when it carries one of `accepted`, and
 * echoes the credential in every answer: headers, status text, the Status message, every spelling in
 * the body, and a resource named after it in the core group's discovery.
 */
async function startEchoingFront(backend: BrokenServer, accepted: readonly string[]): Promise<Front> {
  const server = createServer((req, res) => {
    const authorization = req.headers.authorization;
    const headers = { ...req.headers, host: new URL(backend.url).host };
    delete headers.authorization;
    if (authorization && accepted.includes(authorization)) headers.authorization = `Bearer ${GOOD_TOKEN}`;
    const upstream = httpRequest(`${backend.url}${req.url ?? '/'}`, { method: req.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const secrets = secretsOf(authorization);
        let body = Buffer.concat(chunks).toString('utf8');
        try {
          const value = JSON.parse(body) as Record<string, unknown>;
          if (typeof value.message === 'string') value.message = `${value.message} (for ${authorization ?? 'nobody'})`;
          if (req.url === '/api/v1' && Array.isArray(value.resources)) {
            for (const secret of secrets) {
              for (const name of [`echo-${secret}`, `echo-${encodeURIComponent(secret)}`]) value.resources.push({ name, singularName: '', namespaced: true, kind: 'Echo', verbs: ['get', 'list'] });
            }
          }
          if (secrets.length > 0) value.echo = echoFields(authorization);
          // A watch stream of one event keeps the newline that ends it.
          body = `${phpJson(value)}${body.endsWith('\n') ? '\n' : ''}`;
        } catch {
          // a watch stream of several events: its lines pass as they are
        }
        const passed = Object.entries(answer.headers).filter(([name]) => !['content-length', 'transfer-encoding', 'connection'].includes(name));
        res.writeHead(answer.statusCode ?? 502, `${answer.statusMessage ?? ''} ${secrets.join(' ')}`.trim(), [
          ...passed.flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, String(value)] as [string, string]])),
          ...echoHeaders(authorization),
        ].flat());
        void sendSplit(res, body, secrets[0]);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// --- running the CLI ---------------------------------------------------------------------------------

/** The built bin, with standard error taken for a terminal so that the progress line is written. */
const probe = (args: readonly string[]): Promise<CliRun> =>
  runNode(['--import', 'data:text/javascript,process.stderr.isTTY=true', cliPath, 'probe', ...args], { env: { NO_COLOR: '1', KUBECONFIG: '' } });

/** `-f FORMAT -o FILE` for every format, and stylish on standard output. */
function everyFormat(prefix: string): { args: string[]; files: Map<string, string> } {
  const files = new Map([...REPORTERS.keys()].map((format) => [format, file(`${prefix}.${format}`)]));
  return { args: [...[...files].flatMap(([format, path]) => ['-f', format, '-o', path]), '-f', 'stylish'], files };
}

function outputsOf(run: CliRun, files: ReadonlyMap<string, string>): Map<string, string> {
  const outputs = new Map<string, string>([['stdout', run.stdout], ['stderr (progress line included)', run.stderr]]);
  for (const [format, path] of files) outputs.set(`${format} file`, readFileSync(path, 'utf8'));
  return outputs;
}

/** Every format was written, and the progress line too, so a clean scan means something. */
function assertReportsWritten(run: CliRun, files: ReadonlyMap<string, string>): Results {
  assert.equal(run.code, 1, run.stderr);
  for (const [format, path] of files) assert.ok(readFileSync(path, 'utf8').length > 300, `${format} is nearly empty`);
  assert.match(run.stderr, /probing http:\/\/127\.0\.0\.1:\d+: \d+\/\d+/);
  return JSON.parse(readFileSync(files.get('json')!, 'utf8')) as Results;
}

const REDACTED_MARK = '[redacted]';
const echoRedacted = (results: Results): boolean => results.items.some((i) => i.response?.body?.includes(REDACTED_MARK));

// --- the tests -----------------------------------------------------------------------------------------

let api: Server;
let apiUrl: string;
let backend: BrokenServer;
let front: Front;

before(async () => {
  api = hostileApi();
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  // Defects give the reports findings with messages and bodies, not only passes.
  backend = await startBrokenServer({ defects: ['wrong-code-for-reason', 'html-error-page', 'details-other-object'] });
  front = await startEchoingFront(backend, [`Bearer ${LONG_TOKEN}`, `Basic ${basicCredential}`]);
});

after(async () => {
  api?.closeAllConnections();
  api?.close();
  await front?.close();
  await backend?.close();
});

describe('the scan', () => {
  it('finds every spelling of every secret in what the hostile server sends', async () => {
    const cases = [[`Bearer ${LONG_TOKEN}`, [LONG_TOKEN]], [`Bearer ${SHORT_TOKEN}`, [SHORT_TOKEN]], [`Basic ${basicCredential}`, secretsOf(`Basic ${basicCredential}`)]] as const;
    for (const [authorization, secrets] of cases) {
      const response = await fetch(`${apiUrl}/things/missing`, { headers: { authorization } });
      const raw = `${response.statusText}\n${[...response.headers].map(([n, v]) => `${n}: ${v}`).join('\n')}\n${await response.text()}`;
      for (const secret of secrets) {
        const found = leaks(new Map([['the answer', raw]]), [secret]);
        for (const spelling of spellings(secret).keys()) assert.ok(found.includes(`${secret}: ${spelling} in the answer`), `${spelling} of ${secret} would not be found`);
      }
    }
  });

  it('decodes what it has no spelling for, as a reader would', () => {
    const every = (escape: (c: string) => string): string => [...LONG_TOKEN].map(escape).join('');
    const encoded = [
      ...['', 'x', 'xy', 'xyz'].map((prefix) => Buffer.from(`${prefix}${LONG_TOKEN}!`).toString('base64')),
      every((c) => `%${hexOf(c, 2)}`),
      every((c) => `\\u${hexOf(c, 4)}`),
      every((c) => `&#${c.codePointAt(0)};`),
      Buffer.from(JSON.stringify({ token: LONG_TOKEN })).toString('base64url'),
      JSON.stringify({ body: JSON.stringify({ message: LONG_TOKEN.toUpperCase() }) }),
    ];
    for (const text of encoded) assert.ok(leaks(new Map([['text', `a ${text} b`]]), [LONG_TOKEN]).length > 0, text);
    assert.deepEqual(leaks(new Map([['text', `a ${REDACTED_MARK} b`]]), [LONG_TOKEN, SHORT_TOKEN]), []);
  });
});

describe('statuslint probe --openapi against a server that echoes the token', () => {
  for (const [name, token] of [['a long token', LONG_TOKEN], ['a five-character token', SHORT_TOKEN], ['a five-character token of letters and digits', SHORT_WORD_TOKEN]] as const) {
    it(`${name}: no spelling in any format, standard output, standard error or the progress line`, async () => {
      const { args, files } = everyFormat(`api-${slug(name)}`);
      const run = await probe(['--openapi', documentPath, '--server', apiUrl, '--token', token, '--profile', 'envelope', '--allow-writes', ...args]);
      const results = assertReportsWritten(run, files);
      // The probes met the echoes: the valid read, the unknown id, the HTML page and the anonymous 401.
      const statuses = new Set(results.items.map((i) => i.response?.status));
      for (const status of [200, 401, 404, 415]) assert.ok(statuses.has(status), `no ${status} among ${[...statuses].join(', ')}`);
      assert.deepEqual(leaks(outputsOf(run, files), [token]), []);
      assert.ok(echoRedacted(results), 'no recorded body shows the echo, redacted');
    });
  }

  it('a TLS certificate that names the token, as a transport failure: not in the finding or its detail', async () => {
    const ca = file('echo-ca');
    const leaf = file('echo-leaf');
    const openssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-subj', '/CN=echo CA', '-days', '2',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    writeFileSync(`${leaf}.ext`, `subjectAltName=DNS:echo.example,URI:urn:echo:${LONG_TOKEN},URI:urn:echo:${SHORT_TOKEN}\nextendedKeyUsage=serverAuth\n`);
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${leaf}.key`, '-out', `${leaf}.csr`, '-subj', '/CN=echo']);
    openssl(['x509', '-req', '-in', `${leaf}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-set_serial', '7', '-days', '2', '-extfile', `${leaf}.ext`, '-out', `${leaf}.pem`]);
    const tls = createHttpsServer({ key: readFileSync(`${leaf}.key`), cert: readFileSync(`${leaf}.pem`) }, (_, res) => res.end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      for (const token of [LONG_TOKEN, SHORT_TOKEN]) {
        const { args, files } = everyFormat(`tls-${token.length}`);
        const run = await probe(['--openapi', documentPath, '--server', url, '--ca', `${ca}.pem`, '--token', token, '--profile', 'envelope', ...args]);
        assert.equal(run.code, 1, run.stderr);
        assert.deepEqual(leaks(outputsOf(run, files), [token]), []);
        const results = JSON.parse(readFileSync(files.get('json')!, 'utf8')) as Results;
        const messages = results.items.flatMap((i) => i.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => f.message) : [])));
        // The finding names the certificate's names, with the token's one redacted.
        assert.ok(messages.some((m) => m.includes(`urn:echo:${REDACTED_MARK}`)), messages.join('\n'));
      }
    } finally {
      tls.closeAllConnections();
      tls.close();
    }
  });
});

describe('statuslint probe against a Kubernetes API server that echoes the credential', () => {
  it('a bearer token: not in any format, standard output, standard error or the progress line, nor in resource names', async () => {
    const { args, files } = everyFormat('kube-token');
    const run = await probe(['--server', front.url, '--token', LONG_TOKEN, ...args]);
    const results = assertReportsWritten(run, files);
    assert.deepEqual(leaks(outputsOf(run, files), [LONG_TOKEN]), []);
    // The echoed resource was discovered, under a redacted name.
    const names = results.discovery?.groupVersions.flatMap((gv) => gv.resourceNames ?? []) ?? [];
    assert.ok(names.some((n) => n.startsWith('echo-') && n.includes(REDACTED_MARK)), names.join(', '));
    assert.ok(echoRedacted(results), 'no recorded body shows the echo, redacted');
  });

  it('basic auth from a kubeconfig: not the password, `user:password`, nor their base64', async () => {
    const kubeconfig = file('kubeconfig-basic');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${front.url}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { username: "${BASIC_USER}", password: "${BASIC_PASSWORD}" } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`,
    );
    const { args, files } = everyFormat('kube-basic');
    const run = await probe(['--kubeconfig', kubeconfig, ...args]);
    const results = assertReportsWritten(run, files);
    assert.deepEqual(leaks(outputsOf(run, files), [BASIC_PASSWORD, `${BASIC_USER}:${BASIC_PASSWORD}`, basicCredential]), []);
    assert.ok(echoRedacted(results), 'no recorded body shows the echo, redacted');
  });
});

describe('the HTTP client', () => {
  const clientFor = (token: string, maxBodyBytes: number): HttpClient =>
    new HttpClient({ server: apiUrl, tls: { rejectUnauthorized: true }, authHeaders: { authorization: `Bearer ${token}` } }, { timeoutMs: 10_000, maxBodyBytes });

  it('scrubs a token split across two reads, and a body cut at the size cap inside the token keeps none of its start', async () => {
    for (const token of [LONG_TOKEN, SHORT_TOKEN]) {
      const whole = clientFor(token, 64 * 1024);
      try {
        const exchange = await whole.send({ method: 'GET', path: '/cut' });
        assert.equal(exchange.truncated, false);
        assert.ok(!exchange.bodyText.includes(token), `${token} is in the body`);
        assert.ok(exchange.bodyText.includes(REDACTED_MARK));
      } finally {
        await whole.close();
      }
      // The token starts after the padding and a space.
      for (let keep = 3; keep < token.length; keep++) {
        const cut = clientFor(token, CUT_PADDING + 1 + keep);
        try {
          const exchange = await cut.send({ method: 'GET', path: '/cut' });
          assert.equal(exchange.truncated, true);
          assert.ok(!exchange.bodyText.endsWith(token.slice(0, keep)), `the first ${keep} characters of ${token} are left at the cut`);
        } finally {
          await cut.close();
        }
      }
    }
  });

  it('scrubs a token with each character escaped (JSON `\\u`, percent either case, HTML references, mixed with plain), whole in every format and cut inside it', async () => {
    for (const token of [LONG_TOKEN, SHORT_TOKEN, SHORT_WORD_TOKEN]) {
      const client = clientFor(token, 64 * 1024);
      try {
        for (const [escaping, [name]] of ESCAPINGS.entries()) {
          const exchange = await client.send({ method: 'GET', path: `/escaped/${escaping}` });
          assert.equal(exchange.bodyText, `${ESCAPED_BEFORE}${REDACTED_MARK}"}`, `${name} of ${token}`);
          // Every format, from results that hold the answer: the HTML report pretty-prints the body.
          const results = brokenServerResults();
          results.items[0]!.response = { status: exchange.status, headers: exchange.headers, body: exchange.bodyText };
          const outputs = new Map([...REPORTERS].map(([format, reporter]) => [`${format} report`, reporter.render(results, { color: false })]));
          assert.deepEqual(leaks(outputs, [token]), [], `${name} of ${token}`);
        }
      } finally {
        await client.close();
      }
      for (const [escaping, [name]] of ESCAPINGS.entries()) {
        const characters = escapedCharacters(token, escaping);
        for (let keep = 3; keep < characters.length; keep++) {
          const before = characters.slice(0, keep).join('').length;
          // Between two escapes, and inside the next one.
          for (const into of characters[keep]!.length > 2 ? [0, 2] : [0]) {
            const cut = clientFor(token, ESCAPED_BEFORE.length + before + into);
            try {
              const exchange = await cut.send({ method: 'GET', path: `/escaped/${escaping}` });
              assert.equal(exchange.truncated, true);
              assert.equal(exchange.bodyText, `${ESCAPED_BEFORE}${REDACTED_MARK}`, `${name} of ${token}, cut after ${keep} characters${into ? ' and inside the next' : ''}`);
            } finally {
              await cut.close();
            }
          }
        }
      }
    }
  });
});

describe('statuslint validate of a HAR whose responses echo what the request sent', () => {
  const bearer = LONG_TOKEN;
  const cookie = `CK${randomBytes(8).toString('hex')}`;
  const queryToken = `QS${randomBytes(8).toString('hex')}`;
  const cookieJar = `JR${randomBytes(8).toString('hex')}`;

  /** An entry whose request carries every credential, and whose answer (body and headers) echoes them. */
  function echoingEntry(status: number, reason: string): unknown {
    const echoes = `got Bearer ${bearer}, cookie sid=${cookie}, jar ${cookieJar}, url ?token=${queryToken}, ${encodeURIComponent(bearer)}`;
    const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: status, reason, message: echoes };
    return {
      request: {
        method: 'GET',
        url: `https://h.example/api/v1/namespaces/d/pods/y?token=${queryToken}`,
        headers: [{ name: 'Authorization', value: `Bearer ${bearer}` }, { name: 'Cookie', value: `sid=${cookie}; theme=dark` }],
        cookies: [{ name: 'jar', value: cookieJar }],
        queryString: [{ name: 'token', value: queryToken }],
      },
      response: {
        status,
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'X-Echo', value: `Bearer ${bearer}` },
          { name: 'Location', value: `https://h.example/cb?x=${encodeURIComponent(bearer)}&c=${cookie}` },
          { name: 'X-B64', value: Buffer.from(`Bearer ${bearer}`).toString('base64') },
        ],
        content: { mimeType: 'application/json', text: JSON.stringify(body) },
      },
    };
  }

  it('shows none of them in any format, for responses with findings and without, in text and base64 bodies', async () => {
    const entries = [echoingEntry(404, 'Conflict'), echoingEntry(404, 'NotFound')];
    const base64 = echoingEntry(409, 'AlreadyExists') as { response: { content: { text: string; encoding?: string } } };
    base64.response.content = { ...base64.response.content, text: Buffer.from(base64.response.content.text).toString('base64'), encoding: 'base64' };
    entries.push(base64);
    const har = file('echoes.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries } }));
    const { args, files } = everyFormat('har-echoes');
    const run = await runNode([cliPath, 'validate', '--no-config', har, ...args], { env: { NO_COLOR: '1' } });
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(readFileSync(files.get('json')!, 'utf8')) as Results;
    assert.equal(results.items.length, 3);
    // The bodies are still judged: the Conflict on a 404 is found, the NotFound passes.
    assert.ok(results.items.every((item) => item.response?.body?.includes(REDACTED_MARK)), 'every body had its echoes replaced');
    const outputs = new Map<string, string>([['stdout', run.stdout], ['stderr', run.stderr]]);
    for (const [format, path] of files) outputs.set(`${format} file`, readFileSync(path, 'utf8'));
    assert.deepEqual(leaks(outputs, [bearer, cookie, queryToken, cookieJar]), []);
  });
});
