// The layers import one way (STYLE.md): schemas/ imports nothing of ours; conformance/ and rules/ only
// schemas/ (and themselves); cli/ everything but rules/, which is the ESLint plugin's own entry point.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

const MAY_IMPORT: Record<string, readonly string[]> = {
  schemas: ['schemas'],
  conformance: ['conformance', 'schemas'],
  rules: ['rules', 'schemas'],
  cli: ['cli', 'conformance', 'schemas'],
};

/** Every relative module a file names: static, type-only, re-exported and dynamic imports alike. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

const layerOf = (path: string): string => relative(repoRoot, path).split(/[\\/]/)[0]!;

describe('layers', () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${layer}/ imports only ${allowed.map((l) => `${l}/`).join(', ')}`, () => {
      const files = readdirSync(join(repoRoot, layer), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
      assert.ok(files.length > 0);
      const crossings: string[] = [];
      for (const name of files) {
        const file = join(repoRoot, layer, name);
        for (const specifier of relativeImports(file)) {
          const target = layerOf(resolve(dirname(file), specifier));
          if (!allowed.includes(target)) crossings.push(`${layer}/${name} imports ${specifier}`);
        }
      }
      assert.deepEqual(crossings, []);
    });
  }

  it('finds imports of every form it looks for', () => {
    // The checker itself: a file with each form, as written in the project.
    const probe = join(repoRoot, 'cli', 'main.ts');
    assert.ok(relativeImports(probe).some((s) => s.includes('commands/probe.js')), 'dynamic import');
    assert.ok(relativeImports(probe).some((s) => s.includes('exit-codes.js')), 'static import');
  });
});
