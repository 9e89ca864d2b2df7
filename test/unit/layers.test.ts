// The layers import one way (STYLE.md): schemas/ imports nothing of ours; conformance/ and rules/ only
// schemas/ (and themselves); cli/ everything but rules/, which is the ESLint plugin's own entry point.
// cluster/, the local control plane the tests and benches run against, stands apart: it is not in the
// npm package, so nothing shipped may import it, and it imports nothing of the product's.
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
  cluster: ['cluster'],
};

const SHIPPED_LAYERS = ['schemas', 'conformance', 'rules', 'cli'];

/** Every module a file names: static, type-only, re-exported and dynamic imports alike. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1]!);
}

const relativeImports = (file: string): string[] => imports(file).filter((specifier) => specifier.startsWith('.'));

const layerOf = (path: string): string => relative(repoRoot, path).split(/[\\/]/)[0]!;

const sourceFilesOf = (layer: string): string[] =>
  readdirSync(join(repoRoot, layer), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));

/** Each relative import in layer/ whose target layer `forbidden` says no to, as `layer/file imports specifier`. */
function crossingsOf(layer: string, forbidden: (targetLayer: string) => boolean): string[] {
  const crossings: string[] = [];
  for (const name of sourceFilesOf(layer)) {
    const file = join(repoRoot, layer, name);
    for (const specifier of relativeImports(file)) {
      if (forbidden(layerOf(resolve(dirname(file), specifier)))) crossings.push(`${layer}/${name} imports ${specifier}`);
    }
  }
  return crossings;
}

describe('layers', () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${layer}/ imports only ${allowed.map((l) => `${l}/`).join(', ')}`, () => {
      assert.ok(sourceFilesOf(layer).length > 0);
      assert.deepEqual(crossingsOf(layer, (target) => !allowed.includes(target)), []);
    });
  }

  it('no shipped layer imports cluster/', () => {
    assert.deepEqual(SHIPPED_LAYERS.flatMap((layer) => crossingsOf(layer, (target) => target === 'cluster')), []);
  });

  it('cluster/ imports no npm package, only Node built-ins', () => {
    // Nothing but Node, so the control plane keeps working whatever the product's dependencies do.
    const packages = sourceFilesOf('cluster').flatMap((name) =>
      imports(join(repoRoot, 'cluster', name))
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
        .map((specifier) => `cluster/${name} imports ${specifier}`),
    );
    assert.deepEqual(packages, []);
  });

  it('finds imports of every form it looks for', () => {
    // The checker itself: a file with each form, as written in the project.
    const probe = join(repoRoot, 'cli', 'main.ts');
    assert.ok(relativeImports(probe).some((s) => s.includes('commands/probe.js')), 'dynamic import');
    assert.ok(relativeImports(probe).some((s) => s.includes('exit-codes.js')), 'static import');
  });
});
