/**
 * A real NestJS app (@nestjs/core on Express, its default exception filter) judged by the built-in
 * `nestjs` profile: the clean app has no finding at all, and each defect seeded into a copy of it (one
 * per probe, test/fixtures/api/nest/app.js) is found by that probe, finding by finding. `auto` picks
 * `nestjs` from the app's own error bodies, and a run without the bearer token says so once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { DEFECTS, NEST_TOKEN, type RunningApp, startApp } from '../fixtures/api/nest/app.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const DOCUMENT = fixture('api', 'nest', 'openapi.yaml');

/** A response's status and its findings as `LEVEL check-id`, each once, sorted. */
type Outcome = [number | undefined, string[]];

const outcomeOf = (results: Results, id: string): Outcome => {
  const item = results.items.find((i) => i.id === id);
  assert.ok(item, `no result ${id}`);
  const findings = item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => `${f.level} ${f.checkId}`) : []));
  return [item.response?.status, [...new Set(findings)].sort()];
};

/** Every response with a finding or without an answer: what a run reports. */
const reported = (results: Results): string[] =>
  results.items.filter((item) => item.error !== undefined || item.checks.some((c) => c.outcome === 'fail')).map((item) => item.id).sort();

async function probe(app: RunningApp, ...flags: string[]): Promise<{ code: number | null; results: Results }> {
  const run = await runCli(['probe', '--openapi', DOCUMENT, '--server', app.url, '--allow-writes', '--format', 'json', ...flags]);
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.code, results: JSON.parse(run.stdout) as Results };
}

describe('the clean NestJS app', () => {
  let app: RunningApp;
  let results: Results;
  let code: number | null;

  before(async () => {
    app = await startApp();
    ({ code, results } = await probe(app, '--profile', 'nestjs', '--token', NEST_TOKEN));
  });
  after(() => app?.close());

  it('runs every probe that applies, and none of them finds anything: conformant', () => {
    assert.deepEqual(results.items.map((i) => i.id).sort(), [
      'body-too-large:POST /widgets',
      'create-existing:POST /widgets',
      'malformed-json:POST /widgets',
      'method-not-allowed:GET /widgets',
      'method-not-allowed:GET /widgets/{name}',
      'missing-field:POST /widgets',
      'missing-query-param:GET /widgets',
      'no-credentials:DELETE /widgets/{name}',
      'no-credentials:POST /widgets',
      'unknown-id:DELETE /widgets/{name}',
      'unknown-id:GET /widgets/{name}',
      'valid-read:GET /widgets',
      'valid-read:GET /widgets/{name}',
      'wrong-content-type:POST /widgets',
    ]);
    assert.deepEqual(reported(results), []);
    // It runs after create-existing, whose example object is still there: its own create of that example is refused.
    assert.deepEqual(results.notRun?.filter((entry) => entry.probeId === 'use-after-delete'), [
      { probeId: 'use-after-delete', operation: 'GET /widgets/{name}', reason: 'its step `POST /widgets` answered 409, not a success: nothing to build on' },
    ]);
    assert.equal(results.diagnostics, undefined);
    assert.equal(code, 0);
  });

  it("judges Nest's own bodies: a list of validation messages, and a 413 without `error` (optional in the profile)", () => {
    const missing = results.items.find((i) => i.id === 'missing-field:POST /widgets')!;
    assert.deepEqual(JSON.parse(missing.response!.body!), { message: ['name must be a string', 'name should not be empty'], error: 'Bad Request', statusCode: 400 });
    assert.deepEqual(missing.expected, { status: 400, reason: 'Bad Request' });
    const tooLarge = results.items.find((i) => i.id === 'body-too-large:POST /widgets')!;
    assert.deepEqual(JSON.parse(tooLarge.response!.body!), { statusCode: 413, message: 'request entity too large' });
    assert.equal(tooLarge.checks.find((c) => c.checkId === 'reason-expected')?.outcome, 'skip');
    const unknown = results.items.find((i) => i.id === 'unknown-id:GET /widgets/{name}')!;
    assert.equal(unknown.checks.find((c) => c.checkId === 'reason-expected')?.outcome, 'pass');
  });

  it('`--profile auto` picks nestjs from its error bodies and says so', async () => {
    const auto = await probe(app, '--profile', 'auto', '--token', NEST_TOKEN);
    assert.equal(auto.results.profile, 'nestjs');
    assert.deepEqual(auto.results.diagnostics, [{ kind: 'profile-picked', profile: 'nestjs', fits: 4, of: 4, seen: [{ shape: '{message, error, statusCode}', count: 4 }] }]);
    assert.deepEqual(reported(auto.results), []);
    assert.equal(auto.code, 0);
  });

  it('without the bearer token: one note, not a status finding on each 401 of a secured operation', async () => {
    const anonymous = await probe(app, '--profile', 'nestjs');
    assert.deepEqual(anonymous.results.diagnostics, [
      { kind: 'credentials-missing', operations: ['DELETE /widgets/{name}', 'POST /widgets'], operationCount: 2, responses: 4 },
    ]);
    for (const id of ['unknown-id:DELETE /widgets/{name}', 'create-existing:POST /widgets', 'missing-field:POST /widgets', 'wrong-content-type:POST /widgets']) {
      const item = anonymous.results.items.find((i) => i.id === id)!;
      assert.equal(item.response?.status, 401, id);
      assert.match((item.checks.find((c) => c.checkId === 'status-code-expected') as { reason?: string }).reason ?? '', /no credentials were given/, id);
    }
    assert.deepEqual(reported(anonymous.results), []);
    assert.equal(anonymous.code, 0);
  });
});

/** What each seeded defect makes its probe report, and nothing else in the run. */
const FOUND: Readonly<Record<keyof typeof DEFECTS & string, Record<string, Outcome>>> = {
  'unknown-id': { 'unknown-id:GET /widgets/{name}': [500, ['MUST status-code-expected', 'SHOULD response-declared']] },
  'malformed-json': { 'malformed-json:POST /widgets': [500, ['MUST status-code-expected', 'SHOULD response-declared']] },
  'missing-field': { 'missing-field:POST /widgets': [201, ['MUST status-code-expected']] },
  'wrong-content-type': { 'wrong-content-type:POST /widgets': [400, ['MUST reason-expected', 'MUST status-code-expected']] },
  'method-not-allowed': {
    'method-not-allowed:GET /widgets': [404, ['MUST reason-expected', 'MUST status-code-expected', 'SHOULD response-declared']],
    'method-not-allowed:GET /widgets/{name}': [404, ['MUST reason-expected', 'MUST status-code-expected']],
  },
  'missing-query-param': { 'missing-query-param:GET /widgets': [200, ['MUST status-code-expected']] },
  'no-credentials': { 'no-credentials:DELETE /widgets/{name}': [204, ['MUST status-code-expected']] },
  'create-existing': { 'create-existing:POST /widgets': [201, ['MUST status-code-expected']] },
  'body-too-large': { 'body-too-large:POST /widgets': [400, ['MUST reason-expected', 'MUST status-code-expected']] },
};

describe('each defect seeded into a copy of the NestJS app is found by its probe', () => {
  it('covers every defect the fixture can seed', () => {
    assert.deepEqual(Object.keys(FOUND).sort(), Object.keys(DEFECTS).sort());
  });

  for (const [defect, expected] of Object.entries(FOUND)) {
    it(`${defect}: ${DEFECTS[defect]}`, async () => {
      const app = await startApp({ defects: [defect] });
      try {
        const { code, results } = await probe(app, '--profile', 'nestjs', '--token', NEST_TOKEN);
        assert.deepEqual(reported(results), Object.keys(expected).sort());
        for (const [id, outcome] of Object.entries(expected)) assert.deepEqual(outcomeOf(results, id), outcome, id);
        assert.equal(code, 1);
      } finally {
        await app.close();
      }
    });
  }
});
