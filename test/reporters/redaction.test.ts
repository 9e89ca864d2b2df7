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
