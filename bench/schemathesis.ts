/**
 * statuslint and Schemathesis side by side against the same FastAPI app (test/fixtures/api/fastapi),
 * in one run, each against a fresh copy of the app, both through one counting proxy:
 *
 *     npm run build && node --import tsx bench/schemathesis.ts [--max-examples 100]
 *
 * Two apps: `app.py` as written, and `app_soft_delete.py`, whose DELETE answers 204 but whose reads
 * keep serving what it deleted. For each tool it prints the requests that reached the app, the wall
 * time and the defects found, and the ratios statuslint ÷ Schemathesis. Defects are counted each
 * tool's own way: statuslint's distinct (check, operation) pairs with a finding, Schemathesis's
 * unique failures (its JSON report's `test_cases.unique_failures`). "Seeded" says whether the tool
 * found the soft delete (statuslint: `use-after-delete`; Schemathesis: `use_after_free`, ST301).
 *
 * Schemathesis is installed from PyPI into a venv of the pins in bench/schemathesis-requirements.txt,
 * built once in ~/.cache/statuslint/venv-schemathesis-<hash> (about 20 s). Without Python or PyPI the
 * bench says why and exits 0 after the statuslint side (or before it, without the FastAPI venv).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Results } from '../conformance/results.js';
import { FASTAPI_TOKEN, fastapiVenv, startUvicorn } from '../test/fixtures/api/fastapi/server.js';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'dist', 'cli', 'main.js');
const REQUIREMENTS = join(HERE, 'schemathesis-requirements.txt');
const READY = '.statuslint-ready';
const { values: args } = parseArgs({ options: { 'max-examples': { type: 'string', default: '100' } } });
const say = (line = ''): boolean => process.stdout.write(`${line}\n`);

const tail = (error: unknown): string => {
  const { stderr, message } = error as { stderr?: string; message: string };
  return (stderr?.trim() || message).split('\n').slice(-3).join(' ').slice(0, 400);
};

/** A venv with the pinned Schemathesis, built if it is not there yet, or why there can be none. */
async function schemathesisVenv(): Promise<{ st: string } | { unavailable: string }> {
  let version: string;
  try {
    version = (await run('python3', ['-c', 'import sys; print(sys.version)'])).stdout.trim();
  } catch (error) {
    return { unavailable: `python3 does not run here (${tail(error)})` };
  }
  const key = createHash('sha256').update(readFileSync(REQUIREMENTS)).update(version).digest('hex').slice(0, 12);
  const root = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'statuslint');
  const dir = join(root, `venv-schemathesis-${key}`);
  const st = join(dir, 'bin', 'st');
  if (existsSync(join(dir, READY))) return { st };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  say(`building ${dir} from PyPI (once) …`);
  try {
    await run('python3', ['-m', 'venv', dir]);
    await run(join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--quiet', '--only-binary=:all:', '-r', REQUIREMENTS], { timeout: 300_000 });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `pip could not install ${REQUIREMENTS} from PyPI (${tail(error)})` };
  }
  writeFileSync(join(dir, READY), `${version}\n`);
  return { st };
}

/** A proxy in front of the app that counts every request either tool sends, the document's included. */
async function countingProxy(backend: string): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const upstream = httpRequest(`${backend}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

interface Outcome {
  requests: number;
  wallMs: number;
  defects: number;
  seeded: boolean;
  names: string[];
}

/** Run a child to its end, whatever its exit code (both tools exit 1 when they find something). */
function runToEnd(command: string, argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Start a fresh copy of the app behind a counting proxy, run one tool against it, stop both. */
async function measure(python: string, module: string, tool: (proxy: string) => Promise<Omit<Outcome, 'requests' | 'wallMs'>>): Promise<Outcome> {
  const app = await startUvicorn(python, module);
  const proxy = await countingProxy(app.url);
  try {
    const started = performance.now();
    const outcome = await tool(proxy.url);
    return { ...outcome, wallMs: performance.now() - started, requests: proxy.count() };
  } finally {
    await proxy.close();
    await app.close();
  }
}

function statuslintTool(profile: string) {
  return async (url: string) => {
    const done = await runToEnd(process.execPath, [CLI, 'probe', '--openapi', `${url}/openapi.json`, '--server', url, '--profile', profile, '--token', FASTAPI_TOKEN, '--allow-writes', '--format', 'json']);
    if (done.code !== 0 && done.code !== 1) throw new Error(`statuslint exited ${done.code}: ${done.stderr.trim()}`);
    const results = JSON.parse(done.stdout) as Results;
    const pairs = new Set<string>();
    for (const item of results.items) {
      for (const check of item.checks) if (check.outcome === 'fail') pairs.add(`${check.checkId} ${item.operation ?? item.location}`);
    }
    const seeded = results.items.some((i) => i.probeId === 'use-after-delete' && i.checks.some((c) => c.outcome === 'fail' && c.checkId === 'status-code-expected'));
    return { defects: pairs.size, seeded, names: [...pairs].sort() };
  };
}

function schemathesisTool(st: string, scratch: string) {
  return async (url: string) => {
    const report = join(scratch, `schemathesis-${Date.now()}.json`);
    const argv = ['run', `${url}/openapi.json`, '-u', url, '-H', `Authorization: Bearer ${FASTAPI_TOKEN}`, '--checks', 'all', '--seed', '1', '--max-examples', args['max-examples'], '--report', 'json', '--report-json-path', report, '--no-color'];
    const done = await runToEnd(st, argv);
    if (!existsSync(report)) throw new Error(`Schemathesis exited ${done.code} without a report: ${done.stdout.slice(-400)}`);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { test_cases: { unique_failures: number }; failures: Array<{ type: string; code: string; operations: string[] }> };
    return {
      defects: json.test_cases.unique_failures,
      seeded: json.failures.some((f) => f.type === 'UseAfterFree'),
      names: json.failures.flatMap((f) => f.operations.map((o) => `${f.code} ${f.type} ${o}`)).sort(),
    };
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);

function row(app: string, tool: string, o: Outcome): string {
  return `${app.padEnd(12)}  ${tool.padEnd(12)}  ${String(o.requests).padStart(8)}  ${seconds(o.wallMs).padStart(8)}  ${String(o.defects).padStart(7)}  ${o.seeded ? 'found' : '-'}`;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const fastapi = await fastapiVenv();
  if ('unavailable' in fastapi) {
    say(`skipped: no FastAPI app to run (${fastapi.unavailable})`);
    return;
  }
  const schemathesis = await schemathesisVenv();
  const scratch = mkdtempSync(join(tmpdir(), 'statuslint-bench-schemathesis-'));
  try {
    // FastAPI's own error bodies (`{"detail": …}`) and its 422s, as test/api/fastapi.test.ts declares them: the comparison is about behaviour, not envelope shape.
    const profile = join(scratch, 'fastapi.json');
    writeFileSync(profile, JSON.stringify({ name: 'fastapi', extends: 'envelope', body: { kind: 'none' }, requestErrors: { validation: 422, parameter: 422, malformedBody: 422, mediaType: 422 } }));
    say(`${'app'.padEnd(12)}  ${'tool'.padEnd(12)}  ${'requests'.padStart(8)}  ${'wall'.padStart(8)}  ${'defects'.padStart(7)}  seeded`);
    for (const [label, module] of [['clean', 'app:app'], ['soft-delete', 'app_soft_delete:app']] as const) {
      const ours = await measure(fastapi.python, module, statuslintTool(profile));
      say(row(label, 'statuslint', ours));
      if ('unavailable' in schemathesis) continue;
      const theirs = await measure(fastapi.python, module, schemathesisTool(schemathesis.st, scratch));
      say(row(label, 'schemathesis', theirs));
      say(`${''.padEnd(12)}  statuslint ÷ Schemathesis: requests ${ratio(ours.requests, theirs.requests)}, wall time ${ratio(ours.wallMs, theirs.wallMs)}`);
      say(`${''.padEnd(12)}  statuslint: ${ours.names.join('; ') || 'nothing'}`);
      say(`${''.padEnd(12)}  Schemathesis: ${theirs.names.join('; ') || 'nothing'}`);
    }
    if ('unavailable' in schemathesis) say(`Schemathesis skipped: ${schemathesis.unavailable}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
