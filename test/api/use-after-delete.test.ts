// needs: python
/**
 * The use-after-delete probe against the real FastAPI app of test/fixtures/api/fastapi (uvicorn,
 * pinned PyPI packages): the app as written deletes for real, and its copy with a seeded soft-delete
 * defect keeps serving what it deleted. A profile that takes FastAPI's own error bodies keeps the
 * assertions on what this probe finds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { FASTAPI_TOKEN, fastapiVenv, type RunningApp, startUvicorn } from '../fixtures/api/fastapi/server.js';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

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

describe('use-after-delete against a small local API', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'statuslint-use-after-delete-local-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const ok = { '200': { description: 'ok' }, '204': { description: 'deleted' }, '404': { description: 'missing' }, '410': { description: 'gone' } };
  const id = [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }];
  const documentWith = (collection: object): string => {
    const path = join(scratch, `openapi-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'things', version: '1' },
      paths: { '/things': collection, '/things/{thing_id}': { get: { parameters: id, responses: ok }, delete: { parameters: id, responses: ok } } },
    }));
    return path;
  };

  /** Things `t1` and `t2`; a delete removes one, and a read of a removed one is `410 Gone`. */
  async function startThings(createAnswer: object) {
    const things = new Set(['t1', 't2']);
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const send = (status: number, body?: object): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const thing = /^\/things\/([^/?]+)$/.exec(req.url ?? '')?.[1];
      req.resume().on('end', () => {
        if (req.url === '/things' && req.method === 'GET') return send(200, { items: [...things].map((t) => ({ thing_id: t, name: t })) });
        if (req.url === '/things' && req.method === 'POST') return send(201, createAnswer);
        if (thing && req.method === 'DELETE') return things.delete(thing) ? send(204) : send(404, { error: 'not_found', message: 'no', requestId: `r${seen.length}` });
        if (thing && req.method === 'GET') return things.has(thing) ? send(200, { thing_id: thing }) : send(410, { error: 'gone', message: 'deleted', requestId: `r${seen.length}` });
        return send(405, { error: 'method_not_allowed', message: 'no', requestId: `r${seen.length}` });
      });
    });
    return { ...(await listenLocal(server)), seen, things };
  }

  const probe = (document: string, url: string) =>
    runCli(['probe', '--openapi', document, '--server', url, '--profile', 'envelope', '--probe', 'use-after-delete', '--allow-writes', '--format', 'json']);

  it('without a create, the first object the list shows is deleted, and its read is judged as the 410 it is', async () => {
    const api = await startThings({});
    try {
      const run = await probe(documentWith({ get: { responses: ok } }), api.url);
      const results = JSON.parse(run.stdout) as Results;
      assert.deepEqual(api.seen, ['GET /things', 'DELETE /things/t1', 'GET /things/t1']);
      assert.deepEqual([...api.things], ['t2']);
      const item = results.items.find((i) => i.id === 'use-after-delete:GET /things/{thing_id}')!;
      assert.deepEqual([item.expected?.status, item.response?.status], [410, 410]);
      assert.equal(item.checks.find((c) => c.checkId === 'status-code-expected')?.outcome, 'pass');
      // The envelope catalog has no code for 410: the server's own `gone` is one it does not know.
      assert.deepEqual(item.checks.filter((c) => c.outcome === 'fail').map((c) => c.checkId), ['reason-known']);
    } finally {
      await api.close();
    }
  });

  it('a create whose answer names no id: nothing is deleted, and the report says why', async () => {
    const api = await startThings({ created: true });
    try {
      const body = { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } }, example: { name: 'n' } } } };
      const run = await probe(documentWith({ post: { requestBody: body, responses: { '201': { description: 'created' } } } }), api.url);
      const results = JSON.parse(run.stdout) as Results;
      assert.deepEqual(api.seen, ['POST /things']);
      assert.deepEqual(results.notRun, [
        {
          probeId: 'use-after-delete',
          operation: 'GET /things/{thing_id}',
          reason: 'the create answered with no id for `thing_id` (no `Location`, no `thing_id`, `id`, `uuid`, `name` field): nothing to delete',
        },
      ]);
      assert.equal(run.code, 5);
    } finally {
      await api.close();
    }
  });
});
