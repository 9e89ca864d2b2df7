// needs: python
/**
 * A real FastAPI app (test/fixtures/api/fastapi/app.py) run by uvicorn from a venv of pinned PyPI
 * packages, probed from the document it serves at /openapi.json, as a new user would. Every finding
 * statuslint reports is asserted here, response by response.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

/** A response's status and its findings as `LEVEL check-id`, each once, sorted. */
type Outcome = [number | undefined, string[]];

describe('a FastAPI app run by uvicorn', { skip }, () => {
  let app: RunningApp;
  let results: Results;
  let document: Record<string, unknown>;

  const outcome = (id: string): Outcome => {
    const item = results.items.find((i) => i.id === id);
    assert.ok(item, `no result ${id}`);
    const findings = item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => `${f.level} ${f.checkId}`) : []));
    return [item.response?.status, [...new Set(findings)].sort()];
  };

  before(async () => {
    if ('unavailable' in venv) throw new Error(venv.unavailable);
    app = await startUvicorn(venv.python);
    document = (await (await fetch(`${app.url}/openapi.json`)).json()) as Record<string, unknown>;
    const run = await runCli(['probe', '--openapi', `${app.url}/openapi.json`, '--server', app.url, '--profile', 'envelope', '--token', FASTAPI_TOKEN, '--allow-writes', '--format', 'json']);
    assert.equal(run.stderr, '', run.stderr);
    assert.equal(run.code, 1, run.stdout);
    results = JSON.parse(run.stdout) as Results;
  });

  after(async () => {
    await app?.close();
  });

  it('serves the shape the issue names: security schemes, no root `security`, one secured operation', () => {
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(Object.keys((document.components as { securitySchemes: object }).securitySchemes), ['HTTPBearer']);
    assert.equal(document.security, undefined);
    assert.equal(results.api?.operations, 4);
  });

  it('reads what exists', () => {
    assert.deepEqual(outcome('valid-read:GET /items'), [200, []]);
    assert.deepEqual(outcome('valid-read:GET /items/{item_id}'), [200, []]);
  });

  it('every probe that applies is run; credentials are asked only of the operation whose `security` needs them', () => {
    assert.deepEqual(results.items.map((i) => i.id).sort(), [
      'body-too-large:POST /items',
      'malformed-json:POST /items',
      'method-not-allowed:GET /items',
      'method-not-allowed:GET /items/{item_id}',
      'missing-field:POST /items',
      'no-credentials:DELETE /items/{item_id}',
      'unknown-id:DELETE /items/{item_id}',
      'unknown-id:GET /items/{item_id}',
      'use-after-delete:GET /items/{item_id}',
      'valid-read:GET /items',
      'valid-read:GET /items/{item_id}',
      'wrong-content-type:POST /items',
    ]);
  });

  it('`{"detail": …}` is no envelope: said once for the run (issue 18), not as a schema MUST on every error body', () => {
    assert.deepEqual(results.diagnostics, [
      {
        kind: 'profile-mismatch',
        level: 'MUST',
        profile: 'envelope',
        shape: 'have the shape of the `envelope` profile',
        fits: 0,
        of: 9,
        seen: [{ shape: '{detail}', count: 9 }],
        fitting: { profile: 'fastapi', fits: 9 },
        responses: 9,
      },
    ]);
    assert.deepEqual(outcome('unknown-id:GET /items/{item_id}'), [404, []]);
    assert.deepEqual(outcome('unknown-id:DELETE /items/{item_id}'), [404, []]);
    assert.deepEqual(outcome('use-after-delete:GET /items/{item_id}'), [404, []]);
    const schema = results.items.find((i) => i.id === 'unknown-id:GET /items/{item_id}')!.checks.find((c) => c.checkId === 'schema');
    assert.match(schema?.outcome === 'skip' ? schema.reason : '', /profile mismatch/);
    // Starlette's `Allow: GET` on a path that serves POST too (issue 20).
    assert.deepEqual(outcome('method-not-allowed:GET /items'), [405, ['SHOULD allow-header', 'SHOULD response-declared']]);
    const allow = results.items.find((i) => i.id === 'method-not-allowed:GET /items')!.checks.find((c) => c.checkId === 'allow-header');
    assert.deepEqual(allow?.outcome === 'fail' && allow.findings.map((f) => [f.expected, f.received]), [['Allow: GET, POST', 'Allow: GET']]);
    const other = results.items.find((i) => i.id === 'method-not-allowed:GET /items/{item_id}')!.checks.find((c) => c.checkId === 'allow-header');
    assert.deepEqual(other?.outcome === 'fail' && other.findings.map((f) => [f.expected, f.received]), [['Allow: GET, DELETE', 'Allow: GET']]);
    // And `Allow: GET` where DELETE is served too.
    assert.deepEqual(outcome('method-not-allowed:GET /items/{item_id}'), [405, ['SHOULD allow-header', 'SHOULD response-declared']]);
    assert.deepEqual(outcome('no-credentials:DELETE /items/{item_id}'), [401, ['SHOULD response-declared']]);
  });

  it('FastAPI answers validation, malformed bodies and media types with 422', () => {
    const envelope = ['MUST status-code-expected'];
    assert.deepEqual(outcome('malformed-json:POST /items'), [422, envelope]);
    assert.deepEqual(outcome('missing-field:POST /items'), [422, envelope]);
    assert.deepEqual(outcome('wrong-content-type:POST /items'), [422, envelope]);
  });

  it('has no body limit: a 1 MiB body gets a 422 that echoes it, cut at the size cap but never judged as broken JSON', () => {
    assert.deepEqual(outcome('body-too-large:POST /items'), [422, ['MUST status-code-expected', 'SHOULD response-complete']]);
    const item = results.items.find((i) => i.id === 'body-too-large:POST /items')!;
    assert.equal(item.response?.truncated, true);
    assert.equal(item.checks.find((c) => c.checkId === 'json-body')?.outcome, 'skip');
  });

  it('a profile that declares 422 for request errors is held to 422 (FastAPI by design)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fastapi-'));
    const profile = join(dir, 'fastapi-422.json');
    const requestErrors = { validation: 422, parameter: 422, malformedBody: 422, mediaType: 422 };
    writeFileSync(profile, JSON.stringify({ name: 'fastapi-422', extends: 'envelope', body: { kind: 'none' }, requestErrors }));
    const run = await runCli(['probe', '--openapi', `${app.url}/openapi.json`, '--server', app.url, '--profile', profile, '--token', FASTAPI_TOKEN, '--allow-writes', '--format', 'json', '--probe', 'malformed-json', '--probe', 'missing-field', '--probe', 'wrong-content-type']);
    assert.equal(run.stderr, '', run.stderr);
    const own = JSON.parse(run.stdout) as Results;
    assert.deepEqual(own.items.map((i) => [i.id, i.expected?.status, i.response?.status, i.checks.filter((c) => c.outcome === 'fail').map((c) => c.checkId)]), [
      ['malformed-json:POST /items', 422, 422, []],
      ['missing-field:POST /items', 422, 422, []],
      ['wrong-content-type:POST /items', 422, 422, []],
    ]);
    assert.equal(run.code, 0, run.stdout);
  });
});
