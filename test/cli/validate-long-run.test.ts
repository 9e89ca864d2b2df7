/**
 * `validate` on long inputs (issue #22): a progress line on a terminal; Ctrl-C stops the reading, also
 * of a standard input that waits for more, what was judged until then is reported, marked as
 * interrupted (exit 130), and no temporary file of the run is left behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { runNode } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';
import { statusBody } from '../helpers/status.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-validate-interrupt-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** More than a pipe holds (64 KiB), so that the write completing means the command has read most of it. */
const LINES = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ ...statusBody(), message: `configmaps "object-${i}" not found` })).join('\n');

/** `validate -` with `args`, given LINES on a standard input left open, then Ctrl-C. */
async function interrupted(args: readonly string[], lines: string, temporary: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, 'validate', '-', '--no-config', ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', TMPDIR: temporary },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => child.stdin.write(`${lines}\n`, (error) => (error ? reject(error) : resolve())));
  // Standard input stays open: the command waits for more lines when Ctrl-C comes.
  child.kill('SIGINT');
  const code = await exited;
  child.stdin.destroy();
  return { code, stderr };
}

describe('Ctrl-C during validate', () => {
  it('writes what was judged, marked as interrupted, exits 130 and leaves no temporary file', { timeout: 60_000 }, async () => {
    const temporary = join(scratch, 'tmp');
    mkdirSync(temporary);
    const json = join(scratch, 'out.json');
    const junit = join(scratch, 'out.xml');
    // JUnit holds each suite until its end: ten thousand responses' test cases go to a temporary file.
    const { code, stderr } = await interrupted(['--format', 'json', '-o', json, '--format', 'junit', '-o', junit], LINES, temporary);

    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted; writing what was judged so far/);
    const results = JSON.parse(readFileSync(json, 'utf8')) as Results & { summary: { responses: number } };
    assert.equal(results.interrupted, true);
    assert.ok(results.summary.responses > 0 && results.summary.responses <= 10_000, `${results.summary.responses} responses`);
    assert.match(readFileSync(junit, 'utf8'), /<\/testsuites>\n$/);
    assert.deepEqual(readdirSync(temporary), []);
  });

  it('--update-baseline adds what was found and prunes nothing: the run may not have reached a fixed finding', { timeout: 60_000 }, async () => {
    const baseline = join(scratch, 'statuslint.baseline.json');
    // An entry a finished run would prune: its check ran on its subject (standard input) and did not find it.
    const unreached = { fingerprint: 'a'.repeat(16), checkId: 'reason-code-match', level: 'MUST', subject: '<stdin>', pointer: '/reason' };
    writeFileSync(baseline, `${JSON.stringify({ baselineVersion: 1, findings: [unreached] })}\n`);
    const wrong = JSON.stringify({ ...statusBody(), reason: 'AlreadyExists' });
    const { code, stderr } = await interrupted(['--format', 'github', '-o', join(scratch, 'out.txt'), '--baseline', baseline, '--update-baseline'], `${wrong}\n${LINES}`, scratch);

    assert.equal(code, 130, stderr);
    assert.match(stderr, /wrote .*statuslint\.baseline\.json \(1 added, 0 removed; the run was interrupted, so none was pruned\)\n$/);
    const written = readFileSync(baseline, 'utf8');
    assert.match(written, /"fingerprint":"a{16}"/);
    assert.match(written, /"subject":"<stdin>","pointer":"\/reason"/);
    assert.equal(written.split('\n').filter((line) => line.startsWith('    {')).length, 2);
  });
});

describe('validate on a terminal', () => {
  const input = join(scratch, 'lines.jsonl');
  writeFileSync(input, `${LINES}\n`);
  // Standard error taken for a terminal, as it is when a person runs the command.
  const onTerminal = (...args: string[]) => runNode(['--import', 'data:text/javascript,process.stderr.isTTY=true', cliPath, 'validate', input, '--format', 'github', ...args], { env: { NO_COLOR: '1' } });

  it('shows how many responses were read, and clears the line at the end', async () => {
    const run = await onTerminal();
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\r\u001b\[2Kstatuslint validate: [\d,]+ responses…/);
    assert.ok(run.stderr.endsWith('\r\u001b[2K'), JSON.stringify(run.stderr.slice(-40)));
  });

  it('shows nothing with --no-progress', async () => {
    const run = await onTerminal('--no-progress');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  });
});
