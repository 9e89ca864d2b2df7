// `npm run test:unit` runs what needs nothing outside Node: each file that needs the cluster, Chromium,
// npm or Python says so in a `// needs:` line, and this checks the lines against what the files import.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Need, needsOf } from '../../scripts/test-needs.js';
import { repoRoot } from '../helpers/paths.js';

// What in a test file's source shows it needs each thing.
const EVIDENCE: Record<Need, RegExp> = {
  cluster: /from '(\.\.\/)+cluster\/[\w-]+\.js'/,
  chromium: /from 'playwright-core'/,
  npm: /execFileSync\('npm'|spawn\w*\('npm'/,
  python: /from '(\.\.\/)+fixtures\/api\/fastapi\/server\.js'/,
};

const testFiles = readdirSync(join(repoRoot, 'test'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.ts') && !file.split(/[\\/]/).includes('fixtures'));

describe('test files declare what they need', () => {
  it('every file that starts the cluster, drives Chromium, runs npm or builds a Python venv declares it, and no other does', () => {
    const wrong: string[] = [];
    // This file names the evidence itself.
    for (const file of testFiles.filter((f) => !f.endsWith('test-needs.test.ts'))) {
      const source = readFileSync(join(repoRoot, 'test', file), 'utf8');
      const declared = new Set(needsOf(source));
      for (const [need, evidence] of Object.entries(EVIDENCE) as Array<[Need, RegExp]>) {
        if (evidence.test(source) !== declared.has(need)) wrong.push(`${file}: ${declared.has(need) ? 'declares' : 'does not declare'} ${need}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('leaves most of the suite to test:unit (rules, probes, reporters, spec, security included)', () => {
    const unit = testFiles.filter((file) => needsOf(readFileSync(join(repoRoot, 'test', file), 'utf8')).length === 0);
    for (const folder of ['unit', 'checks', 'cli', 'rules', 'probes', 'reporters', 'spec', 'security', 'api']) {
      assert.ok(unit.some((file) => file.startsWith(`${folder}/`)), folder);
    }
    // Nine in ten files or more: the few that need the cluster, Chromium, npm or Python stay few.
    assert.ok(unit.length >= testFiles.length * 0.9, `${unit.length} of ${testFiles.length}`);
  });
});
