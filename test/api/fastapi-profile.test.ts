// needs: python
/**
 * The built-in `fastapi` profile on a real FastAPI app run by uvicorn
 * (test/fixtures/api/fastapi/profiles_app.py: app.py with a body limit and its 401 and 413 declared).
 * The clean app has no MUST finding; each defect seeded into it (one per probe) is found by that probe;
 * `auto` picks `fastapi`; the wrong profile and a missing token are each said once, in every format.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { FORMAT_NAMES } from '../../conformance/reporters/index.js';
import { FASTAPI_TOKEN, fastapiVenv, type RunningApp, startUvicorn } from '../fixtures/api/fastapi/server.js';
import { runCli } from '../helpers/cli.js';

const venv = await fastapiVenv();
const unavailable = 'unavailable' in venv ? venv.unavailable : undefined;
// CI installs python3-venv (.ci/run) and reaches PyPI; only a developer's machine without them may skip.
const skip = unavailable !== undefined && !process.env.CI ? `${unavailable}; CI runs this test` : false;

/** A response's status and its findings as `LEVEL check-id`, each once, sorted. */
type Outcome = [number | undefined, string[]];

const outcomeOf = (results: Results, id: string): Outcome => {
  const item = results.items.find((i) => i.id === id);
  assert.ok(item, `no result ${id}`);
  const findings = item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => `${f.level} ${f.checkId}`) : []));
  return [item.response?.status, [...new Set(findings)].sort()];
};

/** Every response with a finding, and what it is. */
const reported = (results: Results): Record<string, Outcome> =>
  Object.fromEntries(results.items.filter((item) => item.checks.some((c) => c.outcome === 'fail')).map((item) => [item.id, outcomeOf(results, item.id)]));

/** Starlette's 405s: `Allow` names the route's own methods only, and FastAPI declares no 405. SHOULDs of the framework's. */
const STARLETTE_405: Record<string, Outcome> = {
  'method-not-allowed:GET /items': [405, ['SHOULD allow-header', 'SHOULD response-declared']],
  'method-not-allowed:GET /items/{item_id}': [405, ['SHOULD allow-header', 'SHOULD response-declared']],
};

async function start(defects: readonly string[] = []): Promise<RunningApp> {
  if ('unavailable' in venv) throw new Error(venv.unavailable);
  return startUvicorn(venv.python, 'profiles_app:app', { STATUSLINT_DEFECTS: defects.join(',') });
}

async function probe(app: RunningApp, ...flags: string[]): Promise<{ code: number | null; results: Results; stdout: string }> {
  const run = await runCli(['probe', '--openapi', `${app.url}/openapi.json`, '--server', app.url, '--allow-writes', '--format', 'json', ...flags]);
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.code, results: JSON.parse(run.stdout) as Results, stdout: run.stdout };
}

describe('the clean FastAPI app and the fastapi profile', { skip }, () => {
  let app: RunningApp;

  before(async () => {
    app = await start();
  });
  after(() => app?.close());

  it("has no MUST finding: FastAPI's `{detail}` bodies and its 422s are what the profile expects", async () => {
    const { code, results } = await probe(app, '--profile', 'fastapi', '--token', FASTAPI_TOKEN);
    assert.deepEqual(reported(results), STARLETTE_405);
    const validation = results.items.find((i) => i.id === 'missing-field:POST /items')!;
    assert.equal(validation.expected?.status, 422);
    assert.deepEqual(Object.keys(JSON.parse(validation.response!.body!) as object), ['detail']);
    assert.equal(validation.checks.find((c) => c.checkId === 'schema')?.outcome, 'pass');
    assert.equal(validation.checks.find((c) => c.checkId === 'message-present')?.outcome, 'pass');
    assert.equal(results.diagnostics, undefined);
    assert.equal(code, 0);
  });

  it('`--profile auto` picks fastapi from the first error bodies and says so', async () => {
    const { code, results } = await probe(app, '--profile', 'auto', '--token', FASTAPI_TOKEN);
    assert.equal(results.profile, 'fastapi');
    assert.deepEqual(results.diagnostics, [{ kind: 'profile-picked', profile: 'fastapi', fits: 3, of: 3, seen: [{ shape: '{detail}', count: 3 }] }]);
    assert.deepEqual(reported(results), STARLETTE_405);
    assert.equal(code, 0);
  });

  it('with --profile problem: "0 of 10 error bodies are problem details" once, with the shape seen, in place of a schema MUST on each', async () => {
    const { code, results, stdout } = await probe(app, '--profile', 'problem', '--token', FASTAPI_TOKEN);
    assert.deepEqual(results.diagnostics, [
      {
        kind: 'profile-mismatch',
        level: 'MUST',
        profile: 'problem',
        shape: 'are problem details',
        fits: 0,
        of: 10,
        seen: [{ shape: '{detail}', count: 10 }],
        fitting: { profile: 'fastapi', fits: 10 },
        responses: 10,
      },
    ]);
    const failed = results.items.flatMap((item) => item.checks.filter((c) => c.outcome === 'fail').map((c) => c.checkId));
    assert.ok(!failed.includes('schema'), failed.join(', '));
    const schema = results.items.find((i) => i.id === 'unknown-id:GET /items/{item_id}')!.checks.find((c) => c.checkId === 'schema');
    assert.match(schema?.outcome === 'skip' ? schema.reason : '', /said once for the run \(profile mismatch\)/);
    assert.equal(code, 1);

    // Every format says it, once, at the top of the run.
    const file = join(mkdtempSync(join(tmpdir(), 'statuslint-fastapi-profile-')), 'results.json');
    writeFileSync(file, stdout);
    const sentence = '0 of 10 error bodies are problem details (said once here for 10 responses); seen: {detail} (10); the fastapi profile fits 10: run with --profile fastapi';
    for (const format of FORMAT_NAMES) {
      const report = await runCli(['report', file, '--format', format]);
      assert.equal(report.code, 1, `${format}: ${report.stderr}`);
      const text = format === 'json' ? JSON.stringify(JSON.parse(report.stdout).diagnostics) : report.stdout;
      const expected = format === 'json' ? '"profile-mismatch"' : format === 'html' ? sentence.replace(/&/g, '&amp;') : sentence;
      // JUnit repeats a failure's message as its text.
      assert.equal(text.split(expected).length - 1, format === 'junit' ? 2 : 1, `${format}:\n${report.stdout.slice(0, 3000)}`);
    }
  });

  it('without the token: the one operation that needs it is named once, not blamed for its 401', async () => {
    const { code, results } = await probe(app, '--profile', 'fastapi');
    assert.deepEqual(results.diagnostics, [{ kind: 'credentials-missing', operations: ['DELETE /items/{item_id}'], operationCount: 1, responses: 1 }]);
    const unknown = results.items.find((i) => i.id === 'unknown-id:DELETE /items/{item_id}')!;
    assert.deepEqual([unknown.expected?.status, unknown.response?.status], [404, 401]);
    assert.match((unknown.checks.find((c) => c.checkId === 'status-code-expected') as { reason?: string }).reason ?? '', /no credentials were given/);
    assert.deepEqual(reported(results), STARLETTE_405);
    assert.equal(code, 0);
  });
});

/** What each defect seeded into profiles_app.py makes its probe report, besides Starlette's 405s. */
const FOUND: Readonly<Record<string, Record<string, Outcome>>> = {
  'unknown-id': {
    'unknown-id:GET /items/{item_id}': [500, ['MUST status-code-expected', 'SHOULD content-type-json', 'SHOULD response-declared']],
    // A deleted item is a missing one: use-after-delete's read meets the same 500.
    'use-after-delete:GET /items/{item_id}': [500, ['MUST status-code-expected', 'SHOULD content-type-json', 'SHOULD response-declared']],
  },
  'malformed-json': { 'malformed-json:POST /items': [500, ['MUST status-code-expected', 'SHOULD content-type-json', 'SHOULD response-declared']] },
  'missing-field': { 'missing-field:POST /items': [201, ['MUST status-code-expected']] },
  'wrong-content-type': { 'wrong-content-type:POST /items': [400, ['MUST status-code-expected', 'SHOULD response-declared']] },
  'method-not-allowed': {
    'method-not-allowed:GET /items': [404, ['MUST status-code-expected', 'SHOULD response-declared']],
    'method-not-allowed:GET /items/{item_id}': [404, ['MUST status-code-expected']],
  },
  'body-too-large': { 'body-too-large:POST /items': [422, ['MUST status-code-expected', 'SHOULD response-complete']] },
  'no-credentials': { 'no-credentials:DELETE /items/{item_id}': [204, ['MUST status-code-expected']] },
};

describe('each defect seeded into the FastAPI app is found by its probe', { skip }, () => {
  for (const [defect, expected] of Object.entries(FOUND)) {
    it(defect, async () => {
      const app = await start([defect]);
      try {
        const { code, results } = await probe(app, '--profile', 'fastapi', '--token', FASTAPI_TOKEN);
        const others = defect === 'method-not-allowed' ? {} : STARLETTE_405;
        assert.deepEqual(reported(results), { ...others, ...expected });
        assert.equal(code, 1);
      } finally {
        await app.close();
      }
    });
  }
});
