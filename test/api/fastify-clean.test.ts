/**
 * The built-in `fastify` profile on a clean Fastify app (test/fixtures/api/fastify-clean: the
 * clusters API on Fastify's built-in error handler, refusing text/plain with Fastify's own 415 and
 * answering the methods a path lacks with 405 and `Allow`): no finding at all. Each defect seeded into
 * a copy of it, one per probe, is found by that probe, finding by finding.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { buildApp, DEFECTS, FASTIFY_TOKEN } from '../fixtures/api/fastify-clean/app.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const DOCUMENT = fixture('api', 'fastify-clean', 'openapi.yaml');

/** A response's status and its findings as `LEVEL check-id`, each once, sorted. */
type Outcome = [number | undefined, string[]];

/** Every response with a finding or without an answer, and what it is. */
const reported = (results: Results): Record<string, Outcome> =>
  Object.fromEntries(
    results.items
      .filter((item) => item.error !== undefined || item.checks.some((c) => c.outcome === 'fail'))
      .map((item) => [item.id, [item.response?.status, [...new Set(item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => `${f.level} ${f.checkId}`) : [])))].sort()]]),
  );

async function probeApp(defects: readonly string[]): Promise<{ code: number | null; results: Results }> {
  const app = buildApp({ defects });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const run = await runCli(['probe', '--openapi', DOCUMENT, '--server', url, '--profile', 'fastify', '--token', FASTIFY_TOKEN, '--allow-writes', '--format', 'json']);
    assert.equal(run.stderr, '', run.stderr);
    return { code: run.code, results: JSON.parse(run.stdout) as Results };
  } finally {
    await app.close();
  }
}

/** What each seeded defect makes its probe report, and nothing else in the run. */
const FOUND: Readonly<Record<string, Record<string, Outcome>>> = {
  'unknown-id': { 'unknown-id:GET /clusters/{name}': [200, ['MUST status-code-expected']] },
  'malformed-json': { 'malformed-json:POST /clusters': [500, ['MUST reason-expected', 'MUST status-code-expected', 'SHOULD response-declared']] },
  'missing-field': { 'missing-field:POST /clusters': [201, ['MUST status-code-expected']] },
  'wrong-content-type': { 'wrong-content-type:POST /clusters': [400, ['MUST reason-expected', 'MUST status-code-expected']] },
  'method-not-allowed': {
    'method-not-allowed:GET /clusters': [404, ['MUST reason-expected', 'MUST status-code-expected', 'SHOULD response-declared']],
    'method-not-allowed:GET /clusters/{name}': [404, ['MUST reason-expected', 'MUST status-code-expected']],
  },
  'missing-query-param': { 'missing-query-param:GET /clusters': [200, ['MUST status-code-expected']] },
  'no-credentials': { 'no-credentials:DELETE /clusters/{name}': [204, ['MUST status-code-expected']] },
  'create-existing': { 'create-existing:POST /clusters': [201, ['MUST status-code-expected']] },
  'body-too-large': { 'body-too-large:POST /clusters': [400, ['MUST reason-expected', 'MUST status-code-expected']] },
};

describe('a clean Fastify app and the fastify profile', () => {
  it('every probe runs and finds nothing: conformant', async () => {
    const { code, results } = await probeApp([]);
    assert.equal(results.items.length, 16);
    assert.deepEqual(reported(results), {});
    const refused = results.items.find((i) => i.id === 'wrong-content-type:POST /clusters')!;
    assert.match(refused.response!.body!, /"code":"FST_ERR_CTP_INVALID_MEDIA_TYPE"/);
    assert.equal(code, 0);
  });

  it('covers every defect the fixture can seed', () => {
    assert.deepEqual(Object.keys(FOUND).sort(), Object.keys(DEFECTS).sort());
  });

  for (const [defect, expected] of Object.entries(FOUND)) {
    it(`finds the seeded ${defect}: ${DEFECTS[defect]}`, async () => {
      const { code, results } = await probeApp([defect]);
      assert.deepEqual(reported(results), expected);
      assert.equal(code, 1);
    });
  }
});
