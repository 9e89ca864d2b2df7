// Issue #22: `spec` sets a document's results aside in a temporary file between its two readings
// (ItemSpool): what is read back must be what was added, in order, however values fall across the
// file's writes and reads, and the file must have no name while open, so that nothing is left behind.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ItemSpool, WRITE_SIZE } from '../../cli/report-spool.js';

/** Values of many sizes, one larger than a write, with the kinds a result item holds. */
function values(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `item ${i}`,
    size: i,
    text: 'é✓x'.repeat((i * 7919) % 1500),
    nested: { list: [i, `${i}`, i % 2 === 0, null], undefinedKept: undefined },
    ...(i === 123 ? { big: 'b'.repeat(WRITE_SIZE * 2 + 3) } : {}),
  }));
}

// The spool's temporary folder is made under TMPDIR: a folder of this test's own, to look into.
const scratch = mkdtempSync(join(tmpdir(), 'statuslint-spool-test-'));
const previousTmpdir = process.env.TMPDIR;
process.env.TMPDIR = scratch;
after(() => {
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(scratch, { recursive: true, force: true });
});

/** Files this process holds open under the scratch folder whose names were removed (Linux). */
const namelessFilesOpen = (): string[] =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(scratch) && target.endsWith('(deleted)'));

describe('ItemSpool', () => {
  it('gives back every value added, in order, across writes to a file that has no name', () => {
    const spool = new ItemSpool<unknown>();
    const added = values(4000);
    for (const value of added) spool.add(value);
    assert.deepEqual(readdirSync(scratch), [], 'nothing of the spool in the folder');
    if (existsSync('/proc/self/fd')) assert.equal(namelessFilesOpen().length, 1, 'the values are in a file this process holds open, its name removed');
    const read = [...spool.items()];
    assert.equal(read.length, added.length);
    assert.deepEqual(read, added);
    if (existsSync('/proc/self/fd')) assert.deepEqual(namelessFilesOpen(), [], 'closed once read');
  });

  it('a few values stay in memory, and are given back all the same', () => {
    const spool = new ItemSpool<unknown>();
    const added = values(5).filter((v) => !('big' in (v as object)));
    for (const value of added) spool.add(value);
    assert.deepEqual([...spool.items()], added);
    spool.dispose();
  });
});
