// needs: python
/**
 * The use-after-delete probe against the real FastAPI app of test/fixtures/api/fastapi (uvicorn,
 * pinned PyPI packages): the app as written deletes for real, and its copy with a seeded soft-delete
 * defect keeps serving what it deleted. A profile that takes FastAPI's own error bodies keeps the
 * assertions on what this probe finds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { FASTAPI_TOKEN, fastapiVenv, type RunningApp, startUvicorn } from '../fixtures/api/fastapi/server.js';
import { runCli } from '../helpers/cli.js';

const venv = await fastapiVenv();
const unavailable = 'unavailable' in venv ? venv.unavailable : undefined;
// CI installs python3-venv (.ci/run) and reaches PyPI; only a developer's machine without them may skip.
const skip = unavailable !== undefined && !process.env.CI ? `${unavailable}; CI runs this test` : false;

const ITEM = 'use-after-delete:GET /items/{item_id}';

describe('use-after-delete against a FastAPI app', { skip }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'statuslint-use-after-delete-'));
  const profile = join(scratch, 'fastapi.json');
  const apps: RunningApp[] = [];

  before(() => {
    // FastAPI's `{"detail": …}` bodies and its 422s, so that only the status is left to judge.
    writeFileSync(profile, JSON.stringify({ name: 'fastapi', extends: 'envelope', body: { kind: 'none' }, requestErrors: { validation: 422, parameter: 422, malformedBody: 422, mediaType: 422 } }));
  });

  after(async () => {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(scratch, { recursive: true, force: true });
  });

  async function probe(module: string, ...extra: string[]): Promise<{ code: number | null; results: Results; app: RunningApp }> {
    if ('unavailable' in venv) throw new Error(venv.unavailable);
    const app = await startUvicorn(venv.python, module);
    apps.push(app);
    const run = await runCli(['probe', '--openapi', `${app.url}/openapi.json`, '--server', app.url, '--profile', profile, '--token', FASTAPI_TOKEN, '--probe', 'use-after-delete', '--format', 'json', ...extra]);
    assert.equal(run.stderr, '', run.stderr);
    return { code: run.code, results: JSON.parse(run.stdout) as Results, app };
  }

  it('without --allow-writes it sends nothing and says why', async () => {
    const { code, results } = await probe('app:app');
    assert.equal(code, 5);
    assert.deepEqual(results.items, []);
    assert.deepEqual(results.notRun, [{
      probeId: 'use-after-delete',
      operation: 'GET /items/{item_id}',
      reason: 'it creates and deletes an object (or deletes one its list shows): run with --allow-writes against a test instance',
    }]);
  });

  it('the app as written: the object it created and deleted is gone, 404, no finding', async () => {
    const { code, results, app } = await probe('app:app', '--allow-writes');
    const item = results.items.find((i) => i.id === ITEM)!;
    // The create made item 2 (item 1 is the app's seed); the read asked for that one.
    assert.equal(item.request?.path, '/items/2');
    assert.equal(item.response?.status, 404);
    assert.deepEqual(item.checks.filter((c) => c.outcome === 'fail').map((c) => c.checkId), []);
    assert.equal(code, 0);
    // What the probe deleted is really gone, and the app's own item is untouched.
    assert.deepEqual(((await (await fetch(`${app.url}/items`)).json()) as Array<{ id: number }>).map((i) => i.id), [1]);
  });

  it('the seeded soft delete: 204 for the DELETE, then the item is still served: a MUST finding', async () => {
    const { code, results } = await probe('app_soft_delete:app', '--allow-writes');
    const item = results.items.find((i) => i.id === ITEM)!;
    assert.equal(item.response?.status, 200);
    const findings = item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => [f.level, f.checkId, f.expected, f.received]) : []));
    assert.deepEqual(findings, [['MUST', 'status-code-expected', '404', '200']]);
    assert.equal(code, 1);
  });

  it('a DELETE that does not succeed leaves the probe out, naming the step and its status', async () => {
    const { code, results } = await probe('app:app', '--allow-writes', '--token', 'not-the-token');
    assert.equal(code, 5);
    assert.deepEqual(results.items, []);
    assert.match(results.notRun?.[0]?.reason ?? '', /^its step `DELETE \/items\/\d+` answered 401, not a success: nothing to build on$/);
  });
});
