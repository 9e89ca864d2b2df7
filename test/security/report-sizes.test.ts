// Issue #14: reports of large or hostile runs must be written, not crash. JUnit stopped at 10,000
// responses (`Maximum call stack size exceeded`), JSON at about 240,000 (`Invalid string length`:
// V8 strings end at 512 MiB), a 50 MB reason was copied whole into findings, and a closed or full
// standard output ended in a stack trace and exit 1, which reads as "findings".
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeResults } from '../../cli/output.js';
import { parseRecorded } from '../../conformance/recorded.js';
import junit from '../../conformance/reporters/junit.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { builtinProfile } from '../../schemas/index.js';
import { cliPath, fixture } from '../helpers/paths.js';
import { validateResults } from '../reporters/fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-sizes-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The validate fixture's 13 responses repeated to `count`: the items share their checks, so the model stays small. */
function manyResponses(count: number): Results {
  const results = validateResults();
  const items = results.items;
  results.items = Array.from({ length: count }, (_, i) => ({ ...items[i % items.length]!, id: `response-${i + 1}` }));
  return results;
}

/** How often `needle` occurs in a file, read in pieces as bytes (the file is larger than a string can be). */
function occurrences(file: string, needle: string): number {
  const pattern = Buffer.from(needle);
  const buffer = Buffer.alloc(16 * 1024 * 1024);
  const fd = openSync(file, 'r');
  let count = 0;
  let kept = 0;
  try {
    for (let read; (read = readSync(fd, buffer, kept, buffer.length - kept, null)) > 0; ) {
      const end = kept + read;
      let at = buffer.indexOf(pattern, 0);
      let next = 0;
      while (at !== -1 && at + pattern.length <= end) {
        count++;
        next = at + pattern.length;
        at = buffer.indexOf(pattern, next);
      }
      // Keep the tail that may hold the start of a match.
      const from = Math.max(next, end - pattern.length + 1);
      buffer.copy(buffer, 0, from, end);
      kept = end - from;
      buffer.fill(0, kept);
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

describe('reports of large runs', () => {
  it('junit writes 10,000 responses (140,000 testcases) without overflowing the stack', () => {
    const results = manyResponses(10_000);
    const xml = junit.render(results, { color: false });
    const testcases = results.items.reduce((sum, item) => sum + item.checks.length, 0);
    assert.equal(xml.match(/<testcase /g)?.length, testcases);
    assert.match(xml, new RegExp(`^<\\?xml [^\\n]*\\n<testsuites [^>]*tests="${testcases}"`));
    assert.ok(xml.endsWith('  </testsuite>\n</testsuites>\n'));
  });

  it('json writes 200,000 responses (600 MB, more than one string can hold), the same text JSON.stringify gives', async () => {
    // The same text as the model stringified, for a model small enough to stringify.
    const small = validateResults();
    const smallFile = join(scratch, 'small.json');
    writeResults(small, [{ format: 'json', file: smallFile }]);
    assert.equal(readFileSync(smallFile, 'utf8'), `${JSON.stringify(small, null, 2)}\n`);

    const count = 200_000;
    const file = join(scratch, 'large.json');
    writeResults(manyResponses(count), [{ format: 'json', file }]);
    assert.ok(statSync(file).size > 2 ** 29, `${statSync(file).size} bytes`);
    // Each item starts at the indentation of the items array, once.
    assert.equal(occurrences(file, '\n    {\n      "id": "response-'), count);
    const fd = openSync(file, 'r');
    const tail = Buffer.alloc(64);
    readSync(fd, tail, 0, 64, statSync(file).size - 64);
    closeSync(fd);
    // The items close once, then what is known when the run is over: its end time, then the summary, last.
    assert.equal(occurrences(file, '\n    }\n  ],\n  "finishedAt": '), 1);
    assert.match(tail.toString('utf8'), /\n {4}}\n {2}}\n}\n$/);
    rmSync(file);
  });
});

describe('findings of a hostile server', () => {
  it('clip a value of 2 MB to 1,000 characters, saying how much was left out', () => {
    const reason = 'R'.repeat(2_000_000);
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason, code: 404 });
    const results = validateRecorded(parseRecorded(body, 'huge-reason.json', 404), builtinProfile('kubernetes'));
    const [finding] = findingsOfItem(results.items[0]!);
    assert.equal(finding?.checkId, 'reason-known');
    assert.equal(finding.received, `${'R'.repeat(1000)}… (1999000 more characters)`);
    // The message quotes the clipped value, and keeps what was expected.
    assert.ok(finding.message.length < 1200, `${finding.message.length} characters`);
    assert.match(finding.message, /R… \(1999000 more characters\)`\. Expected: a code from the kubernetes catalog\.$/);
  });

  it('clip a skip reason that quotes the value as a finding would, not carry the 2 MB into the report', () => {
    const reason = 'R'.repeat(2_000_000);
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason, code: 404 });
    const results = validateRecorded(parseRecorded(body, 'huge-reason.json', 404), builtinProfile('kubernetes'));
    const skipped = results.items[0]!.checks.find((c) => c.checkId === 'reason-code-match');
    assert.equal(skipped?.outcome, 'skip');
    assert.ok(skipped.reason.length <= 1100, `${skipped.reason.length} characters`);
    assert.match(skipped.reason, /^`R{999}… \(\d+ more characters\)$/);
  });
});

interface Run {
  code: number | null;
  stderr: string;
}

/** Run the CLI with standard output on `stdout`: a pipe read until `readBytes` (then closed), or a file descriptor. */
function runWithStdout(args: readonly string[], stdout: { readBytes: number } | number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', typeof stdout === 'number' ? stdout : 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (typeof stdout !== 'number') {
      let read = 0;
      // A reader that stops early, as `| head -c N` does.
      if (stdout.readBytes === 0) child.stdout!.destroy();
      else child.stdout!.on('data', (d: Buffer) => (read += d.length) >= stdout.readBytes && child.stdout!.destroy());
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a report to a closed or full standard output', () => {
  it('stops quietly when the reader has gone, with the exit code of the command', async () => {
    // Closed before the first write, and after the first 1,000 bytes of a report larger than a pipe holds.
    for (const readBytes of [0, 1000]) {
      const run = await runWithStdout(['report', '--format', 'json', fixture('results', 'broken-server.json')], { readBytes });
      assert.equal(run.stderr, '', `reader closing after ${readBytes} bytes`);
      assert.equal(run.code, 1, 'not conformant, as without a reader closing');
    }
    // `statuslint validate … | head -1` of a file with findings.
    assert.deepEqual(await runWithStdout(['validate', fixture('recorded', 'mixed.har')], { readBytes: 1 }), { code: 1, stderr: '' });
  });

  it('says so in one line and exits 2 when the disk is full', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = await runWithStdout(['validate', fixture('recorded', 'mixed.har')], full);
      assert.deepEqual(run, { code: 2, stderr: 'statuslint: standard output: cannot write (ENOSPC)\n' });
    } finally {
      closeSync(full);
    }
  });
});
