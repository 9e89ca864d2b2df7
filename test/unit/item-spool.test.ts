// Issue #22: `spec` sets a document's results aside in a temporary file between its two readings
// (ItemSpool): what is read back must be what was added, in order, however values fall across the
// file's writes and reads, and nothing may be left behind.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ItemSpool, TemporaryFolder, WRITE_SIZE } from '../../cli/report-spool.js';

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

describe('ItemSpool', () => {
  it('gives back every value added, in order, across writes to its file', () => {
    const folder = new TemporaryFolder();
    try {
      const spool = new ItemSpool<unknown>(folder);
      const added = values(4000);
      for (const value of added) spool.add(value);
      const read = [...spool.items()];
      assert.equal(read.length, added.length);
      assert.deepEqual(read, added);
      const file = folder.file();
      assert.deepEqual(readdirSync(file.slice(0, file.lastIndexOf('/'))), [], 'the spool removed its file once read');
    } finally {
      folder.remove();
    }
  });

  it('a few values stay in memory, and are given back all the same', () => {
    const folder = new TemporaryFolder();
    const spool = new ItemSpool<unknown>(folder);
    const added = values(5).filter((v) => !('big' in (v as object)));
    for (const value of added) spool.add(value);
    assert.deepEqual([...spool.items()], added);
    assert.match(folder.file(), /[/\\]0$/, 'the spool never asked for a file');
    folder.remove();
  });
});
