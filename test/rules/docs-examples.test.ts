// The code examples on each rule's page are linted with the rule itself: every incorrect example
// must be reported and no correct one may be, so a page cannot promise what the rule does not do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import plugin, { type RuleName, rules } from '../../rules/index.js';
import { repoRoot } from '../helpers/paths.js';

type Kind = 'incorrect' | 'correct';

interface Example {
  kind: Kind;
  language: 'ts' | 'js';
  code: string;
  /** Line of the page the code starts on, for failure messages. */
  line: number;
}

/** The line that introduces a block of examples, as every rule page writes it. */
const LABEL = /^Examples of \*\*(incorrect|correct)\*\* code:$/;
const FENCE = /^```(\w*)$/;

/**
 * The page's ts and js code blocks, each with the label above it. A block with no label is returned
 * without a kind, so that the test can refuse it: code on a rule page that is not linted drifts.
 */
function examplesOf(page: string): Array<Omit<Example, 'kind'> & { kind: Kind | undefined }> {
  const lines = page.split('\n');
  const found: Array<Omit<Example, 'kind'> & { kind: Kind | undefined }> = [];
  let label: Kind | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line.trim() !== '') label = LABEL.exec(line)?.[1] as Kind | undefined;
      continue;
    }
    const end = lines.indexOf('```', i + 1);
    const language = fence[1];
    if (language === 'ts' || language === 'js') found.push({ kind: label, language, code: lines.slice(i + 1, end).join('\n'), line: i + 2 });
    label = undefined;
    i = end;
  }
  return found;
}

const linter = new Linter({ configType: 'flat' });

function lint(name: RuleName, example: Example): Linter.LintMessage[] {
  const config = {
    files: ['**/*.ts', '**/*.js'],
    ...(example.language === 'ts' ? { languageOptions: { parser: tsParser as never } } : {}),
    plugins: { statuslint: plugin as never },
    rules: { [`statuslint/${name}`]: 'error' },
  } as Linter.Config;
  return linter.verify(example.code, [config], `example.${example.language}`);
}

/** Names a top-level statement declares (`const x`, `enum E`, `function f`, `import { X }`). */
function declaredNames(statement: TSESTree.ProgramStatement): string[] {
  if (statement.type === 'ImportDeclaration') return statement.specifiers.map((specifier) => specifier.local.name);
  const node = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
  if (node.type === 'VariableDeclaration') return node.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  if ('id' in node && node.id?.type === 'Identifier') return [node.id.name];
  return [];
}

/**
 * The examples of a block: its top-level statements, less those that only set up later ones (a
 * constant, an enum a later statement names). Each incorrect example must be reported on its own.
 */
function statementsOf(code: string): TSESTree.ProgramStatement[] {
  const program = tsParser.parse(code, { loc: true, range: true, tokens: true, sourceType: 'module' });
  const identifiers = (program.tokens ?? []).filter((t) => t.type === 'Identifier');
  const usedAfter = (statement: TSESTree.ProgramStatement, name: string): boolean =>
    identifiers.some((t) => t.value === name && t.range[0] >= statement.range[1]);
  return program.body.filter((statement) => !declaredNames(statement).some((name) => usedAfter(statement, name)));
}

const reported = (statement: TSESTree.Node, messages: readonly Linter.LintMessage[]): boolean =>
  messages.some((m) => m.line >= statement.loc.start.line && m.line <= statement.loc.end.line);

for (const name of Object.keys(rules) as RuleName[]) {
  const page = readFileSync(join(repoRoot, 'docs', 'rules', `${name}.md`), 'utf8');
  const examples = examplesOf(page);

  describe(`docs/rules/${name}.md`, () => {
    it('has incorrect and correct examples, and no code block outside them', () => {
      assert.deepEqual(examples.filter((e) => e.kind === undefined).map((e) => `line ${e.line}`), [], 'a ts/js block needs an "Examples of **incorrect|correct** code:" line above it');
      assert.ok(examples.some((e) => e.kind === 'incorrect'), 'no incorrect example');
      assert.ok(examples.some((e) => e.kind === 'correct'), 'no correct example');
    });

    for (const example of examples.filter((e): e is Example => e.kind !== undefined)) {
      it(`${example.kind} example at line ${example.line}`, () => {
        const messages = lint(name, example);
        assert.deepEqual(messages.filter((m) => m.fatal).map((m) => m.message), [], 'the example does not parse');
        if (example.kind === 'correct') {
          assert.deepEqual(messages.map((m) => `${m.line}: ${m.message}`), [], `statuslint/${name} reports a correct example`);
        } else {
          const silent = statementsOf(example.code).filter((statement) => !reported(statement, messages));
          assert.deepEqual(silent.map((s) => example.code.slice(...s.range)), [], `statuslint/${name} does not report these incorrect examples`);
        }
      });
    }
  });
}
