/**
 * `spec` on a big document (issue #22): Ctrl-C while the reports are written stops them, what was
 * reported until then is kept, marked as interrupted (exit 130), and no temporary file is left behind
 * (the operations' items wait in a file that has no name, the reports' sections in the run's folder).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { cliPath } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-spec-interrupt-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const OPERATIONS = 40_000;

/** A document of many operations, each with a finding of its own (a `409` served as text). */
function manyOperations(count: number): string {
  const paths = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`/things/${i}`, { get: { responses: { '200': { description: 'OK' }, '409': { description: 'Conflict', content: { 'text/plain': { schema: { type: 'string' } } } } } } }]),
  );
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'many', version: '1' }, paths });
}

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

describe('Ctrl-C during spec', () => {
  it('while the reports are written: keeps what was reported, marked as interrupted, exits 130, leaves no temporary file', { timeout: 120_000 }, async () => {
    const document = join(scratch, 'many.json');
    writeFileSync(document, manyOperations(OPERATIONS));
    const temporary = join(scratch, 'tmp');
    mkdirSync(temporary);
    const json = join(scratch, 'out.json');
    const junit = join(scratch, 'out.xml');
    const child = spawn(process.execPath, [cliPath, 'spec', document, '--no-config', '--profile', 'problem', '--format', 'json', '-o', json, '--format', 'junit', '-o', junit, '--format', 'sarif', '-o', join(scratch, 'out.sarif')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', TMPDIR: temporary },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The reports are opened when the operations have all been checked: the json one starts at once.
    while (sizeOf(json) === 0 && child.exitCode === null) await sleep(10);
    child.kill('SIGINT');
    const code = await exited;

    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted; writing what was reported so far/);
    const results = JSON.parse(readFileSync(json, 'utf8')) as Results;
    assert.equal(results.interrupted, true);
    assert.ok(results.items.length >= 1 && results.items.length < OPERATIONS + 1, `${results.items.length} items`);
    assert.equal(results.items[0]!.location, document, 'the document item comes first');
    assert.match(readFileSync(junit, 'utf8'), /<\/testsuites>\n$/);
    assert.deepEqual(readdirSync(temporary), []);
  });
});
