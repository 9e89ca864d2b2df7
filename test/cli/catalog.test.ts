import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogEntry } from '../../schemas/types.js';
import { runCli } from '../helpers/cli.js';

describe('statuslint catalog', () => {
  it('lists the Kubernetes reasons as a table by default', async () => {
    const run = await runCli(['catalog']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^CODE +APPEARS IN +HTTP +RECOVERY +TITLE$/m);
    assert.match(run.stdout, /^NotFound +status-reason +404 +fix-request +Not found$/m);
    assert.match(run.stdout, /^CrashLoopBackOff +container-waiting-reason +- +none/m);
  });

  it('prints JSON for the envelope profile', async () => {
    const run = await runCli(['catalog', '--profile', 'envelope', '--format', 'json']);
    const entries = JSON.parse(run.stdout) as CatalogEntry[];
    assert.equal(entries.find((e) => e.code === 'dependency_unavailable')?.httpStatus, 503);
    // The seed's 36 codes, and 415 for a body of a media type the endpoint does not take.
    assert.equal(entries.find((e) => e.code === 'unsupported_media_type')?.httpStatus, 415);
    assert.equal(entries.length, 37);
  });

  it('prints the HTTP statuses as Markdown', async () => {
    const run = await runCli(['catalog', '--http', '--format', 'markdown']);
    assert.match(run.stdout, /^\| `429` \| http-status \| 429 \| `retry-after` \|/m);
  });

  it('rejects an unknown format with exit 2', async () => {
    const run = await runCli(['catalog', '--format', 'yaml']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: --format: unknown format "yaml" (use table, json, markdown)\n');
  });
});

describe('statuslint itself', () => {
  it('prints help and version with exit 0', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Commands:\n {2}probe .*\n(.*\n)* {2}validate /);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit 2', async () => {
    const run = await runCli(['bogus']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command 'bogus'/);
  });
});
