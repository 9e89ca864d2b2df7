// The ESLint fixture project's handlers, served live: the defects seeded in them are found twice,
// statically by the ESLint rules and live by `statuslint probe --openapi`, and the clean handlers
// pass both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { ESLint } from 'eslint';
import Fastify from 'fastify';
import type { Results } from '../../conformance/results.js';
import { findingsOfItem } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const projectDir = fixture('eslint-project');

interface Served {
  /** The handler file, relative to the fixture project. */
  file: string;
  /** The OpenAPI document that describes it. */
  document: string;
  profile: 'kubernetes' | 'envelope';
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

async function listen(server: Server): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const handlerModule = async <T>(file: string): Promise<T> => (await import(join(projectDir, file))) as T;

/** A Hono app served by Node, with the bindings (`c.env`) a platform would give it. */
async function serveHono(file: string, env: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }> {
  const { app } = await handlerModule<{ app: { fetch(request: Request, env: unknown): Response | Promise<Response> } }>(file);
  return listen(createAdaptorServer({ fetch: (request: Request) => app.fetch(request, env) }) as Server);
}

const SERVED: Served[] = [
  {
    file: 'src/node-http/server.js',
    document: 'openapi/pods.yaml',
    profile: 'kubernetes',
    start: async () => listen((await handlerModule<{ server: Server }>('src/node-http/server.js')).server),
  },
  {
    file: 'src/fastify/routes.js',
    document: 'openapi/deployments.yaml',
    profile: 'kubernetes',
    async start() {
      const { default: deploymentRoutes } = await handlerModule<{ default: (app: unknown, options: unknown) => Promise<void> }>('src/fastify/routes.js');
      // The deployment the probes name is being deleted, as one sometimes is.
      const web = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default', resourceVersion: '7', deletionTimestamp: '2026-01-01T00:00:00Z' },
        spec: { replicas: 2 },
      };
      const store = {
        get: async (_namespace: string, name: string) => (name === 'web' ? web : undefined),
        put: async (_namespace: string, body: unknown) => body,
        scale: async () => ({ ...web, spec: { replicas: 1 } }),
        busy: () => false,
        rollback: async () => web,
      };
      const app = Fastify();
      await app.register(deploymentRoutes as never, { store });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stop: () => app.close() };
    },
  },
  {
    file: 'src/hono/app.ts',
    document: 'openapi/users.yaml',
    profile: 'envelope',
    // No database binding: the health check fails as it would with the database down.
    start: () => serveHono('src/hono/app.ts', {}),
  },
  {
    file: 'src/clean/node-http.js',
    document: 'openapi/healthz.yaml',
    profile: 'kubernetes',
    start: async () => listen((await handlerModule<{ server: Server }>('src/clean/node-http.js')).server),
  },
  {
    file: 'src/clean/hono.js',
    document: 'openapi/orders.yaml',
    profile: 'envelope',
    start: () =>
      serveHono('src/clean/hono.js', {
        orders: {
          get: async (id: string) => (id === 'o-1' ? { id: 'o-1', item: 'book' } : undefined),
          busy: async () => false,
          create: async (order: object) => ({ id: 'o-2', ...order }),
        },
      }),
  },
];

/**
 * Each seeded defect of a served file, the probe that reaches it and the check that finds it live.
 * A test below fails when a served file has a seeded defect this table does not name.
 */
const LIVE_EVIDENCE: Array<{ file: string; seeded: string; item: string; checkId: string }> = [
  {
    file: 'src/node-http/server.js',
    seeded: 'statuslint/retry-after retryAfterRecommended',
    item: 'body-too-large:POST /api/v1/namespaces/{namespace}/pods',
    checkId: 'retry-guidance',
  },
  {
    file: 'src/node-http/server.js',
    seeded: 'statuslint/http-status-matches-body codeMismatch',
    item: 'unknown-id:GET /api/v1/namespaces/{namespace}/pods/{name}',
    checkId: 'code-matches-http-status',
  },
  {
    file: 'src/node-http/server.js',
    seeded: 'statuslint/valid-reason unknownReason',
    item: 'create-existing:POST /api/v1/namespaces/{namespace}/pods',
    checkId: 'reason-known',
  },
  {
    file: 'src/fastify/routes.js',
    seeded: 'statuslint/http-status-matches-body reasonMismatch',
    item: 'missing-field:PUT /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
    checkId: 'status-matches-http-class',
  },
  {
    file: 'src/fastify/routes.js',
    seeded: 'statuslint/status-consistency invalidStatus',
    item: 'missing-field:POST /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
    checkId: 'schema',
  },
  { file: 'src/hono/app.ts', seeded: 'statuslint/envelope-code-match unknownErrorCode', item: 'missing-field:POST /users', checkId: 'reason-known' },
  { file: 'src/hono/app.ts', seeded: 'statuslint/envelope-code-match statusMismatch', item: 'unknown-id:DELETE /users/{id}', checkId: 'reason-code-match' },
];

/** `// seeded: statuslint/<rule> <messageId>` markers of a file, without the `(fix)` note. */
function seededIn(file: string): string[] {
  return [...readFileSync(join(projectDir, file), 'utf8').matchAll(/\/\/ seeded: (.+)$/gm)].flatMap((m) => m[1]!.split(', ').map((e) => e.replace(/ \(fix\)$/, '').trim()));
}

const statically = new Map<string, string[]>();
const live = new Map<string, Results>();

before(async () => {
  const eslint = new ESLint({ cwd: projectDir });
  for (const result of await eslint.lintFiles(SERVED.map((s) => s.file))) {
    statically.set(result.filePath.slice(projectDir.length + 1), result.messages.map((m) => `${m.ruleId} ${m.messageId}`));
  }
  for (const served of SERVED) {
    const server = await served.start();
    try {
      const run = await runCli(['probe', '--openapi', join(projectDir, served.document), '--server', server.url, '--profile', served.profile, '--allow-writes', '--format', 'json']);
      assert.equal(run.stderr, '', `${served.file}: ${run.stderr}`);
      live.set(served.file, JSON.parse(run.stdout) as Results);
    } finally {
      await server.stop();
    }
  }
});

after(() => {
  statically.clear();
});

describe('handlers with seeded defects', () => {
  for (const served of SERVED.filter((s) => !s.file.startsWith('src/clean/'))) {
    it(`${served.file}: ESLint reports exactly the seeded defects`, () => {
      assert.deepEqual([...statically.get(served.file)!].sort(), seededIn(served.file).sort());
    });

    it(`${served.file}: every seeded defect is found live, by the probe that reaches its handler`, () => {
      const evidence = LIVE_EVIDENCE.filter((e) => e.file === served.file);
      assert.deepEqual(evidence.map((e) => e.seeded).sort(), seededIn(served.file).sort(), 'every seeded defect has its live evidence named');
      const results = live.get(served.file)!;
      for (const { seeded, item: id, checkId } of evidence) {
        const item = results.items.find((i) => i.id === id);
        assert.ok(item, `${seeded}: no result ${id} (have ${results.items.map((i) => i.id).join(', ')})`);
        const found = findingsOfItem(item).map((f) => f.checkId);
        assert.ok(found.includes(checkId), `${seeded}: ${id} answered ${item.response?.status} ${item.response?.body?.slice(0, 200)}; failing checks: ${found.join(', ') || 'none'}`);
      }
    });
  }

  it('live probing also finds what no rule can see: framework defaults outside the handlers', () => {
    // Fastify's own body parser answers bad JSON with its `{ statusCode, error, message }`, not a Status,
    // and so does its router: most error bodies are no Status, which the run says once (issue 18).
    const fastifyRun = live.get('src/fastify/routes.js')!;
    const fastify = fastifyRun.items.find((i) => i.id === 'malformed-json:PUT /apis/apps/v1/namespaces/{namespace}/deployments/{name}')!;
    assert.equal(fastify.response?.status, 400);
    assert.match(fastify.response!.body!, /FST_ERR_CTP_INVALID_JSON_BODY/);
    assert.deepEqual(fastifyRun.diagnostics, [
      {
        kind: 'profile-mismatch',
        level: 'MUST',
        profile: 'kubernetes',
        shape: 'are Kubernetes `Status` objects',
        fits: 3,
        of: 9,
        seen: [
          { shape: '{statusCode, code, error, message}', count: 4 },
          { shape: '{kind, apiVersion, metadata, status, message, reason, …}', count: 3 },
          { shape: '{message, error, statusCode}', count: 2 },
        ],
        fitting: { profile: 'fastify', fits: 6 },
        responses: 6,
      },
    ]);
    const schema = fastify.checks.find((c) => c.checkId === 'schema');
    assert.match(schema?.outcome === 'skip' ? schema.reason : '', /profile mismatch/);
    // Hono turns the exception of `c.req.json()` into a plain-text 500.
    const hono = live.get('src/hono/app.ts')!.items.find((i) => i.id === 'malformed-json:POST /users')!;
    assert.equal(hono.response?.status, 500);
    assert.ok(findingsOfItem(hono).some((f) => f.checkId === 'content-type-json'));
  });
});

describe('clean handlers', () => {
  for (const served of SERVED.filter((s) => s.file.startsWith('src/clean/'))) {
    it(`${served.file}: no ESLint report`, () => {
      assert.deepEqual(statically.get(served.file), []);
    });

    it(`${served.file}: every probe passes live`, () => {
      const results = live.get(served.file)!;
      assert.ok(results.items.length >= 2, `only ${results.items.length} probes ran`);
      const failing = results.items.flatMap((i) => findingsOfItem(i).map((f) => `${i.id}: ${f.checkId} ${f.message}`));
      assert.deepEqual(failing, []);
      assert.deepEqual(results.items.filter((i) => i.error).map((i) => i.error), []);
    });
  }
});
