// needs: npm
// What `npm pack` ships works where it is installed: the bin runs, the library and the ESLint plugin load,
// and the README's CommonJS ESLint config lints with it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runNode } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', { timeout: 300_000 }, () => {
  let work: string;
  let project: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'statuslint-pack-'));
    // A clone that was never built: the project's files without dist/, its dependencies linked in.
    const clone = join(work, 'clone');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (file === 'node_modules' || !existsSync(join(repoRoot, file))) continue; // linked below; deleted in the working tree
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(clone, file));
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'));
    assert.equal(existsSync(join(clone, 'dist')), false);
    // prepack builds dist/ first, so the unbuilt clone packs a working package.
    npm(['pack', '--pack-destination', work, '--silent'], clone);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote no tarball');
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-statuslint', version: '1.0.0', private: true }));
    // Everything it needs is in the npm cache after `npm ci`: no registry round trips.
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball), 'eslint@10.15.0'], project);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships dist/ with the bin, which runs', async () => {
    const run = await runNode([join(project, 'node_modules', '.bin', 'statuslint'), '--version'], { cwd: project });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+/);
  });

  it('loads the library and the plugin by their package names', async () => {
    const script = [
      "const { validate } = await import('statuslint');",
      "const plugin = (await import('statuslint/eslint-plugin')).default;",
      "const findings = validate({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 409, message: 'x' }, { httpStatus: 409 });",
      "console.log(JSON.stringify({ checks: findings.map((f) => f.checkId), configs: Object.keys(plugin.configs) }));",
    ].join('\n');
    const run = await runNode(['--input-type=module', '-e', script], { cwd: project });
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { checks: string[]; configs: string[] };
    assert.deepEqual(out.checks, ['reason-code-match']);
    assert.ok(out.configs.includes('recommended'));
  });

  it('lints a CommonJS project with the README\'s eslint.config.js', async () => {
    writeFileSync(join(project, 'eslint.config.js'), "module.exports = import('statuslint/eslint-plugin').then(({ default: statuslint }) => [statuslint.configs.recommended]);\n");
    writeFileSync(join(project, 'handler.js'), "module.exports = (res) => res.status(404).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 404, message: 'x' });\n");
    const run = await runNode([join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'handler.js'], { cwd: project });
    const results = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    assert.ok(rules.some((id) => id.startsWith('statuslint/')), `no statuslint report: ${run.stdout}${run.stderr}`);
  });
});
