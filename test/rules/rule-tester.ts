/** RuleTester wired to node:test, plain and with type information. */
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Parses TypeScript (and so JavaScript) without type information: every rule must work this way. */
export const ruleTester = new RuleTester();

/** With type information from `fixtures/tsconfig.json`; cases lint `fixtures/file.ts` and may import its neighbours. */
export const typedRuleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      project: './tsconfig.json',
      tsconfigRootDir: fixturesDir,
    },
  },
});
