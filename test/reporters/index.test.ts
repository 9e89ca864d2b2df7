import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatNames, REPORTERS } from '../../conformance/reporters/index.js';
import { repoRoot } from '../helpers/paths.js';

/** Files in conformance/reporters/ that hold no reporter. */
const NOT_REPORTERS = new Set(['index.ts', 'reporter.ts', 'format.ts', 'names.ts', 'sarif-files.ts']);

describe('the reporters', () => {
  it('are one per file, each named as its file, and all registered', () => {
    const files = readdirSync(join(repoRoot, 'conformance', 'reporters')).filter((f) => f.endsWith('.ts') && !NOT_REPORTERS.has(f));
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), [...REPORTERS.keys()].sort());
    for (const [name, reporter] of REPORTERS) {
      assert.equal(reporter.name, name);
      assert.match(reporter.extension, /^[a-z]+$/);
      assert.ok(reporter.description.length > 10, `${name} has a description`);
    }
    assert.equal(formatNames(), 'stylish, json, junit, sarif, markdown, html or github');
  });

  it('are each documented in docs/report.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'report.md'), 'utf8');
    for (const name of REPORTERS.keys()) assert.match(doc, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
  });
});
