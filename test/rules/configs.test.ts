// The shipped configs as ESLint applies them: which files they judge, and what each level asks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-9';
import plugin, { type ConfigName } from '../../rules/index.js';
import { repoRoot } from '../helpers/paths.js';

/** A defect every config reports: a 429 that does not say when to retry. */
const DEFECT = "app.get('/', (req, res) => res.status(429).json({ message: 'slow down' }));\n";
const BARE_503 = "app.get('/readyz', (req, res) => res.status(503).json({ status: 'not ready' }));\n";

/** The plugin's peer range is ESLint 9 and 10: flat config's `ignores` must mean the same to both. */
const ESLINTS = [
  { major: 10, ESLint },
  { major: 9, ESLint: ESLint9 as unknown as typeof ESLint },
];

async function rulesReported(config: Linter.Config | Linter.Config[], filePath: string, text: string): Promise<string[]> {
  const reported = await Promise.all(
    ESLINTS.map(async ({ major, ESLint }) => {
      const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: config, cache: false });
      const [result] = await eslint.lintText(text, { filePath });
      return { major, rules: (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`) };
    }),
  );
  const [latest, ...others] = reported;
  for (const other of others) assert.deepEqual(other.rules, latest?.rules, `ESLint ${other.major} and ${latest?.major} differ on ${filePath}`);
  return latest?.rules ?? [];
}

const TEST_FILES = [
  'src/__tests__/pods.test.js',
  'src/__tests__/helpers.js',
  'src/routes.spec.js',
  'src/routes.test.mjs',
  'cypress/e2e/api.cy.js',
  'e2e/pods.e2e.js',
  'src/__mocks__/store.js',
  'src/store.mock.js',
  'src/__fixtures__/handlers.js',
];

describe('the configs leave tests and mocks out', () => {
  for (const name of Object.keys(plugin.configs) as ConfigName[]) {
    it(`${name}: judges handlers, not tests, mocks or end-to-end specs`, async () => {
      const config = plugin.configs[name] as Linter.Config;
      assert.deepEqual(await rulesReported(config, 'src/routes/pods.js', DEFECT), ['statuslint/retry-after']);
      for (const file of TEST_FILES) assert.deepEqual(await rulesReported(config, file, DEFECT), [], file);
    });
  }

  it('lints them too when asked: the same config with no ignores', async () => {
    const withTests = { ...plugin.configs.recommended, ignores: [] } as Linter.Config;
    for (const file of TEST_FILES) assert.deepEqual(await rulesReported(withTests, file, DEFECT), ['statuslint/retry-after'], file);
  });

  it('never adds files to a run: TypeScript stays unlinted without the user\'s parser', async () => {
    for (const { major, ESLint } of ESLINTS) {
      const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as Linter.Config });
      assert.equal(await eslint.isPathIgnored('src/routes/pods.ts'), true, `ESLint ${major}`);
      assert.equal(await eslint.isPathIgnored('src/routes/pods.js'), false, `ESLint ${major}`);
    }
  });
});

describe('a bare 503', () => {
  const on = async (name: ConfigName): Promise<string[]> => rulesReported(plugin.configs[name] as Linter.Config, 'src/health.js', BARE_503);

  it('is a health or readiness answer to recommended and the profile configs', async () => {
    for (const name of ['recommended', 'kubernetes', 'envelope', 'problem'] as const) assert.deepEqual(await on(name), [], name);
  });

  it('asks for Retry-After in strict', async () => {
    assert.deepEqual(await on('strict'), ['statuslint/retry-after']);
  });
});
