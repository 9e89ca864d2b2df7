// Every check is one file, with a doc page and a test of the same base name.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { PROBES } from '../../conformance/probes/index.js';
import { builtinProfile, indexOf } from '../../schemas/index.js';
import { exampleContext } from '../../scripts/docs/sources/probes.js';
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

const probeFiles = readdirSync(join(repoRoot, 'conformance', 'probes'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

it('the index lists every probe file', () => {
  assert.deepEqual(PROBES.map((p) => p.id).sort(), [...probeFiles].sort());
});

for (const probe of PROBES) {
  it(`probe ${probe.id} is named after its file and has a doc and a test`, () => {
    assert.ok(probeFiles.includes(probe.id), `no conformance/probes/${probe.id}.ts`);
    assert.ok(existsSync(join(repoRoot, 'docs', 'probes', `${probe.id}.md`)), 'doc page missing');
    assert.ok(existsSync(join(repoRoot, 'test', 'probes', `${probe.id}.test.ts`)), 'test missing');
  });
}

it('every probe expects a reason the catalog pairs with its status', () => {
  const kubernetes = indexOf(builtinProfile('kubernetes'));
  for (const probe of PROBES) {
    const expectation = probe.expect(exampleContext(probe));
    if (!expectation.reason) continue;
    assert.equal(kubernetes.errorCode(expectation.reason)?.httpStatus, expectation.status, probe.id);
  }
});
