// `statuslint --help` registers every command; what their modules import statically is what help loads.
// The heavy libraries must stay behind the actions' dynamic imports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

const HEAVY = ['@kubernetes/client-node', 'undici', '@apidevtools/swagger-parser', 'ajv', 'ajv-formats', 'yaml'];

// Static `import … from '…'` and `export … from '…'`, not `import type` and not `import('…')`.
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every package a source file reaches through static imports, with the chain that reaches it. */
function staticPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), [...chain, specifier]);
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, [...chain, specifier]);
    }
  };
  visit(entry, [entry.slice(repoRoot.length + 1)]);
  return packages;
}

it('command modules load no runner, HTTP, Kubernetes, OpenAPI or schema library', () => {
  for (const name of ['probe', 'validate', 'spec', 'report', 'catalog']) {
    const reached = staticPackages(join(repoRoot, 'cli', 'commands', `${name}.ts`));
    assert.ok(reached.has('commander') || name === 'catalog', `${name}: the walk follows imports (commander expected)`);
    for (const heavy of HEAVY) {
      const chain = [...reached.entries()].find(([specifier]) => specifier === heavy || specifier.startsWith(`${heavy}/`))?.[1];
      assert.equal(chain, undefined, `${name} loads ${heavy} for help: ${chain?.join(' -> ')}`);
    }
  }
});

it('the walk finds a heavy library where one is imported statically', () => {
  assert.ok(staticPackages(join(repoRoot, 'cli', 'actions', 'probe.ts')).has('@kubernetes/client-node'));
});
