// End to end: the real `eslint` CLI over a project of realistic handlers, the plugin loaded as
// users load it (`statuslint/eslint-plugin`, through the package's exports and the build in dist/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { rules } from '../../rules/index.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const projectDir = fixture('eslint-project');
/** The plugin's peer range is ESLint 9 and 10: both majors run the same project (9 is installed as `eslint-9`). */
const ESLINTS = [
  { major: 10, bin: join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js') },
  { major: 9, bin: join(repoRoot, 'node_modules', 'eslint-9', 'bin', 'eslint.js') },
];

interface Finding {
  file: string;
  line: number;
  ruleId: string;
  messageId: string;
  fix: boolean;
}

interface EslintMessage {
  ruleId: string | null;
  messageId?: string;
  line: number;
  severity: 1 | 2;
  fatal?: boolean;
  message: string;
  fix?: unknown;
}

const sourceFiles = readdirSync(join(projectDir, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(js|ts)$/.test(f))
  .map((f) => join('src', f))
  .sort();

/** `// seeded: statuslint/<rule> <messageId> [(fix)], …` on the line ESLint must report. */
function seededFindings(): Finding[] {
  const findings: Finding[] = [];
  for (const file of sourceFiles) {
    const lines = readFileSync(join(projectDir, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      const marker = /\/\/ seeded: (.+)$/.exec(text);
      if (!marker) return;
      for (const entry of (marker[1] as string).split(', ')) {
        const parts = /^(statuslint\/[a-z-]+) ([a-zA-Z]+)( \(fix\))?$/.exec(entry.trim());
        assert.ok(parts, `bad seeded marker in ${file}:${index + 1}: ${entry}`);
        findings.push({ file, line: index + 1, ruleId: parts[1] as string, messageId: parts[2] as string, fix: !!parts[3] });
      }
    });
  }
  return findings;
}

const order = (a: Finding, b: Finding): number => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);

for (const { major, bin: eslintBin } of ESLINTS) {
  describe(`the ESLint ${major} CLI over the fixture project`, () => {
    let results: Array<{ filePath: string; messages: EslintMessage[] }> = [];

    before(() => {
      assert.ok(existsSync(join(repoRoot, 'dist', 'rules', 'index.js')), 'dist/rules/index.js is missing: run `npm run build` (npm test does)');
      const version = spawnSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' }).stdout.trim();
      assert.match(version, new RegExp(`^v${major}\\.`), `${eslintBin} is ESLint ${version}, not ${major}`);
      const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', '.'], { cwd: projectDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.ok(run.status === 0 || run.status === 1, `eslint failed (${run.status}): ${run.stderr}`);
      results = JSON.parse(run.stdout) as typeof results;
    });

    it('lints every handler and parses them all', () => {
      assert.deepEqual(results.map((r) => relative(projectDir, r.filePath)).filter((f) => f.startsWith('src')).sort(), sourceFiles);
      const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
      assert.deepEqual(fatal, []);
    });

    it('reports exactly the seeded defects: rule, line, message id, fixability', () => {
      const actual = results
        .flatMap((r) =>
          r.messages.map((m) => ({
            file: relative(projectDir, r.filePath),
            line: m.line,
            ruleId: m.ruleId ?? '(none)',
            messageId: m.messageId ?? '(none)',
            fix: m.fix !== undefined,
          })),
        )
        .sort(order);
      assert.deepEqual(actual, seededFindings().sort(order));
    });

    it('finds nothing in the clean handlers', () => {
      const clean = results.filter((r) => relative(projectDir, r.filePath).startsWith(join('src', 'clean')));
      assert.ok(clean.length >= 5);
      for (const result of clean) assert.deepEqual(result.messages, [], relative(projectDir, result.filePath));
    });

    it('applies the recommended severities: judgement calls warn, certain bugs fail', () => {
      for (const message of results.flatMap((r) => r.messages)) {
        const warns = message.ruleId === 'statuslint/retry-after' || message.ruleId === 'statuslint/envelope-code-match';
        assert.equal(message.severity, warns ? 1 : 2, `${message.ruleId} ${message.messageId}`);
      }
    });
  });
}

it('seeds a defect for every rule and every framework', () => {
  const seeded = seededFindings();
  assert.deepEqual([...new Set(seeded.map((f) => f.ruleId))].sort(), Object.keys(rules).map((r) => `statuslint/${r}`).sort());
  for (const framework of ['node-http', 'express', 'fastify', 'koa', 'hono', 'next', 'nest']) {
    assert.ok(seeded.some((f) => f.file.startsWith(join('src', framework))), `no seeded defect for ${framework}`);
  }
  // Both languages, and one defect only type information can see (constants imported from another module).
  assert.ok(seeded.some((f) => f.file.endsWith('.js')) && seeded.some((f) => f.file.endsWith('.ts')));
  assert.ok(seeded.some((f) => f.file === join('src', 'express', 'namespaces.ts') && f.messageId === 'reasonCodeMismatch'));
});
