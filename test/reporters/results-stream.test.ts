/**
 * Saved results are read as a stream (conformance/results-stream.ts): the same model as a whole-text
 * parse, validated item by item as the items arrive, and never held as one string. A file larger than
 * V8's longest string (512 MiB) is too big for a test: bench/report-read.ts reads one of 240,000
 * responses. Here the proof is that `statuslint report -` judges the items it has read while standard
 * input is still open, which a reader of the whole text cannot do.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { ResultItem, Results } from '../../conformance/results.js';
import { upgradeResults, type StoredResults } from '../../conformance/results-upgrade.js';
import { readResults } from '../../conformance/results-stream.js';
import type { InputError } from '../../schemas/errors.js';
import { cliPath, fixture } from '../helpers/paths.js';

const FILES = [fixture('results', 'broken-server.json'), fixture('results', 'validate-mixed.json'), fixture('results', 'validate-mixed.v1.json'), fixture('results', 'fleet', 'sample-apiserver.json')];

/** The text in pieces of `size` bytes, cut anywhere (inside strings, numbers, multi-byte characters). */
const pieces = (text: string, size: number): Readable => {
  const bytes = Buffer.from(text);
  return Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  })());
};

describe('reading a results file as a stream', () => {
  it('gives the model a whole-text parse gives, in pieces of any size', async () => {
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      const whole = upgradeResults(JSON.parse(text) as StoredResults);
      for (const size of [1, 7, 4096]) {
        if (size === 1 && text.length > 300_000) continue;
        assert.deepEqual(await readResults(pieces(text, size), file), whole, `${file} in pieces of ${size}`);
      }
    }
  });

  it('reads a file that opens with any amount of white space, in one piece or many', async () => {
    const text = `${' \n'.repeat(100)}${readFileSync(FILES[1]!, 'utf8')}`;
    const whole = upgradeResults(JSON.parse(text) as StoredResults);
    for (const size of [16, text.length]) assert.deepEqual(await readResults(pieces(text, size), 'padded.json'), whole, `pieces of ${size}`);
  });

  it('keeps multi-byte characters cut between pieces', async () => {
    const results = JSON.parse(readFileSync(FILES[0]!, 'utf8')) as Results;
    results.items[0]!.title = 'Größe — 検証 🚀';
    const read = await readResults(pieces(JSON.stringify(results), 3), 'r.json');
    assert.equal(read.items[0]!.title, 'Größe — 検証 🚀');
  });

  it('names the item that does not match the schema, and the file', async () => {
    const results = JSON.parse(readFileSync(FILES[0]!, 'utf8')) as Results;
    (results.items[5]!.checks[0] as { outcome: string }).outcome = 'maybe';
    await assert.rejects(readResults(pieces(JSON.stringify(results), 512), 'r.json'), (error: InputError) => {
      assert.equal(error.toLine(), 'r.json: not a statuslint results file (/items/5/checks/0/outcome must be equal to one of the allowed values); write one with --format json');
      return true;
    });
    await assert.rejects(readResults(pieces('{"schemaVersion": 3, "items": [', 4), 'cut.json'), /not JSON: /);
    await assert.rejects(readResults(pieces('[1, 2]', 4), 'array.json'), /not a statuslint results file \(\/ must be object\)/);
    await assert.rejects(readResults(pieces('', 4), 'empty.json'), /not JSON: the file is empty/);
    await assert.rejects(readResults(pieces(`${readFileSync(FILES[0]!, 'utf8')} trailing`, 4096), 'trailing.json'), /not JSON: /);
    const object = { ...JSON.parse(readFileSync(FILES[0]!, 'utf8')), items: { a: {} } } as object;
    await assert.rejects(readResults(pieces(JSON.stringify(object), 64), 'object.json'), /\/items must be array/);
  });

  it('`statuslint report -` rejects a bad item while standard input is still open: it never waits for the whole file', async () => {
    const good = (JSON.parse(readFileSync(FILES[0]!, 'utf8')) as Results).items[0]!;
    const bad: ResultItem = { ...good, checks: [{ checkId: 'schema', level: 'MUST', outcome: 'maybe' as never }] };
    const header = readFileSync(FILES[0]!, 'utf8').split('"items": [')[0]!;
    const child = spawn(process.execPath, [cliPath, 'report', '-', '--format', 'json'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let closed = false;
    void exited.then(() => (closed = true));
    child.stdin.on('error', () => {}); // the pipe breaks when the reader stops: that is the point
    const write = (text: string): Promise<void> => new Promise((resolve) => (child.stdin.write(text) ? resolve() : child.stdin.once('drain', resolve)));
    // The file's start and one bad item, then more good items, 64 MiB at most: the reader must stop on
    // the bad item before standard input ends. A reader of the whole text only answers at the end.
    await write(`${header}"items": [${JSON.stringify(bad)}`);
    const more = `,${JSON.stringify(good)}`.repeat(256);
    let written = 0;
    while (!closed && written < 64 * 1024 * 1024) {
      await Promise.race([write(more), exited]);
      written += more.length;
    }
    const endedInputFirst = !closed;
    child.stdin.end();
    const code = await exited;
    assert.equal(endedInputFirst, false, `statuslint read all ${written} bytes before it judged the first item`);
    assert.equal(code, 2);
    assert.match(stderr, /^statuslint: <stdin>: not a statuslint results file \(\/items\/0\/checks\/0\/outcome must be equal to one of the allowed values\); write one with --format json\n$/);
  });
});
