// A server that throttles (kube-apiserver's priority and fairness, or a new custom resource's storage
// still initialising, answer 429 before looking at a request) must not be blamed for the answer the
// probe did not get: the probe waits as `Retry-After` says and asks again. Also: a probe run reports
// how long discovery, the sample lists, planning and the probes took, apart.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { CheckResult } from '../../conformance/check.js';
import { PROBE_CHECKS } from '../../conformance/checks/index.js';
import stylish from '../../conformance/reporters/stylish.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { builtinProfile } from '../../schemas/index.js';
import { type BrokenServer, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { forward, listenLocal } from '../helpers/servers.js';

/** The get-missing probe's request for core configmaps: the one request the proxy throttles. */
const THROTTLED_PATH = /^\/api\/v1\/namespaces\/default\/configmaps\/statuslint-missing-/;

interface Proxy {
  url: string;
  /** How many requests to the throttled path arrived. */
  seen: () => number;
  close: () => Promise<void>;
}

/** In front of the clean broken server: the first `throttle` requests to THROTTLED_PATH get kube-apiserver's 429. */
async function throttlingProxy(backend: BrokenServer, throttle: number, retryAfter: string): Promise<Proxy> {
  let seen = 0;
  const server = createServer((req, res) => {
    if (!THROTTLED_PATH.test(req.url ?? '')) return forward(req, res, backend.url);
    seen++;
    if (seen > throttle) return forward(req, res, backend.url);
    // What kube-apiserver's priority and fairness filter sends.
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
    res.end(JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: Number(retryAfter) },
      code: 429,
    }));
  });
  const listening = await listenLocal(server);
  return { url: listening.url, seen: () => seen, close: listening.close };
}

async function probeThrough(proxy: Proxy): Promise<{ results: Results; ms: number }> {
  const started = performance.now();
  const results = await runProbes(
    { server: proxy.url, tls: { rejectUnauthorized: true }, authHeaders: { authorization: `Bearer ${GOOD_TOKEN}` } },
    { ...DEFAULT_PROBE_OPTIONS, profile: builtinProfile('kubernetes'), filter: { resources: ['configmaps'] }, probeIds: ['get-missing'], allowWrites: false },
  );
  return { results, ms: performance.now() - started };
}

describe('a probe the server throttles', () => {
  let backend: BrokenServer;
  before(async () => {
    backend = await startBrokenServer({ defects: [] });
  });
  after(() => backend.close());

  it('waits as Retry-After says, asks again and judges the answer it then gets', async () => {
    const proxy = await throttlingProxy(backend, 2, '1');
    try {
      const { results, ms } = await probeThrough(proxy);
      const item = results.items.find((i) => i.probeId === 'get-missing');
      assert.equal(proxy.seen(), 3);
      assert.equal(item?.response?.status, 404);
      assert.deepEqual(findingsOfItem(item!), []);
      assert.equal(item!.checks.find((c) => c.checkId === 'status-code-expected')?.outcome, 'pass');
      // Two waits of the one second Retry-After asked for.
      assert.ok(ms >= 2000, `the run took ${ms} ms: it did not wait`);
    } finally {
      await proxy.close();
    }
  });

  it('after the last retry, judges the 429 by itself and skips the probe\'s own checks, saying why', async () => {
    const proxy = await throttlingProxy(backend, Number.POSITIVE_INFINITY, '0');
    try {
      const { results } = await probeThrough(proxy);
      const item = results.items.find((i) => i.probeId === 'get-missing');
      assert.equal(proxy.seen(), 4);
      assert.equal(item?.response?.status, 429);
      assert.deepEqual(findingsOfItem(item!), []);
      for (const check of PROBE_CHECKS) {
        const result: CheckResult | undefined = item!.checks.find((c) => c.checkId === check.id);
        assert.equal(result?.outcome, 'skip', check.id);
        assert.match(result.outcome === 'skip' ? result.reason : '', /429 to each of 4 tries.*throttling/);
      }
      assert.equal(item!.checks.find((c) => c.checkId === 'retry-guidance')?.outcome, 'pass');
    } finally {
      await proxy.close();
    }
  });
});

describe('the phases of a probe run', () => {
  it('are timed apart, within the run\'s wall time, and the stylish report shows them', async () => {
    const backend = await startBrokenServer({ defects: [] });
    const proxy = await throttlingProxy(backend, 0, '0');
    try {
      const { results, ms } = await probeThrough(proxy);
      const { discoveryMs, samplesMs, planningMs, probesMs } = results.timing!;
      for (const phase of [discoveryMs, samplesMs, planningMs, probesMs]) assert.ok(Number.isFinite(phase) && phase >= 0, String(phase));
      // Discovery reads five documents and the probe sends one request: neither takes no time at all.
      assert.ok(discoveryMs > 0 && probesMs > 0, JSON.stringify(results.timing));
      assert.ok(discoveryMs + samplesMs + planningMs + probesMs <= ms, `${JSON.stringify(results.timing)} in ${ms} ms`);
      const line = stylish.render(results, { color: false }).split('\n').find((l) => l.startsWith('timing: '));
      assert.match(line ?? '', /^timing: discovery [\d.]+ m?s, sample lists [\d.]+ m?s, planning [\d.]+ m?s, probes [\d.]+ m?s$/);
    } finally {
      await proxy.close();
      await backend.close();
    }
  });
});
