/**
 * CLI start-up against Node's own, side by side in one run (no timed assertions anywhere):
 *
 *     npm run build && node --import tsx bench/startup.ts [--runs 15] [--imports]
 *
 * Each round spawns, in a rotating order, `node -e 0` (the floor), `node dist/cli/main.js --version`,
 * `--help` and `catalog --format json`; it prints each one's median wall time, its ratio to `node -e 0`
 * (taken within each round, then the median) and its peak RSS (measured in one more, untimed run).
 * `--imports` also times importing each of the CLI's command modules alone, in a fresh process:
 * where start-up goes when the CLI loads more than it needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../schemas/paths.js';
import { median, mib, PEAK_RSS_PRELOAD, peakRss, takePeakRss } from './support.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '15' }, imports: { type: 'boolean', default: false } } });
const runs = Math.max(3, Number(args.runs));
const root = packageRoot();
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('dist/cli/main.js is missing: run `npm run build` first\n');
  process.exit(2);
}

interface Subject {
  label: string;
  args: string[];
  times: number[];
  peak?: number;
}

const subjects: Subject[] = [
  { label: 'node -e 0', args: ['-e', '0'], times: [] },
  { label: 'statuslint --version', args: [cli, '--version'], times: [] },
  { label: 'statuslint --help', args: [cli, '--help'], times: [] },
  { label: 'statuslint catalog --format json', args: [cli, 'catalog', '--format', 'json'], times: [] },
];

function spawnOnce(nodeArgs: string[]): { ms: number; stderr: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, nodeArgs, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${nodeArgs.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { ms, stderr: run.stderr };
}

// One untimed run each first: the files are then in the page cache for every timed run alike.
for (const subject of subjects) {
  const { stderr } = spawnOnce(['--import', PEAK_RSS_PRELOAD, ...subject.args]);
  subject.peak = takePeakRss(stderr).peak;
}
for (let round = 0; round < runs; round++) {
  for (let k = 0; k < subjects.length; k++) {
    const subject = subjects[(round + k) % subjects.length]!;
    subject.times.push(spawnOnce(subject.args).ms);
  }
}

const floor = subjects[0]!;
process.stdout.write(`node ${process.version}, ${runs} rounds, medians; ratio to \`node -e 0\` taken within each round\n\n`);
process.stdout.write(`${'command'.padEnd(36)}${'median'.padStart(10)}${'fastest'.padStart(10)}${'ratio'.padStart(9)}${'peak RSS'.padStart(11)}\n`);
for (const subject of subjects) {
  const ratio = median(subject.times.map((t, i) => t / floor.times[i]!));
  process.stdout.write(
    `${subject.label.padEnd(36)}${`${median(subject.times).toFixed(0)} ms`.padStart(10)}${`${Math.min(...subject.times).toFixed(0)} ms`.padStart(10)}${`${ratio.toFixed(2)}x`.padStart(9)}${(subject.peak === undefined ? 'n/a' : mib(subject.peak)).padStart(11)}\n`,
  );
}
const version = subjects[1]!;
process.stdout.write(`\nstart-up cost of the CLI (--version − node -e 0, medians): ${(median(version.times) - median(floor.times)).toFixed(0)} ms\n`);

if (args.imports) {
  // Each module alone in a fresh process, beside `node -e 0` in the same round.
  const modules = ['commander', ...['probe', 'spec', 'validate', 'report', 'catalog'].map((name) => join(root, 'dist', 'cli', 'commands', `${name}.js`))];
  const label = (m: string): string => (m.startsWith(root) ? m.slice(root.length + 1) : m);
  process.stdout.write(`\nimporting one module alone (median of ${Math.min(runs, 7)}, minus \`node -e 0\`):\n`);
  for (const module of modules) {
    const extra: number[] = [];
    for (let i = 0; i < Math.min(runs, 7); i++) {
      const base = spawnOnce(['-e', '0']).ms;
      extra.push(spawnOnce(['--input-type=module', '-e', `await import(${JSON.stringify(module)})`]).ms - base);
    }
    process.stdout.write(`  ${label(module).padEnd(34)}${`${median(extra).toFixed(0)} ms`.padStart(9)}\n`);
  }
}
process.stdout.write(`peak RSS of this process: ${mib(peakRss())}\n`);
