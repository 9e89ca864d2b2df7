/**
 * `--fail-on must|should|never` on every command that judges: the lowest level of finding that fails
 * the run, or none. Without it, each command exits as it always has.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { listenLocal } from '../helpers/servers.js';
import { validateResults } from '../reporters/fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-fail-on-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

const SHOULD_ONLY = write('should.json', JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 }));
const MUST = write('must.json', JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'AlreadyExists', code: 404, message: 'x' }));

/** Exit codes of one command line with each --fail-on, and without. */
async function exits(args: readonly string[]): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const failOn of ['default', 'must', 'should', 'never']) {
    const run = await runCli([...args, ...(failOn === 'default' ? [] : ['--fail-on', failOn]), '--no-config']);
    out[failOn] = run.code;
  }
  return out;
}

describe('--fail-on', () => {
  it('validate: SHOULD findings fail by default and with should, not with must or never', async () => {
    assert.deepEqual(await exits(['validate', '--status', '404', SHOULD_ONLY]), { default: 1, must: 0, should: 1, never: 0 });
    assert.deepEqual(await exits(['validate', '--status', '404', MUST]), { default: 1, must: 1, should: 1, never: 0 });
  });

  it('spec: the same', async () => {
    assert.deepEqual(await exits(['spec', fixture('openapi', 'findings-2.0.yaml')]), { default: 1, must: 1, should: 1, never: 0 });
    assert.deepEqual(await exits(['spec', fixture('openapi', 'clean-3.1.yaml')]), { default: 0, must: 0, should: 0, never: 0 });
  });

  it('report: as the command that made the results by default, as told with --fail-on', async () => {
    assert.deepEqual(await exits(['report', fixture('results', 'broken-server.json'), '--format', 'json']), { default: 1, must: 1, should: 1, never: 0 });
    const shouldOnly: Results = {
      ...validateResults(),
      items: validateResults().items.filter((item) => item.checks.every((c) => c.outcome !== 'fail' || c.findings.every((f) => f.level === 'SHOULD'))),
    };
    assert.deepEqual(await exits(['report', write('should-results.json', JSON.stringify(shouldOnly)), '--format', 'json']), { default: 1, must: 0, should: 1, never: 0 });
  });

  describe('probe --openapi', () => {
    let server: { url: string; close: () => Promise<void> };
    before(async () => {
      // An API that answers every request with an HTML page: MUST findings everywhere.
      server = await listenLocal(createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')));
    });
    after(() => server.close());

    it('fails on MUST findings by default, and never with never', async () => {
      const document = write('api.yaml', 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /items/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok }, "404": { description: missing } }\n');
      assert.deepEqual(await exits(['probe', '--openapi', document, '--server', server.url, '--profile', 'problem', '--format', 'json']), { default: 1, must: 1, should: 1, never: 0 });
    });
  });

  it('refuses a level it does not know, in one line', async () => {
    const run = await runCli(['validate', SHOULD_ONLY, '--fail-on', 'sometimes']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--fail-on <level>' argument 'sometimes' is invalid\. must be "must", "should" or "never"/);
  });

  it('is in the help of probe, validate, spec and report', async () => {
    for (const command of ['probe', 'validate', 'spec', 'report']) {
      // Help wraps to the terminal's width: compared with its white space collapsed.
      const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
      assert.ok(help.includes('--fail-on <level> lowest finding level that fails the run: must, should, or never to report without failing (default: '), command);
      assert.ok(help.includes('--baseline <file> findings in this baseline file are known'), command);
      assert.ok(help.includes('-c, --config <file> config file'), command);
    }
  });
});
