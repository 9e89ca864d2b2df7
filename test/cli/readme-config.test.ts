/** The config file README shows is one statuslint reads: docs whose code runs. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { loadConfig } from '../../cli/config/load.js';
import { repoRoot } from '../helpers/paths.js';

it('README: the statuslint.config.yaml of "Adopting statuslint" is valid, and holds what it says', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /```yaml\n(# statuslint\.config\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README has the example');
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-readme-'));
  try {
    writeFileSync(join(dir, 'statuslint.config.yaml'), block);
    const { document } = loadConfig(join(dir, 'statuslint.config.yaml'));
    assert.equal(document.inherit, 'k8s.io/apiserver');
    assert.equal(document.waivers?.[0]?.expires, '2027-06-30');
    assert.deepEqual(document.ignore, [{ resource: 'componentstatuses', reason: 'deprecated, owned by the platform team' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
