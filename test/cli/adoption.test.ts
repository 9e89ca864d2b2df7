/**
 * The README's "Adopting statuslint in an existing project", step by step, as a team would run it:
 * the first red run, a baseline that accepts today's findings, a config file that holds the flags,
 * then CI runs that stay green until a finding is new and say what was fixed since. Against the broken
 * Kubernetes stand-in (probe) and a small HTTP API (probe --openapi), with no cluster.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResultsDocument } from '../../conformance/results.js';
import { type DefectId, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { runCli } from '../helpers/cli.js';
import { listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-adoption-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** One project: its own directory, where statuslint finds its config. */
function project(name: string): { dir: string; run: (...args: string[]) => ReturnType<typeof runCli> } {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { dir, run: (...args) => runCli(args, { cwd: dir }) };
}

async function withServer<T>(defects: readonly DefectId[], work: (url: string) => Promise<T>): Promise<T> {
  const server = await startBrokenServer({ defects });
  try {
    return await work(server.url);
  } finally {
    await server.close();
  }
}

describe('adopting statuslint: probe of a Kubernetes API server', () => {
  const { dir, run } = project('k8s');
  const config = (url: string): void =>
    writeFileSync(join(dir, 'statuslint.config.yaml'), `server: ${url}\nbaseline: statuslint.baseline.json\nfailOn: should\noutputs:\n  - { format: stylish }\n  - { format: json, output: results.json }\n`);
  const summary = (): ResultsDocument['summary'] => (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsDocument).summary;

  it('1. the first run is red', async () => {
    await withServer(['no-allow-header', 'misspelt-reason', 'html-error-page'], async (url) => {
      const first = await run('probe', '--server', url, '--token', GOOD_TOKEN);
      assert.equal(first.code, 1);
      assert.match(first.stdout, /✖ not conformant/);
    });
  });

  it('2. a baseline accepts today\'s findings; 3. the config holds the flags; the run is green', async () => {
    await withServer(['no-allow-header', 'misspelt-reason', 'html-error-page'], async (url) => {
      config(url);
      const written = await run('probe', '--token', GOOD_TOKEN, '--update-baseline');
      assert.equal(written.code, 0, written.stdout);
      assert.match(written.stderr, /^statuslint: wrote statuslint\.baseline\.json \(\d+ added, 0 removed\)\n$/);
      const green = await run('probe', '--token', GOOD_TOKEN);
      assert.equal(green.code, 0, green.stdout);
      assert.match(green.stdout, /^0 new, \d+ known, 0 fixed since the baseline statuslint\.baseline\.json$/m);
      assert.equal(summary().baseline!.new, 0);
    });
  });

  it('4. CI: a fix is counted, and green stays green; a new finding fails the run', async () => {
    await withServer(['no-allow-header', 'html-error-page'], async (url) => {
      config(url);
      const fixed = await run('probe', '--token', GOOD_TOKEN);
      assert.equal(fixed.code, 0, fixed.stdout);
      assert.ok(summary().baseline!.fixed > 0);
    });
    await withServer(['no-allow-header', 'html-error-page', 'no-message'], async (url) => {
      config(url);
      const regressed = await run('probe', '--token', GOOD_TOKEN);
      assert.equal(regressed.code, 1);
      assert.match(regressed.stdout, /^3 new, \d+ known, \d+ fixed since the baseline statuslint\.baseline\.json$/m);
      assert.match(regressed.stdout, /message-present/);
    });
  });
});

describe('adopting statuslint: probe --openapi of any HTTP API', () => {
  it('ignores, levels, probes off and waivers from the config: an ignored operation gets no request, every report says what was left out', async () => {
    const paths: string[] = [];
    const api = await listenLocal(
      createServer((req, res) => {
        paths.push(`${req.method} ${req.url}`);
        // Every failure is problem details without `instance`, as text/html: a MUST finding everywhere.
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>no</h1>');
      }),
    );
    try {
      const { dir, run } = project('api');
      writeFileSync(
        join(dir, 'openapi.yaml'),
        'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /items/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok }, "404": { description: missing } }\n  /admin/reset/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n',
      );
      writeFileSync(
        join(dir, 'statuslint.config.yaml'),
        [
          `server: ${api.url}`,
          'openapi: openapi.yaml',
          'profile: problem',
          'probes: { method-not-allowed: off }',
          'checks: { response-declared: off }',
          'ignore:',
          "  - { operation: 'GET /admin/reset/{id}', reason: resets the test instance }",
          'waivers:',
          '  - { name: html-404, check: content-type-json, reason: the gateway answers 404 until ticket 12 ships, expires: 2000-01-01 }',
          '',
        ].join('\n'),
      );
      const result = await run('probe', '--format', 'json', '-o', 'results.json', '--format', 'markdown');
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'statuslint: waiver "html-404" of statuslint.config.yaml expired on 2000-01-01: it waives nothing, and the run fails until it is renewed or removed\n');
      assert.deepEqual(paths.filter((p) => p.includes('/admin/')), [], 'the ignored operation got no request');
      assert.ok(paths.length > 0 && paths.every((p) => !p.startsWith('OPTIONS') && !p.startsWith('DELETE')));
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsDocument;
      assert.deepEqual(results.policy?.ignored, [{ rule: 'operation GET /admin/reset/{id}', reason: 'resets the test instance', subjects: ['GET /admin/reset/{id}'] }]);
      assert.deepEqual(results.policy?.probesOff, ['method-not-allowed']);
      assert.ok(results.notRun?.some((entry) => entry.probeId === 'method-not-allowed' && entry.reason === 'turned off in statuslint.config.yaml (probes.method-not-allowed: off)'));
      assert.ok(results.items.every((item) => item.checks.every((c) => c.checkId !== 'response-declared' || c.outcome === 'skip')));
      assert.match(result.stdout, /checks turned off in statuslint\.config\.yaml: response-declared/);
      assert.match(result.stdout, /ignored in statuslint\.config\.yaml \(operation GET \/admin\/reset\/\{id\}: resets the test instance\): 1 subject left out/);
      assert.match(result.stdout, /probe not run \(`method-not-allowed`\): turned off in statuslint\.config\.yaml/);
    } finally {
      await api.close();
    }
  });
});
