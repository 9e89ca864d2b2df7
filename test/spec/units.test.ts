// Every spec check is one file with a doc page and a test of the same base name, and its example fails it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import { renderGenerated } from '../../scripts/docs/page.js';
import { exampleResult, specCheckPages } from '../../scripts/docs/sources/spec-checks.js';
import { repoRoot } from '../helpers/paths.js';

const checkFiles = readdirSync(join(repoRoot, 'conformance', 'spec', 'checks'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

it('the index lists every spec check file once', () => {
  assert.deepEqual(SPEC_CHECKS.map((c) => c.id).sort(), [...checkFiles].sort());
});

it('spec check ids differ from response check ids: results and reports key on them', () => {
  const responseIds = new Set(ALL_CHECKS.map((c) => c.id));
  assert.deepEqual(SPEC_CHECKS.filter((c) => responseIds.has(c.id)).map((c) => c.id), []);
});

for (const check of SPEC_CHECKS) {
  it(`spec check ${check.id} is named after its file, has a doc and a test, and its example fails it`, () => {
    assert.match(check.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(checkFiles.includes(check.id), `no conformance/spec/checks/${check.id}.ts`);
    assert.ok(existsSync(join(repoRoot, 'docs', 'spec', `${check.id}.md`)), 'doc page missing');
    assert.ok(existsSync(join(repoRoot, 'test', 'spec', `${check.id}.test.ts`)), 'test missing');
    assert.equal(exampleResult(check).outcome, 'fail');
  });
}

it('docs/spec matches the checks (run `npm run generate` when this fails)', () => {
  const drifted = specCheckPages().filter((page) => {
    try {
      return readFileSync(join(repoRoot, page.path), 'utf8') !== renderGenerated(page);
    } catch {
      return true;
    }
  });
  assert.deepEqual(drifted.map((page) => page.path), []);
});
