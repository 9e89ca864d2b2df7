// The corpus of error-writing patterns (test/fixtures/eslint-corpus/, issue #19): every file under it
// linted with `statuslint.configs.recommended` as users load it, and exactly the seeded reports found.
// Generic over the folder: a file added there is linted and judged by its markers, none meaning none.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from '../../rules/index.js';
import { fixture } from '../helpers/paths.js';

const corpusDir = fixture('eslint-corpus');

interface Report {
  file: string;
  line: number;
  ruleId: string;
  messageId: string;
  fix: boolean;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const sourceFiles = readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => SOURCE.test(file))
  .sort();

/** `// seeded: statuslint/<rule> <messageId> [(fix)], …` on the line ESLint must report, as in the fixture project. */
function seededReports(): Report[] {
  const reports: Report[] = [];
  for (const file of sourceFiles) {
    readFileSync(join(corpusDir, file), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const marker = /\/\/ seeded: (.+)$/.exec(text);
        if (!marker) return;
        for (const entry of (marker[1] as string).split(', ')) {
          const parts = /^(statuslint\/[a-z-]+) ([a-zA-Z]+)( \(fix\))?$/.exec(entry.trim());
          assert.ok(parts, `bad seeded marker in ${file}:${index + 1}: ${entry}`);
          reports.push({ file, line: index + 1, ruleId: parts[1] as string, messageId: parts[2] as string, fix: !!parts[3] });
        }
      });
  }
  return reports;
}

const order = (a: Report, b: Report): number => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId) || a.messageId.localeCompare(b.messageId);

/**
 * What a TypeScript project writes in its eslint.config.js: typescript-eslint's parser for its
 * TypeScript files (without type information: the plugin must not need it), then the config.
 */
const userConfig: Linter.Config[] = [
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
];

describe('the corpus of error-writing patterns, linted with the recommended config', () => {
  let results: ESLint.LintResult[] = [];

  before(async () => {
    const eslint = new ESLint({ cwd: corpusDir, overrideConfigFile: true, overrideConfig: userConfig, cache: false });
    results = await eslint.lintFiles(['.']);
  });

  it('parses every file ESLint lints', () => {
    assert.ok(results.length > 0);
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${relative(corpusDir, r.filePath)}: ${m.message}`));
    assert.deepEqual(fatal, []);
  });

  it('lints every file that seeds a report', () => {
    const linted = new Set(results.map((r) => relative(corpusDir, r.filePath)));
    const unlinted = [...new Set(seededReports().map((r) => r.file))].filter((file) => !linted.has(file));
    assert.deepEqual(unlinted, []);
  });

  it('reports exactly the seeded defects: file, line, rule, message id, fixability', () => {
    const actual = results
      .flatMap((r) =>
        r.messages.map((m) => ({
          file: relative(corpusDir, r.filePath),
          line: m.line,
          ruleId: m.ruleId ?? '(none)',
          messageId: m.messageId ?? '(none)',
          fix: m.fix !== undefined,
        })),
      )
      .sort(order);
    assert.deepEqual(actual, seededReports().sort(order));
  });
});
