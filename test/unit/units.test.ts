// Every check is one file, with a doc page and a test of the same base name.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { repoRoot } from '../helpers/paths.js';

const checkFiles = readdirSync(join(repoRoot, 'conformance', 'checks'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

it('the index lists every check file', () => {
  assert.deepEqual(ALL_CHECKS.map((c) => c.id).sort(), [...checkFiles].sort());
});

for (const check of ALL_CHECKS) {
  it(`check ${check.id} is named after its file and has a doc and a test`, () => {
    assert.ok(checkFiles.includes(check.id), `no conformance/checks/${check.id}.ts`);
    assert.ok(existsSync(join(repoRoot, 'docs', 'checks', `${check.id}.md`)), 'doc page missing');
    assert.ok(existsSync(join(repoRoot, 'test', 'checks', `${check.id}.test.ts`)), 'test missing');
    assert.match(check.id, /^[a-z]+(-[a-z]+)*$/);
  });
}
