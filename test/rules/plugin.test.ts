// The plugin as a whole: one rule per file with a doc and a test, configs that name real rules,
// and an import graph that stays light enough for editors to load on every keystroke.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import plugin, { configRules, rules } from '../../rules/index.js';
import { markers } from '../../scripts/docs/page.js';
import { repoRoot } from '../helpers/paths.js';

const rulesDir = join(repoRoot, 'rules');
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

describe('the plugin', () => {
  it('lists every rule file, and nothing else', () => {
    assert.deepEqual(Object.keys(rules).sort(), ruleFiles);
  });

  it('has meta for flat config caching', () => {
    assert.equal(plugin.meta.name, 'statuslint/eslint-plugin');
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(plugin.meta.version, version);
  });

  for (const [name, config] of Object.entries(plugin.configs)) {
    it(`config ${name} is a flat config object naming only its own rules`, () => {
      assert.equal(config.name, `statuslint/${name}`);
      assert.equal(config.plugins?.statuslint, plugin);
      for (const id of Object.keys(config.rules ?? {})) {
        assert.match(id, /^statuslint\//);
        assert.ok(id.slice('statuslint/'.length) in rules, `${id} is not a rule`);
      }
    });
  }

  it('turns every rule on in strict', () => {
    assert.deepEqual(Object.keys(configRules.strict).sort(), Object.keys(rules).map((r) => `statuslint/${r}`).sort());
  });
});

for (const [name, rule] of Object.entries(rules)) {
  describe(`rule ${name}`, () => {
    it('is named after its file, has a doc and a test', () => {
      assert.equal(rule.name, name);
      assert.match(name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(existsSync(join(repoRoot, 'test', 'rules', `${name}.test.ts`)), 'test missing');
      const doc = readFileSync(join(repoRoot, 'docs', 'rules', `${name}.md`), 'utf8');
      for (const section of ['rule header', 'rule reference']) {
        for (const marker of Object.values(markers(section))) assert.ok(doc.includes(marker), `doc lacks ${marker}`);
      }
      assert.ok(doc.includes('## Rule details'), 'doc has no prose');
    });

    it('binds its docs URL and writes messages as sentences with camelCase ids', () => {
      assert.equal(rule.meta.docs?.url, `https://github.com/statuslint/statuslint/blob/main/docs/rules/${name}.md`);
      assert.match(rule.meta.docs?.description ?? '', /^Require .+\.$/);
      for (const [id, text] of Object.entries(rule.meta.messages as Record<string, string>)) {
        assert.match(id, /^[a-z]+([A-Z][a-z]*)*$/, `message id ${id}`);
        // A trailing placeholder adds an optional sentence such as " Did you mean …?".
        assert.match(text, /^[A-Z{`].*[.?](\{\{\w+\}\})?$/, `message ${id} is not a sentence`);
      }
    });
  });
}

describe('imports', () => {
  // Bare modules the plugin may load: typescript-eslint's rule helpers, the catalog's one dependency, Node.
  const allowed = (specifier: string): boolean =>
    specifier.startsWith('node:') || specifier === '@typescript-eslint/utils/eslint-utils' || specifier === 'fastest-levenshtein';

  it('loading the plugin pulls in nothing heavy', () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const queue = [join(rulesDir, 'index.ts')];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Static imports only: type-only imports vanish from the build, `require` in settings is on demand.
      for (const match of text.matchAll(/^import (?!type )[^'";]*?from '([^']+)';$/gm)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
        else bare.add(specifier);
      }
    }
    for (const specifier of bare) assert.ok(allowed(specifier), `the plugin imports ${specifier}`);
    for (const file of seen) {
      const relativePath = file.slice(repoRoot.length + 1);
      assert.ok(relativePath.startsWith('rules/') || relativePath.startsWith('schemas/'), `the plugin imports ${relativePath}`);
    }
    assert.ok(!seen.has(join(repoRoot, 'schemas', 'compile.ts')), 'the profile compiler (ajv, yaml) must load only on demand');
  });
});
