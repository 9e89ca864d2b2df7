import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { HttpClient } from '../../conformance/http.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { isCredentialHeader, REDACTED, redactBody, redactItem, redactResults, redactText, type ResultItem } from '../../conformance/results.js';
import { brokenServerResults, SECRETS, validateResults, withCredentials } from './fixtures.js';

describe('redaction', () => {
  it('leaves no credential of the model in any format', () => {
    for (const results of [withCredentials(brokenServerResults()), withCredentials(validateResults())]) {
      for (const [name, reporter] of REPORTERS) {
        for (const color of [false, true]) {
          const text = reporter.render(results, { color });
          for (const [kind, secret] of Object.entries(SECRETS)) assert.ok(!text.includes(secret), `${name} shows the ${kind}`);
        }
      }
    }
  });

  it('keeps the headers, with their values replaced, and the rest of the request as it was', () => {
    const redacted = redactResults(withCredentials(brokenServerResults()));
    const [first, second] = redacted.items;
    assert.equal(first!.request!.headers.authorization, REDACTED);
    assert.equal(first!.request!.headers['x-auth-token'], REDACTED);
    assert.equal(first!.request!.headers.accept, 'application/json');
    assert.equal(first!.response!.headers['set-cookie'], REDACTED);
    assert.equal(first!.response!.headers['content-type'], 'application/json');
    assert.match(first!.request!.path, /\?access_token=\[redacted\]$/);
    assert.deepEqual(JSON.parse(first!.request!.body!).data, { password: REDACTED });
    assert.equal(redacted.target!.server, `http://${REDACTED}@127.0.0.1:6443`);
    assert.deepEqual(second!.checks, brokenServerResults().items[1]!.checks);
  });

  it('keeps nothing of a Secret body that was cut off when recorded', () => {
    const results = brokenServerResults();
    results.items[0]!.request!.body = `{"apiVersion":"v1","kind":"Secret","data":{"password":"${SECRETS.secretData}`;
    assert.equal(redactResults(results).items[0]!.request!.body, `${REDACTED} (a Secret, cut off when recorded)`);
  });

  it('knows credential headers by name, not the ones that merely mention auth', () => {
    for (const name of ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-API-Key', 'x-auth-token', 'X-Amz-Security-Token', 'x-session-id', 'x-client-secret'])
      assert.ok(isCredentialHeader(name), name);
    for (const name of ['accept', 'content-type', 'www-authenticate', 'impersonate-user', 'audit-id', 'retry-after']) assert.ok(!isCredentialHeader(name), name);
  });

  // Reporters are pure and never see the target's credentials: the HTTP client scrubs every string a
  // server sends before it reaches the model, so the model a run makes has nothing a format could show.
  it('the model made from answers that echo the token holds none of it, in any spelling, so no format shows it', async () => {
    const server = createServer((req, res) => {
      const token = String(req.headers.authorization).replace(/^Bearer /, '');
      const echoed = JSON.stringify({ message: `token ${token} expired`, token: encodeURIComponent(token) }).replace(/\//g, '\\/');
      res.writeHead(401, { 'content-type': 'application/json', 'x-debug': `Bearer ${token}`, 'set-cookie': `t=${Buffer.from(token).toString('base64')}` });
      res.end(echoed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const token of ['Qv4!k', 'sl/Tok3n+v4lue=']) {
        const client = new HttpClient({ server: origin, tls: { rejectUnauthorized: true }, authHeaders: { authorization: `Bearer ${token}` } }, { timeoutMs: 5000, maxBodyBytes: 65536 });
        const exchange = await client.send({ method: 'GET', path: '/' }).finally(() => client.close());
        const results = brokenServerResults();
        const [item] = results.items;
        item!.response = { status: exchange.status, headers: exchange.headers, body: exchange.bodyText };
        item!.error = `no usable response: ${(JSON.parse(exchange.bodyText) as { message: string }).message}`;
        const spellings = [token, JSON.stringify(token).slice(1, -1).replace(/\//g, '\\/'), encodeURIComponent(token), Buffer.from(token).toString('base64').replace(/=+$/, '')];
        for (const [name, reporter] of REPORTERS) {
          const text = reporter.render(results, { color: false });
          for (const spelling of spellings) assert.ok(!text.includes(spelling), `${name} shows ${spelling}`);
        }
        assert.equal(exchange.headers['x-debug'], REDACTED);
      }
    } finally {
      server.close();
    }
  });

  // A server may escape every character of the token it echoes, letters too: the scrubber decodes such
  // escapes before it searches, since the HTML report pretty-prints a JSON body and so decodes it.
  describe('a token echoed with its characters escaped', () => {
    const token = 'Tok3nSecretValue42';
    const plainBefore = '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"things \\"x\\" not found for ';
    const plainAfter = '","reason":"NotFound","code":404}';

    /** Answers 404 with `plainBefore`, the path's last segment (the echo, as sent) and `plainAfter`. */
    async function withEchoServer(run: (origin: string) => Promise<void>): Promise<void> {
      const server = createServer((req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(`${plainBefore}${decodeURIComponent(String(req.url).slice(1))}${plainAfter}`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      } finally {
        server.close();
      }
    }

    /** The body the server sends for an echo, as the client records it. */
    async function echoed(origin: string, echo: string, maxBodyBytes = 65536): Promise<{ body: string; truncated: boolean }> {
      const client = new HttpClient({ server: origin, tls: { rejectUnauthorized: true }, authHeaders: { authorization: `Bearer ${token}` } }, { timeoutMs: 5000, maxBodyBytes });
      const exchange = await client.send({ method: 'GET', path: `/${encodeURIComponent(echo)}` }).finally(() => client.close());
      assert.equal(exchange.status, 404);
      return { body: exchange.bodyText, truncated: exchange.truncated };
    }

    /** Every format's report of a run whose one response has this body, with and without colour. */
    function reports(body: string, colors: readonly boolean[] = [false, true]): Map<string, string> {
      const results = brokenServerResults();
      const [item] = results.items;
      item!.response = { status: 404, headers: { 'content-type': 'application/json' }, body };
      const rendered = new Map<string, string>();
      for (const [name, reporter] of REPORTERS) for (const color of colors) rendered.set(`${name}${color ? ' (colour)' : ''}`, reporter.render(results, { color }));
      return rendered;
    }

    const hex = (char: string): string => char.charCodeAt(0).toString(16).padStart(2, '0');
    /** The token with each character spelled by `escape` (given its index too). */
    const each = (escape: (char: string, index: number) => string): string[] => [...token].map(escape);
    // Spelled character by character, so that a test can cut between and inside the spellings.
    const forms: ReadonlyArray<[string, string[]]> = [
      ['JSON \\u escapes, every character', each((c) => `\\u00${hex(c)}`)],
      ['JSON \\u escapes, upper-case hex', each((c) => `\\u00${hex(c).toUpperCase()}`)],
      ['JSON \\u escapes mixed with plain characters', each((c, i) => (i % 2 === 0 ? `\\u00${hex(c)}` : c))],
      ['JSON \\u escapes after plain characters', each((c, i) => (i < 5 ? c : `\\u00${hex(c)}`))],
      ['percent-encoded, upper-case hex', each((c) => `%${hex(c).toUpperCase()}`)],
      ['percent-encoded, lower-case hex', each((c) => `%${hex(c)}`)],
      ['percent-encoded, mixed hex case', each((c, i) => `%${i % 2 === 0 ? hex(c) : hex(c).toUpperCase()}`)],
      ['HTML decimal references', each((c) => `&#${c.charCodeAt(0)};`)],
      ['HTML hex references', each((c) => `&#x${hex(c)};`)],
    ];

    /** The text as a reader decodes it (HTML references, JSON `\u` escapes behind any number of backslashes, percent escapes), lower-cased. */
    function decoded(text: string): string {
      const char = (whole: string, code: number): string => (code <= 0x10ffff ? String.fromCodePoint(code) : whole);
      let out = text;
      for (let round = 0; round < 3; round++) {
        out = out
          .replace(/&amp;/gi, '&')
          .replace(/&#x([0-9a-f]{1,6});?/gi, (whole, digits: string) => char(whole, Number.parseInt(digits, 16)))
          .replace(/&#([0-9]{1,7});?/g, (whole, digits: string) => char(whole, Number(digits)))
          .replace(/\\+u([0-9a-f]{4})/gi, (whole, digits: string) => char(whole, Number.parseInt(digits, 16)))
          .replace(/%([0-9a-f]{2})/gi, (whole, digits: string) => char(whole, Number.parseInt(digits, 16)));
      }
      return out.toLowerCase();
    }

    it('is in no format, plain or encoded, for each form: JSON \\u (whole, mixed), percent (either hex case, mixed), HTML decimal and hex references', async () => {
      await withEchoServer(async (origin) => {
        for (const [form, spelling] of forms) {
          const echo = spelling.join('');
          const { body } = await echoed(origin, echo);
          assert.equal(body, `${plainBefore}${REDACTED}${plainAfter}`, form);
          for (const [name, text] of reports(body)) {
            assert.ok(!text.includes(echo), `${name} shows the token ${form}`);
            assert.ok(!decoded(text).includes(token.toLowerCase()), `${name} shows the token ${form}, decoded`);
          }
        }
      });
    });

    it('keeps none of its start when the body is cut at the size cap inside it, between escapes or inside one', async () => {
      await withEchoServer(async (origin) => {
        for (const [form, spelling] of forms) {
          // Where each character's spelling starts in the echo: cut there, and two characters in.
          const starts = spelling.map((_, i) => spelling.slice(0, i).join('').length);
          for (let kept = 3; kept < spelling.length; kept++) {
            for (const inside of spelling[kept]!.length > 2 ? [0, 2] : [0]) {
              const { body, truncated } = await echoed(origin, spelling.join(''), plainBefore.length + starts[kept]! + inside);
              assert.equal(truncated, true);
              assert.equal(body, `${plainBefore}${REDACTED}`, `${form}, cut after ${kept} characters${inside ? ' and inside the next' : ''}`);
              // Three characters are a word's start (`tok`en); four are the token's own. The body is all a
              // report shows of the echo, so two cuts stand for the rest.
              if (kept === 4 || kept === spelling.length - 1) for (const [name, text] of reports(body, [false])) assert.ok(!decoded(text).includes(token.slice(0, kept).toLowerCase()), `${name} shows ${kept} characters of the token ${form}`);
            }
          }
        }
      });
    });

    it('leaves a body without the token as it came, escapes and all, whole and cut', async () => {
      await withEchoServer(async (origin) => {
        // Escapes of other text, and of a start of the token too short to give it away, or not followed by the rest.
        const others = ['\\u003cb\\u003e%20&#33;&#x41;%41', '%54%6F%6B%33%6E%20and more', '\\u0054\\u006f\\u006bens', '&#84;&#111;kens'];
        for (const echo of others) {
          assert.equal((await echoed(origin, echo)).body, `${plainBefore}${echo}${plainAfter}`, echo);
          const cut = await echoed(origin, echo, plainBefore.length + echo.length - 1);
          assert.equal(cut.body, `${plainBefore}${echo.slice(0, -1)}`, `${echo}, cut`);
        }
      });
    });
  });

  it('redacts credentials in URLs and query strings wherever text holds them', () => {
    assert.equal(redactText('https://u:p@host:6443/x?limit=1&token=abc&watch=1'), `https://${REDACTED}@host:6443/x?limit=1&token=${REDACTED}&watch=1`);
    assert.equal(redactText('GET /api/v1/pods?limit=1&continue=abc'), 'GET /api/v1/pods?limit=1&continue=abc');
  });

  // redactItem gives back a request or a response with nothing to replace as it is; these hold it to
  // the rules it applies, field by field, on every mix of credentials and plain values.
  it('redacts an item as the rules say, field by field, and shares the parts of one with nothing to redact', () => {
    const names = fc.constantFrom('Authorization', 'authorization', 'X-Auth-Token', 'x-secretary', 'content-type', 'Set-Cookie', 'www-authenticate', 'x-session-id', 'retry-after');
    const headers = fc.dictionary(names, fc.string(), { maxKeys: 4, noNullPrototype: true });
    const texts = fc.oneof(fc.constantFrom('line 7', 'f.har#3', 'https://u:p@h/x', 'GET /x?token=abc → 404', 'a@b', 'a=b'), fc.string());
    const bodies = fc.constantFrom('{"kind":"Status"}', '{"kind":"Secret","data":{"a":"b"}}', '{"kind":"Secret","data":{"a":"b"', 'Secret');
    // Plain objects, as the results model holds: structuredClone makes no others.
    const plain = { noNullPrototype: true };
    const request = fc.record({ method: fc.constant('GET'), path: texts, headers, body: bodies }, { requiredKeys: ['method', 'path', 'headers'], ...plain });
    const response = fc.record({ status: fc.constant(404), headers, body: bodies }, { requiredKeys: ['status', 'headers'], ...plain });
    const items = fc
      .record({ title: texts, location: texts, request, response }, { requiredKeys: ['title', 'location'], ...plain })
      .map((members): ResultItem => ({ id: 'response-1', ...members, checks: [] }));
    fc.assert(
      fc.property(items, (item) => {
        const before = structuredClone(item);
        const redacted = redactItem(item);
        assert.deepEqual(item, before, 'changed in place');
        const expected = byTheRules(before);
        assert.deepEqual(redacted, expected);
        assert.deepEqual(JSON.stringify(redacted), JSON.stringify(expected));
        // Nothing to redact: a copy of the item that shares its parts.
        if (isDeepStrictEqual(expected, before)) for (const member of ['request', 'response'] as const) assert.equal(redacted[member], item[member]);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows a credential header on every response, past the names it keeps', () => {
    const header = (i: number): Record<string, string> => ({ [`x-token-${i}`]: 'secret', [`x-plain-${i}`]: 'plain' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 1500; i++) {
        const { response } = redactItem({ id: 'r', title: 't', location: 'l', response: { status: 401, headers: header(i) }, checks: [] });
        assert.deepEqual(response!.headers, { [`x-token-${i}`]: REDACTED, [`x-plain-${i}`]: 'plain' });
      }
    }
  });
});

/** The headers with every credential header's value replaced, name by name. */
const headersByTheRules = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialHeader(name) ? REDACTED : value]));

/** A recorded body through its rule, when there is one. */
const bodyByTheRules = (body: string | undefined): { body?: string } => (body !== undefined ? { body: redactBody(body) } : {});

/** What redactItem must give: every text, header and body through its rule, in a copy. */
function byTheRules(item: ResultItem): ResultItem {
  const { request, response } = item;
  return {
    ...item,
    title: redactText(item.title),
    location: redactText(item.location),
    ...(request ? { request: { ...request, path: redactText(request.path), headers: headersByTheRules(request.headers), ...bodyByTheRules(request.body) } } : {}),
    ...(response ? { response: { ...response, headers: headersByTheRules(response.headers), ...bodyByTheRules(response.body) } } : {}),
  };
}
