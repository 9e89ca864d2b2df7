/**
 * probe --openapi on an API that throttles: a 429 the probe did not ask for is waited out as
 * `Retry-After` says and asked again, as the Kubernetes probes do; a 429 that lasts is judged by the
 * passive checks only, never as the wrong answer to the probe's question.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROBE_CHECKS } from '../../conformance/checks/index.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-throttled-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const documentPath = join(scratch, 'openapi.json');
writeFileSync(
  documentPath,
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'throttled', version: '1' },
    paths: {
      '/items/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'ok' }, '404': { description: 'missing' }, '429': { description: 'slow down' } },
        },
      },
    },
  }),
);

/** Answers the first `throttle` requests with 429 and `Retry-After: 1`, then the right 404. */
async function startApi(throttle: number) {
  let seen = 0;
  const server = createServer((_req, res) => {
    seen++;
    if (seen <= throttle) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ error: 'rate_limited', message: 'slow down', requestId: `r-${seen}` }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not_found', message: 'no such item', requestId: `r-${seen}` }));
  });
  return { ...(await listenLocal(server)), seen: () => seen };
}

async function probe(url: string): Promise<Results> {
  const run = await runCli(['probe', '--openapi', documentPath, '--server', url, '--profile', 'envelope', '--probe', 'unknown-id', '--format', 'json']);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout) as Results;
}

describe('probe --openapi on an API that throttles', () => {
  it('waits as Retry-After says and judges the answer that comes after', async () => {
    const api = await startApi(1);
    try {
      const [item] = (await probe(api.url)).items;
      assert.equal(api.seen(), 2);
      assert.equal(item?.response?.status, 404);
      assert.deepEqual(findingsOfItem(item!), []);
    } finally {
      await api.close();
    }
  });

  it('a 429 that lasts skips the probe checks, saying why, and is no status-code finding', async () => {
    const api = await startApi(Number.POSITIVE_INFINITY);
    try {
      const [item] = (await probe(api.url)).items;
      assert.equal(api.seen(), 4);
      assert.equal(item?.response?.status, 429);
      const probeChecks = item!.checks.filter((c) => PROBE_CHECKS.some((p) => p.id === c.checkId));
      assert.ok(probeChecks.length > 0);
      for (const check of probeChecks) assert.match(check.outcome === 'skip' ? check.reason : `not skipped: ${check.checkId}`, /answered 429 to each of 4 tries/);
      assert.ok(!findingsOfItem(item!).some((f) => f.checkId === 'status-code-expected'));
    } finally {
      await api.close();
    }
  });
});
