/**
 * Runs the node:test suites. Node 20's test runner takes no glob patterns and finds only .js files
 * by itself, so the .test.ts files are listed here. Arguments narrow the run to paths containing them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../schemas/paths.js';

const root = packageRoot();
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.split(/[\\/]/).includes('fixtures'))
  .map((file) => relative(root, join(root, 'test', file)))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no test files match ${filters.join(' ')}\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...passthrough, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
