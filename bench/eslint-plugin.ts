/**
 * The statuslint plugin's share of lint time, on a generated corpus of realistic API code.
 *
 *     npm run build && node --import tsx bench/eslint-plugin.ts [--files 1200] [--rounds 7] [--keep]
 *
 * The same corpus is linted with a baseline config (typescript-eslint's parser and a few core rules)
 * and with the baseline plus `statuslint.configs.recommended`, plugin off and on in the same run:
 * - whole runs (`ESLint#lintFiles`: reading, parsing, every rule), alternating: the fastest run
 *   without the plugin is the total lint time;
 * - file by file: each file linted with and without the plugin back to back, several passes, each
 *   file's fastest time under each config. Pairs share the machine's conditions, so their
 *   difference is the plugin's cost even when other work makes whole runs vary by ±20 %.
 * The share is that cost over the total lint time; the goal is at most 3 %.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { packageRoot } from '../schemas/paths.js';

// The plugin as users load it: the build, through the package's own exports.
if (!existsSync(join(packageRoot(), 'dist', 'rules', 'index.js'))) {
  process.stderr.write('dist/rules/index.js is missing: run `npm run build` first\n');
  process.exit(2);
}
const { default: plugin } = (await import('statuslint/eslint-plugin')) as typeof import('../rules/index.js');

const GOAL = 0.03;

const { values: args } = parseArgs({
  options: { files: { type: 'string', default: '1200' }, rounds: { type: 'string', default: '7' }, keep: { type: 'boolean', default: false } },
});
const fileCount = Math.max(1000, Number(args.files));
const rounds = Math.max(1, Number(args.rounds));

// --- the corpus ---------------------------------------------------------------------------

const RESOURCES = ['pods', 'services', 'deployments', 'secrets', 'configmaps', 'jobs', 'leases', 'nodes', 'ingresses', 'volumes', 'orders', 'users', 'invoices', 'tenants'];
const REASONS: Array<[string, number]> = [['NotFound', 404], ['AlreadyExists', 409], ['Conflict', 409], ['Invalid', 422], ['Forbidden', 403], ['Gone', 410]];
const ENVELOPE: Array<[string, number]> = [['not_found', 404], ['conflict', 409], ['bad_request', 400], ['forbidden', 403], ['internal_error', 500]];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pascal = (s: string): string => s[0]?.toUpperCase() + s.slice(1);

/** A defect in about one handler in eight, so the rules report as they would in a real codebase. */
const status = (i: number, code: number): number => (i % 8 === 3 ? (code === 409 ? 404 : 409) : code);

function expressJs(i: number): string {
  const r = pick(RESOURCES, i);
  const [reason, code] = pick(REASONS, i);
  return `import express from 'express';
import { store } from '../lib/store.js';

export const router = express.Router();
const failure = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };

router.get('/api/v1/namespaces/:namespace/${r}/:name', async (req, res) => {
  const item = await store.get('${r}', req.params.namespace, req.params.name);
  if (!item) {
    return res.status(404).json({ ...failure, message: \`${r} "\${req.params.name}" not found\`, reason: 'NotFound', details: { name: req.params.name, kind: '${r}' }, code: 404 });
  }
  res.json(item);
});

router.put('/api/v1/namespaces/:namespace/${r}/:name', async (req, res, next) => {
  try {
    const current = await store.get('${r}', req.params.namespace, req.params.name);
    if (current && current.metadata.resourceVersion !== req.body.metadata?.resourceVersion) {
      res.status(${status(i, code)}).json({ ...failure, message: 'cannot update ${r}', reason: '${reason}', details: { name: req.params.name, kind: '${r}' }, code: ${code} });
      return;
    }
    const saved = await store.put('${r}', req.params.namespace, req.body);
    res.status(200).json(saved);
  } catch (error) {
    next(error);
  }
});

router.get('/api/v1/${r}', async (req, res) => {
  const limit = Number(req.query.limit ?? 100);
  const items = await store.list('${r}', { limit, continue: req.query.continue });
  res.json({ kind: '${pascal(r)}List', apiVersion: 'v1', metadata: { continue: items.next }, items: items.page });
});
`;
}

function expressTs(i: number): string {
  const r = pick(RESOURCES, i + 3);
  const [reason, code] = pick(REASONS, i + 1);
  return `import type { NextFunction, Request, Response } from 'express';

const Reasons = { NotFound: 'NotFound', ${reason}: '${reason}', TooManyRequests: 'TooManyRequests' } as const;
enum Code { NotFound = 404, Current = ${code}, TooManyRequests = 429 }
const failure = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' } as const;

interface ${pascal(r)}Record {
  id: string;
  metadata: { name: string; resourceVersion: string };
}

const cache = new Map<string, ${pascal(r)}Record>();

export function get${pascal(r)}(req: Request<{ name: string }>, res: Response): void {
  const found = cache.get(req.params.name);
  if (!found) {
    res.status(Code.NotFound).json({ ...failure, message: \`${r} "\${req.params.name}" not found\`, reason: Reasons.NotFound, code: Code.NotFound });
    return;
  }
  res.json(found);
}

export function update${pascal(r)}(req: Request<{ name: string }>, res: Response): void {
  const found = cache.get(req.params.name);
  if (found && found.metadata.resourceVersion !== req.body?.metadata?.resourceVersion) {
    res.status(${status(i, code)}).json({ ...failure, message: 'stale', reason: Reasons.${reason}, code: Code.Current });
    return;
  }
  cache.set(req.params.name, req.body as ${pascal(r)}Record);
  res.status(200).json(req.body);
}

export function limit(req: Request, res: Response, next: NextFunction): void {
  if ((req.headers['x-budget'] ?? '1') !== '0') return next();
  res.status(Code.TooManyRequests).set('Retry-After', '10').json({ ...failure, message: 'slow down', reason: Reasons.TooManyRequests, details: { retryAfterSeconds: 10 }, code: Code.TooManyRequests });
}
`;
}

function fastifyJs(i: number): string {
  const r = pick(RESOURCES, i + 5);
  const [reason, code] = pick(REASONS, i + 2);
  return `export default async function ${r}Routes(fastify, { store }) {
  fastify.get('/apis/v1/${r}/:name', async (request, reply) => {
    const item = await store.get(request.params.name);
    if (!item) return reply.code(404).send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 });
    return item;
  });

  fastify.post('/apis/v1/${r}', async (request, reply) => {
    const body = request.body ?? {};
    if (!body.metadata?.name) {
      reply.status(422);
      return reply.send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'metadata.name: Required value', reason: 'Invalid', details: { causes: [{ reason: 'FieldValueRequired', field: 'metadata.name' }] }, code: 422 });
    }
    if (await store.has(body.metadata.name)) {
      return reply.code(${status(i, code)}).send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'exists', reason: '${reason}', code: ${code} });
    }
    const created = await store.create(body);
    return reply.code(201).send(created);
  });
}
`;
}

function koaJs(i: number): string {
  const r = pick(RESOURCES, i + 7);
  return `import Router from '@koa/router';

export const router = new Router({ prefix: '/api/v1/${r}' });

router.get('/:name', async (ctx) => {
  const item = await ctx.state.store.get(ctx.params.name);
  if (!item) {
    ctx.status = 404;
    ctx.body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: ${i % 8 === 3 ? 410 : 404} };
    return;
  }
  ctx.set('etag', item.metadata.resourceVersion);
  ctx.body = item;
});

router.delete('/:name', async (ctx) => {
  const removed = await ctx.state.store.remove(ctx.params.name);
  ctx.status = removed ? 200 : 404;
  ctx.body = removed ? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 } : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 };
});
`;
}

function honoTs(i: number): string {
  const r = pick(RESOURCES, i + 9);
  const [error, code] = pick(ENVELOPE, i);
  return `import { Hono } from 'hono';

interface Item {
  id: string;
  name: string;
}

const items = new Map<string, Item>();
export const ${r} = new Hono();

${r}.get('/:id', (c) => {
  const requestId = c.req.header('x-request-id') ?? crypto.randomUUID();
  const item = items.get(c.req.param('id'));
  if (!item) return c.json({ error: 'not_found', message: 'no such item', requestId }, 404);
  return c.json(item);
});

${r}.post('/', async (c) => {
  const requestId = c.req.header('x-request-id') ?? crypto.randomUUID();
  const body = await c.req.json<Partial<Item>>();
  if (!body.name) return c.json({ error: '${error}', message: 'rejected', requestId }, ${status(i, code)});
  const item = { id: crypto.randomUUID(), name: body.name };
  items.set(item.id, item);
  return c.json(item, 201);
});
`;
}

function nextTs(i: number): string {
  const r = pick(RESOURCES, i + 11);
  return `import { NextResponse } from 'next/server';

declare function load(name: string): Promise<object | undefined>;

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const item = await load(name);
  if (!item) {
    return NextResponse.json({ type: 'about:blank', title: 'Not Found', status: 404, detail: \`no ${r} \${name}\` }, { status: ${i % 8 === 3 ? 400 : 404} });
  }
  return NextResponse.json(item);
}

export async function POST(request: Request) {
  const body = (await request.json()) as { name?: string };
  if (!body.name) return Response.json({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'name is required' }, { status: 400 });
  return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
}
`;
}

function nestTs(i: number): string {
  const r = pick(RESOURCES, i + 13);
  return `import { Body, Controller, Get, HttpException, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';

@Controller('${r}')
export class ${pascal(r)}Controller${i} {
  private readonly items = new Map<string, { name: string }>();

  @Get(':name')
  find(@Param('name') name: string): { name: string } {
    const item = this.items.get(name);
    if (!item) throw new NotFoundException({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 });
    return item;
  }

  @Post()
  create(@Body() body: { name: string }): { name: string } {
    if (this.items.has(body.name)) {
      throw new HttpException({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'exists', reason: 'AlreadyExists', code: 409 }, HttpStatus.${i % 8 === 3 ? 'BAD_REQUEST' : 'CONFLICT'});
    }
    this.items.set(body.name, body);
    return body;
  }
}
`;
}

function nodeHttpJs(i: number): string {
  const r = pick(RESOURCES, i + 1);
  return `import { createServer } from 'node:http';

const JSON_HEADERS = { 'content-type': 'application/json' };

export const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/v1/${r}')) {
    res.writeHead(404, JSON_HEADERS);
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 }));
    return;
  }
  if (req.method !== 'GET') {
    res.writeHead(${i % 8 === 3 ? 400 : 405}, { ...JSON_HEADERS, allow: 'GET' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'method not allowed', reason: 'MethodNotAllowed', code: 405 }));
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ kind: '${pascal(r)}List', items: [] }));
});
`;
}

/** Most files of a real service are not handlers: models, services, helpers, tests. */
function libraryTs(i: number): string {
  const r = pick(RESOURCES, i + 2);
  return `export interface ${pascal(r)}Spec {
  replicas: number;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ${pascal(r)}Model {
  id: string;
  spec: ${pascal(r)}Spec;
  createdAt: Date;
}

export class ${pascal(r)}Repository {
  private readonly rows = new Map<string, ${pascal(r)}Model>();

  async find(id: string): Promise<${pascal(r)}Model | undefined> {
    return this.rows.get(id);
  }

  async list(filter: Partial<${pascal(r)}Spec> = {}): Promise<${pascal(r)}Model[]> {
    const result: ${pascal(r)}Model[] = [];
    for (const row of this.rows.values()) {
      if (filter.replicas !== undefined && row.spec.replicas !== filter.replicas) continue;
      if (filter.labels && !Object.entries(filter.labels).every(([k, v]) => row.spec.labels[k] === v)) continue;
      result.push(row);
    }
    return result.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async save(model: ${pascal(r)}Model): Promise<void> {
    const existing = this.rows.get(model.id);
    this.rows.set(model.id, { ...existing, ...model, spec: { ...existing?.spec, ...model.spec } });
  }
}

export function validate${pascal(r)}(spec: unknown): spec is ${pascal(r)}Spec {
  if (typeof spec !== 'object' || spec === null) return false;
  const candidate = spec as Partial<${pascal(r)}Spec>;
  return Number.isInteger(candidate.replicas) && typeof candidate.labels === 'object';
}
`;
}

function libraryJs(i: number): string {
  return `const DEFAULT_TIMEOUT_MS = ${1000 + (i % 9) * 500};

export async function withRetry(operation, { attempts = 3, baseDelayMs = 100 } = {}) {
  let lastError;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      const delay = baseDelayMs * 2 ** attempt * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw lastError;
}

export function timeout(promise, ms = DEFAULT_TIMEOUT_MS) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]);
}

export function chunk(items, size) {
  const chunks = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
`;
}

function serviceTs(i: number): string {
  const r = pick(RESOURCES, i + 4);
  return `import { EventEmitter } from 'node:events';

export interface ${pascal(r)}Event {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  name: string;
  resourceVersion: number;
}

export class ${pascal(r)}Service extends EventEmitter {
  private version = ${i};
  private readonly items = new Map<string, { name: string; spec: Record<string, unknown>; resourceVersion: number }>();

  upsert(name: string, spec: Record<string, unknown>): number {
    const existing = this.items.get(name);
    this.version += 1;
    this.items.set(name, { name, spec: { ...existing?.spec, ...spec }, resourceVersion: this.version });
    this.emit('event', { type: existing ? 'MODIFIED' : 'ADDED', name, resourceVersion: this.version } satisfies ${pascal(r)}Event);
    return this.version;
  }

  remove(name: string): boolean {
    if (!this.items.delete(name)) return false;
    this.version += 1;
    this.emit('event', { type: 'DELETED', name, resourceVersion: this.version } satisfies ${pascal(r)}Event);
    return true;
  }

  list(options: { limit?: number; continueFrom?: string } = {}): { items: string[]; next?: string } {
    const names = [...this.items.keys()].sort();
    const start = options.continueFrom ? names.indexOf(options.continueFrom) + 1 : 0;
    const page = names.slice(start, start + (options.limit ?? 100));
    const last = page[page.length - 1];
    return start + page.length < names.length && last ? { items: page, next: last } : { items: page };
  }
}
`;
}

function testTs(i: number): string {
  const r = pick(RESOURCES, i + 6);
  return `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const base = process.env.API_URL ?? 'http://localhost:8080';

describe('${r} API', () => {
  it('answers 404 with a NotFound Status for a missing item', async () => {
    const response = await fetch(\`\${base}/api/v1/namespaces/default/${r}/missing-${i}\`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { reason?: string; code?: number };
    assert.equal(body.reason, 'NotFound');
    assert.equal(body.code, 404);
  });

  it('lists items in pages', async () => {
    const first = (await (await fetch(\`\${base}/api/v1/${r}?limit=2\`)).json()) as { items: unknown[]; metadata: { continue?: string } };
    assert.ok(first.items.length <= 2);
    if (first.metadata.continue) {
      const next = await fetch(\`\${base}/api/v1/${r}?limit=2&continue=\${first.metadata.continue}\`);
      assert.equal(next.status, 200);
    }
  });
});
`;
}

const KINDS: Array<[string, (i: number) => string]> = [
  ['routes/express-%.js', expressJs],
  ['routes/express-%.ts', expressTs],
  ['routes/fastify-%.js', fastifyJs],
  ['routes/koa-%.js', koaJs],
  ['routes/hono-%.ts', honoTs],
  ['app/api/item-%/route.ts', nextTs],
  ['controllers/nest-%.controller.ts', nestTs],
  ['servers/node-%.js', nodeHttpJs],
  ['lib/model-%.ts', libraryTs],
  ['services/service-%.ts', serviceTs],
  ['lib/util-%.js', libraryJs],
  ['services/service-b-%.ts', serviceTs],
  ['test/api-%.test.ts', testTs],
  ['lib/model-b-%.ts', libraryTs],
  ['lib/util-b-%.js', libraryJs],
  ['services/service-c-%.ts', serviceTs],
  ['test/api-b-%.test.ts', testTs],
  ['lib/util-c-%.js', libraryJs],
];

function writeCorpus(root: string, count: number): { js: number; ts: number } {
  const tally = { js: 0, ts: 0 };
  for (let i = 0; i < count; i++) {
    const [pattern, make] = pick(KINDS, i);
    const path = join(root, pattern.replace('%', String(i)));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, make(i));
    tally[path.endsWith('.ts') ? 'ts' : 'js'] += 1;
  }
  return tally;
}

// --- the measurement ----------------------------------------------------------------------

const baseline: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
  {
    rules: {
      'no-unused-vars': 'warn',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
    },
  },
];
const withPlugin: Linter.Config[] = [...baseline, plugin.configs.recommended as Linter.Config];

interface Run {
  /** Wall time of the lint. */
  ms: number;
  statuslintMs: number;
  findings: number;
}

async function lint(cwd: string, config: Linter.Config[], stats = false): Promise<Run> {
  // Timed rounds run without `stats`: ESLint then times every listener call, which slows both configs.
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, cache: false, stats });
  const started = performance.now();
  const results = await eslint.lintFiles(['.']);
  const ms = performance.now() - started;
  let statuslintMs = 0;
  let findings = 0;
  for (const result of results) {
    findings += result.messages.filter((m) => m.ruleId?.startsWith('statuslint/')).length;
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) if (ruleId.startsWith('statuslint/')) statuslintMs += time.total;
    }
  }
  return { ms, statuslintMs, findings };
}

/**
 * The same comparison file by file: each file is linted with and without the plugin back to back
 * (which goes first alternates), in several passes. A file's fastest time under each config is its
 * cost without the spikes a busy neighbour or a garbage collection adds to one call or another.
 */
async function fileByFile(root: string, passes: number): Promise<{ off: number; on: number }> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(js|ts)$/.test(f))
    .map((f) => ({ filePath: join(root, f), text: readFileSync(join(root, f), 'utf8') }));
  const without = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: baseline, cache: false });
  const withIt = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: withPlugin, cache: false });
  const fastestOff = files.map(() => Infinity);
  const fastestOn = files.map(() => Infinity);
  for (let pass = 0; pass < passes; pass++) {
    for (const [index, file] of files.entries()) {
      const order = (index + pass) % 2 === 0 ? [without, withIt] : [withIt, without];
      for (const eslint of order) {
        const started = performance.now();
        await eslint.lintText(file.text, { filePath: file.filePath });
        const elapsed = performance.now() - started;
        const fastest = eslint === without ? fastestOff : fastestOn;
        fastest[index] = Math.min(fastest[index] ?? Infinity, elapsed);
      }
    }
  }
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  return { off: sum(fastestOff), on: sum(fastestOn) };
}

const percent = (x: number): string => `${(x * 100).toFixed(2)} %`;
const pad = (text: string | number, width: number): string => String(text).padStart(width);

const root = mkdtempSync(join(tmpdir(), 'statuslint-bench-'));
try {
  const tally = writeCorpus(root, fileCount);
  process.stdout.write(`corpus: ${fileCount} files (${tally.js} .js, ${tally.ts} .ts) in ${root}\n`);
  // Warm up module loading and the JIT for both configs before measuring.
  await lint(root, baseline);
  await lint(root, withPlugin);

  const off: Run[] = [];
  const on: Run[] = [];
  process.stdout.write(`\n${'round'.padEnd(7)}${pad('baseline ms', 16)}${pad('with plugin ms', 20)}${pad('share', 10)}\n`);
  for (let round = 1; round <= rounds; round++) {
    // Alternate which goes first, so that drift in the machine's speed favours neither.
    const pair = round % 2 ? [await lint(root, baseline), await lint(root, withPlugin)] : [await lint(root, withPlugin), await lint(root, baseline)].reverse();
    const [a, b] = pair as [Run, Run];
    off.push(a);
    on.push(b);
    process.stdout.write(`${String(round).padEnd(7)}${pad(a.ms.toFixed(0), 16)}${pad(b.ms.toFixed(0), 20)}${pad(percent((b.ms - a.ms) / b.ms), 10)}\n`);
  }
  // The fastest run of each is the one least disturbed by the rest of the machine.
  const offMs = Math.min(...off.map((r) => r.ms));
  const onMs = Math.min(...on.map((r) => r.ms));
  const share = (onMs - offMs) / onMs;
  process.stdout.write(`${'fastest'.padEnd(7)}${pad(offMs.toFixed(0), 16)}${pad(onMs.toFixed(0), 20)}${pad(percent(share), 10)}\n`);

  const perFile = await fileByFile(root, rounds);
  const cost = perFile.on - perFile.off;
  process.stdout.write(`${'files'.padEnd(7)}${pad(perFile.off.toFixed(0), 16)}${pad(perFile.on.toFixed(0), 20)}${pad(percent(cost / perFile.on), 10)}   (each file's fastest of ${rounds}, summed)\n`);
  // The plugin's cost comes from the paired measurement; the lint time it is a share of, from a whole run.
  const headline = cost / (offMs + cost);
  const attributed = await lint(root, withPlugin, true);
  process.stdout.write(`\nplugin cost, file by file (with − without): ${cost.toFixed(0)} ms for ${fileCount} files, ${((cost * 1000) / fileCount).toFixed(0)} µs a file\n`);
  process.stdout.write(`plugin share of lint time: ${percent(headline)} (that cost over the fastest whole run, ${offMs.toFixed(0)} ms + the cost)\n`);
  process.stdout.write(`  whole runs alone (fastest with − fastest without): ${percent(share)}, at the mercy of whatever else the machine runs\n`);
  process.stdout.write(`  file by file alone (against the files' fastest times, no I/O or collection pauses): ${percent(cost / perFile.on)}\n`);
  process.stdout.write(`  ESLint's stats: ${percent(attributed.statuslintMs / attributed.ms)} of a run inside statuslint's listeners\n`);
  process.stdout.write(`statuslint findings per run: ${on[0]?.findings ?? 0}\n`);
  process.stdout.write(`goal ≤ ${percent(GOAL)}: ${headline <= GOAL ? 'met' : 'NOT met'}\n`);
  process.stdout.write(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
} finally {
  if (!args.keep) rmSync(root, { recursive: true, force: true });
}
