/**
 * The project lints itself: every source file passes eslint.config.mjs (typescript-eslint's
 * recommended rules and the house rules), as an editor with ESLint shows them.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../helpers/paths.js';

it('has no lint problem in its own code', { timeout: 600_000 }, async () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const results = await eslint.lintFiles(['.']);
  const problems = results.flatMap((file) => file.messages.map((m) => `${file.filePath.slice(repoRoot.length + 1)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`));
  assert.deepEqual(problems, [], `${problems.length} problems; \`npx eslint --fix .\` fixes the layout ones`);
});
