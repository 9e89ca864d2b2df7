/**
 * Runs the node:test suites. Node 20's test runner takes no glob patterns and finds only .js files
 * by itself, so the .test.ts files are listed here. Arguments narrow the run to paths containing them;
 * `--unit` leaves out the files that need something outside Node (see NEEDS).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../schemas/paths.js';
import { needsOf } from './test-needs.js';

const root = packageRoot();
const unitOnly = process.argv.includes('--unit');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('-') && a !== '--unit');
const files = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.split(/[\\/]/).includes('fixtures'))
  .map((file) => relative(root, join(root, 'test', file)))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .filter((file) => !unitOnly || needsOf(readFileSync(join(root, file), 'utf8')).length === 0)
  .sort();
if (files.length === 0) {
  process.stderr.write(`no test files match ${filters.join(' ')}\n`);
  process.exit(2);
}
// Node's own choice of reporter (spec on a terminal, TAP otherwise), plus one that names suites that
// failed while loading (Node's summary omits them).
const reporters = passthrough.some((a) => a.startsWith('--test-reporter'))
  ? []
  : [`--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout', `--test-reporter=${join(root, 'scripts', 'test-load-failures.mjs')}`, '--test-reporter-destination=stderr'];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporters, ...passthrough, ...files], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.stderr.write(`\nnpm test: the test run failed (exit ${result.status ?? result.signal}); see the failures above.\n`);
process.exit(result.status ?? 1);
