/**
 * Run-wide limits and operation filters (issue #20): `--tag`, `--path` and `--method` choose the
 * operations (RE2 patterns), `--rate-limit` spaces every request, and `--max-time` stops a run of
 * either kind of probe, listing what was not sent and never calling the target conformant.
 * Assertions are on what reached a local server that records each request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { RunPace } from '../../conformance/run-core.js';
import { builtinProfile } from '../../schemas/index.js';
import { GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-run-limits-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const ok = { '200': { description: 'ok' }, '404': { description: 'missing' } };
const byId = (tags: string[]) => ({ tags, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: ok });
const documentPath = join(scratch, 'openapi.json');
writeFileSync(
  documentPath,
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'limits', version: '1' },
    paths: {
      '/items/{id}': { get: byId(['items']) },
      '/items/{id}/notes/{note}': { get: { ...byId(['items', 'notes']), parameters: [...byId([]).parameters, { name: 'note', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] } },
      '/orders/{id}': { get: byId(['orders']) },
      '/users/{id}': { get: byId(['users', 'admin']) },
      '/teams/{id}': { get: byId([]) },
    },
  }),
);

/** An API answering every request with a correct 404 envelope, after `delayMs`, recording when each arrived. */
async function startApi(delayMs = 0) {
  const arrivals: Array<{ path: string; at: number }> = [];
  let counter = 0;
  const server = createServer((req, res) => {
    arrivals.push({ path: req.url ?? '', at: performance.now() });
    setTimeout(() => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', message: 'no such object', requestId: `r-${++counter}` }));
    }, delayMs);
  });
  return { ...(await listenLocal(server)), arrivals };
}

const probe = (url: string, ...extra: string[]) => runCli(['probe', '--openapi', documentPath, '--server', url, '--profile', 'envelope', '--probe', 'unknown-id', '--format', 'json', ...extra]);
const operationsOf = (results: Results) => results.items.map((i) => i.operation).sort();

describe('operation filters', () => {
  it('--tag, --path and --method select by pattern, each list must match, and a pattern RE2 cannot run is exit 2 before any request', async () => {
    const api = await startApi();
    try {
      const tagged = await probe(api.url, '--tag', '^(orders|admin)$');
      assert.deepEqual(operationsOf(JSON.parse(tagged.stdout) as Results), ['GET /orders/{id}', 'GET /users/{id}']);
      const pathAndTag = await probe(api.url, '--path', '^/items/', '--tag', 'note');
      assert.deepEqual(operationsOf(JSON.parse(pathAndTag.stdout) as Results), ['GET /items/{id}/notes/{note}']);
      const methods = await probe(api.url, '--method', 'post|delete');
      assert.equal(methods.code, 5, methods.stderr);
      assert.deepEqual((JSON.parse(methods.stdout) as Results).items, []);
      const anyCase = await probe(api.url, '--method', 'GET', '--path', 'teams');
      assert.deepEqual(operationsOf(JSON.parse(anyCase.stdout) as Results), ['GET /teams/{id}']);

      api.arrivals.length = 0;
      const lookahead = await probe(api.url, '--path', '^(?=/items)');
      assert.equal(lookahead.code, 2);
      assert.match(lookahead.stderr, /--path: "\^\(\?=\/items\)" is not a regular expression RE2 can run/);
      assert.deepEqual(api.arrivals, []);
    } finally {
      await api.close();
    }
  });

  it('the filters need --openapi', async () => {
    const run = await runCli(['probe', '--server', 'http://127.0.0.1:1', '--tag', 'x']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--tag: needs --openapi/);
  });
});

describe('--rate-limit', () => {
  it('no two requests closer than the limit allows, with four in flight at once', async () => {
    const api = await startApi();
    try {
      const run = await probe(api.url, '--rate-limit', '8/s', '--concurrency', '4');
      assert.equal(run.code, 0, run.stderr);
      assert.equal(api.arrivals.length, 5);
      const gaps = api.arrivals.slice(1).map((a, i) => a.at - api.arrivals[i]!.at);
      // Sent 125 ms apart at 8/s: arrivals jitter by a few ms either way, but never come in a burst,
      // and the five together cannot take less than four intervals.
      assert.ok(gaps.every((gap) => gap >= 80), `gaps ${gaps.map(Math.round).join(', ')} ms`);
      assert.ok(api.arrivals.at(-1)!.at - api.arrivals[0]!.at >= 4 * 125 - 40, `gaps ${gaps.map(Math.round).join(', ')} ms`);
    } finally {
      await api.close();
    }
  });

  it('a malformed limit is exit 2 naming the flag and the form', async () => {
    const run = await runCli(['probe', '--openapi', documentPath, '--server', 'http://127.0.0.1:1', '--rate-limit', '10']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--rate-limit.*e\.g\. 10\/s, 100\/m or 1000\/h/);
  });
});

describe('--max-time', () => {
  it('probe --openapi: stops sending, lists each probe not sent, ends interrupted (exit 130), never conformant', async () => {
    const api = await startApi(700);
    try {
      const run = await probe(api.url, '--max-time', '1', '--concurrency', '1');
      assert.equal(run.code, 130, run.stderr);
      const results = JSON.parse(run.stdout) as Results & { summary: { verdict: string } };
      assert.equal(results.interrupted, true);
      assert.equal(results.summary.verdict, 'interrupted');
      // Two 700 ms answers fit before the second mark; the rest were never sent.
      assert.equal(results.items.length, 2);
      assert.equal(api.arrivals.length, 2);
      assert.deepEqual(
        results.notRun?.map((n) => [n.operation, n.reason]),
        results.notRun?.map((n) => [n.operation, "not sent: the run's --max-time of 1 s was up"]),
      );
      assert.equal(results.notRun?.length, 3);
    } finally {
      await api.close();
    }
  });

  it('probe of a Kubernetes API server: the same engine leaves out what it could not start, after discovery', async () => {
    const server = await startBrokenServer({ defects: [] });
    try {
      const pace = new RunPace({ maxTimeMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const results = await runProbes(
        { server: server.url, tls: { rejectUnauthorized: true }, authHeaders: { authorization: `Bearer ${GOOD_TOKEN}` } },
        { ...DEFAULT_PROBE_OPTIONS, profile: builtinProfile('kubernetes'), filter: {}, probeIds: ['get-missing'], allowWrites: false, pace },
      );
      assert.equal(results.interrupted, true);
      assert.deepEqual(results.items.filter((i) => i.probeId !== undefined), []);
      assert.ok((results.discovery?.groupVersions.length ?? 0) > 0, 'discovery ran');
      const left = (results.notRun ?? []).filter((n) => n.probeId === 'get-missing');
      assert.ok(left.length > 0);
      assert.ok(left.every((n) => n.reason === "not sent: the run's --max-time of 0 s was up" && n.resource !== undefined));
    } finally {
      await server.close();
    }
  });
});
