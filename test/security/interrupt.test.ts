/**
 * Ctrl-C ends a run promptly whatever the server does (issue #14): the first one cancels the
 * requests in flight and writes the partial report (exit 130); a second one, while cleanup waits on
 * a server that never answers, ends the process at once. The servers here hold requests open for
 * longer than any test may take, so a run that waits for them fails by the test's own timeout.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { type BrokenServer, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { cliPath, fixture } from '../helpers/paths.js';
import { forward, listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-interrupt-'));
// Far beyond the test's timeout: only cancelling the request ends it sooner.
const SERVER_TIMEOUT_SECONDS = '600';
const TEST_TIMEOUT_MS = 30_000;

interface Held {
  method: string;
  path: string;
  /** Resolves when the client gives up on the request (closes or resets it). */
  cancelled: Promise<void>;
}

/** A server that passes requests to `backend` (or answers 404), except those `hold` picks: those it never answers. */
async function startHoldingServer(hold: (req: IncomingMessage) => boolean, backend?: BrokenServer): Promise<{ url: string; held: Held[]; next(filter?: (h: Held) => boolean): Promise<Held>; close(): Promise<void> }> {
  const held: Held[] = [];
  const waiters: Array<{ filter: (h: Held) => boolean; resolve: (h: Held) => void }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (hold(req)) {
      const entry: Held = { method: req.method ?? '', path: req.url ?? '', cancelled: new Promise((resolve) => res.on('close', () => resolve())) };
      held.push(entry);
      for (const waiter of waiters.filter((w) => w.filter(entry))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
      return;
    }
    if (!backend) {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'Not Found', status: 404 }));
      return;
    }
    forward(req, res, backend.url);
  });
  const listening = await listenLocal(server);
  return {
    url: listening.url,
    held,
    next: (filter = () => true) =>
      new Promise((resolve) => {
        const already = held.find(filter);
        if (already) resolve(already);
        else waiters.push({ filter, resolve });
      }),
    close: listening.close,
  };
}

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[]): Started {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('Ctrl-C', () => {
  it('cancels the requests in flight and writes the partial report (probe --openapi)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startHoldingServer(() => true);
    const out = join(scratch, 'openapi.json');
    try {
      const run = startCli(['probe', '--openapi', fixture('api', 'orders.openapi.yaml'), '--server', server.url, '--profile', 'problem', '--timeout', SERVER_TIMEOUT_SECONDS, '--concurrency', '2', '--format', 'json', '-o', out]);
      children.push(run.child);
      const first = await server.next();
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130, run.stderr());
      await first.cancelled;
      assert.match(run.stderr(), /statuslint: interrupted; writing what ran so far/);
      const partial = JSON.parse(readFileSync(out, 'utf8')) as Results;
      assert.equal(partial.interrupted, true);
      // A request cut by Ctrl-C is not a server that failed to answer.
      assert.deepEqual(partial.items.filter((i) => i.error !== undefined || i.checks.some((c) => c.checkId === 'response-complete' && c.outcome === 'fail')), []);
    } finally {
      await server.close();
    }
  });

  it('during discovery is an interrupted run, not a target that did not answer (probe)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startHoldingServer(() => true);
    const out = join(scratch, 'discovery.json');
    try {
      const run = startCli(['probe', '--server', server.url, '--token', GOOD_TOKEN, '--timeout', SERVER_TIMEOUT_SECONDS, '--format', 'json', '-o', out]);
      children.push(run.child);
      const first = await server.next();
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130, run.stderr());
      await first.cancelled;
      assert.doesNotMatch(run.stderr(), /did not answer/);
      const partial = JSON.parse(readFileSync(out, 'utf8')) as Results;
      assert.equal(partial.interrupted, true);
      assert.deepEqual(partial.items, []);
    } finally {
      await server.close();
    }
  });

  it('cancels the document being read and writes the partial report (spec --from-cluster)', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The cluster answers its version and lists one document, then never sends that document.
    const out = join(scratch, 'spec.json');
    const index = createServer((req, res) => {
      if (req.url === '/openapi/v3') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"paths":{"apis/x.example.dev/v1":{}}}');
      if (req.url === '/version') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"gitVersion":"v1.37.2"}');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => index.listen(0, '127.0.0.1', resolve));
    // What the holding server does not hold goes to `index`.
    const front = await startHoldingServer((req) => req.url === '/openapi/v3/apis/x.example.dev/v1', { url: `http://127.0.0.1:${(index.address() as AddressInfo).port}` } as BrokenServer);
    try {
      const run = startCli(['spec', '--from-cluster', '--server', front.url, '--token', GOOD_TOKEN, '--timeout', SERVER_TIMEOUT_SECONDS, '--format', 'json', '-o', out]);
      children.push(run.child);
      const first = await front.next();
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130, run.stderr());
      await first.cancelled;
      const partial = JSON.parse(readFileSync(out, 'utf8')) as Results;
      assert.equal(partial.interrupted, true);
      // The document cut off by Ctrl-C is not reported as one the cluster failed to send.
      assert.deepEqual(partial.items.filter((i) => i.error !== undefined).map((i) => i.error), []);
    } finally {
      await front.close();
      await new Promise((resolve) => index.close(resolve));
    }
  });

  it('a second Ctrl-C ends the run at once while cleanup waits on the server (probe --allow-writes)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const backend = await startBrokenServer({ defects: [] });
    // Everything in the throwaway namespace hangs: the probe that runs there, and the DELETE that removes it.
    const front = await startHoldingServer((req) => /^\/api\/v1\/namespaces\/statuslint-[0-9a-f]{8}(\/|$|\?)/.test(req.url ?? ''), backend);
    const out = join(scratch, 'kubernetes.json');
    try {
      const run = startCli(['probe', '--server', front.url, '--token', GOOD_TOKEN, '--allow-writes', '--probe', 'invalid-dryrun-value', '--resource', 'configmaps', '--timeout', SERVER_TIMEOUT_SECONDS, '--format', 'json', '-o', out]);
      children.push(run.child);
      const probe = await front.next((h) => h.method !== 'DELETE');
      run.child.kill('SIGINT');
      // The probe's request is cancelled, so cleanup starts: its DELETE is held too.
      await probe.cancelled;
      await front.next((h) => h.method === 'DELETE');
      assert.match(run.stderr(), /statuslint: interrupted; cleaning up and writing what ran so far \(Ctrl-C again to stop at once\)/);
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130, run.stderr());
      assert.match(run.stderr(), /\nstatuslint: interrupted again; stopping at once, without cleaning up or writing reports\n$/);
      assert.equal(existsSync(out), false, 'a report was written although the run stopped at once');
    } finally {
      await front.close();
      await backend.close();
    }
  });
});
