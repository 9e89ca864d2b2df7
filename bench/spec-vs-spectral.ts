/**
 * `statuslint spec` against Spectral (`spectral lint` with `spectral:oas`) on the same documents,
 * side by side in one run (no timed assertions anywhere):
 *
 *     npm run build && node --import tsx bench/spec-vs-spectral.ts [--rounds 5] [--operations 2000] [--dir DIR]
 *
 * Both run as users run them, one process per document, each CLI from this checkout (Spectral from
 * the pinned devDependency), in alternating order each round. The documents: those written in the
 * shapes of GitHub, Stripe, Nakadi and Open Zaak (test/fixtures/openapi/shapes), a GitHub-shaped
 * document grown to `--operations` operations (the size of the real descriptions), and every
 * `.json`/`.yaml` file in `--dir` (such as the Kubernetes documents `bench/spec.ts --keep` saves).
 * For each it prints both median wall times and peak RSS, the ratios (Spectral / statuslint, so a
 * ratio above 1 means statuslint is faster or smaller) and how many findings each reports, and how
 * many of Spectral's are about error responses.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../schemas/paths.js';
import { median, mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, operations: { type: 'string', default: '2000' }, dir: { type: 'string' } } });
const rounds = Math.max(1, Number(args.rounds));
const root = packageRoot();
const statuslint = join(root, 'dist', 'cli', 'main.js');
const spectral = join(root, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
for (const [file, fix] of [[statuslint, 'run `npm run build`'], [spectral, 'run `npm ci`']] as const) {
  if (!existsSync(file)) {
    process.stderr.write(`${file} is missing: ${fix} first\n`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'statuslint-spectral-'));
const ruleset = join(work, '.spectral.yaml');
writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');

/** The GitHub-shaped fixture with its paths repeated under numbered prefixes: a document the size of a real one. */
function grownDocument(operations: number): string {
  const document = parseYaml(readFileSync(join(root, 'test', 'fixtures', 'openapi', 'shapes', 'github.yaml'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const original = Object.entries(document.paths);
  const perCopy = original.reduce((n, [, item]) => n + Object.keys(item).length, 0);
  const paths: Record<string, unknown> = {};
  for (let copy = 0; copy * perCopy < operations; copy++) {
    for (const [path, item] of original) {
      paths[`/v${copy}${path}`] = Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, { ...operation, operationId: `${operation.operationId ?? method}-${copy}` }]));
    }
  }
  const file = join(work, `github-shaped-${operations}.json`);
  writeFileSync(file, JSON.stringify({ ...document, paths }));
  return file;
}

const shapes = join(root, 'test', 'fixtures', 'openapi', 'shapes');
const documents = [
  ...readdirSync(shapes).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(shapes, f)),
  grownDocument(Math.max(1, Number(args.operations))),
  ...(args.dir ? readdirSync(args.dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(json|ya?ml)$/.test(f)).sort().map((f) => join(args.dir!, f)) : []),
];

interface Run {
  ms: number;
  peak: number;
  stdout: string;
}

function spawnOnce(nodeArgs: string[], expected: readonly number[]): Run {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', PEAK_RSS_PRELOAD, ...nodeArgs], { cwd: work, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (!expected.includes(run.status ?? -1)) throw new Error(`node ${nodeArgs.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  const { peak } = takePeakRss(run.stderr);
  return { ms, peak: peak ?? 0, stdout: run.stdout };
}

// statuslint exits 1 on findings; Spectral exits 1 on error-level results.
const runStatuslint = (file: string): Run => spawnOnce([statuslint, 'spec', file, '--format', 'json', '--allow-external-refs'], [0, 1]);
const runSpectral = (file: string): Run => spawnOnce([spectral, 'lint', file, '--ruleset', ruleset, '--format', 'json', '--quiet'], [0, 1]);

interface Tally {
  times: number[];
  peaks: number[];
  findings: number;
  aboutErrors?: number;
}

function countStatuslint(stdout: string): number {
  const results = JSON.parse(stdout) as { summary: { findings: { MUST: number; SHOULD: number } } };
  return results.summary.findings.MUST + results.summary.findings.SHOULD;
}

/** Spectral's results, and those whose path is in a `4xx`/`5xx`/`default` response. */
function countSpectral(stdout: string): { findings: number; aboutErrors: number } {
  const results = JSON.parse(stdout || '[]') as Array<{ path: Array<string | number> }>;
  const aboutErrors = results.filter((r) => r.path.some((token, i) => r.path[i - 1] === 'responses' && /^([45]\d\d|[45]XX|default)$/i.test(String(token)))).length;
  return { findings: results.length, aboutErrors };
}

const ratio = (a: number, b: number): string => (b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

process.stdout.write(`node ${process.version}, ${rounds} rounds, one process per document and tool\n\n`);
const header = `${'document'.padEnd(34)} ${'statuslint'.padStart(10)} ${'Spectral'.padStart(10)} ${'time ratio'.padStart(10)} ${'RSS st.lint'.padStart(11)} ${'RSS Spectral'.padStart(12)} ${'RSS ratio'.padStart(9)}  findings (statuslint / Spectral, of which on error responses)`;
process.stdout.write(`${header}\n`);
for (const file of documents) {
  const mine: Tally = { times: [], peaks: [], findings: 0 };
  const theirs: Tally = { times: [], peaks: [], findings: 0 };
  // One untimed run of each first: files in the page cache for both alike.
  mine.findings = countStatuslint(runStatuslint(file).stdout);
  ({ findings: theirs.findings, aboutErrors: theirs.aboutErrors } = countSpectral(runSpectral(file).stdout));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ([runStatuslint, runSpectral] as const) : ([runSpectral, runStatuslint] as const);
    for (const run of order) {
      const result = run(file);
      const tally = run === runStatuslint ? mine : theirs;
      tally.times.push(result.ms);
      tally.peaks.push(result.peak);
    }
  }
  const name = file.startsWith(work) ? file.slice(work.length + 1) : file.startsWith(root) ? file.slice(root.length + 1).replace('test/fixtures/openapi/shapes/', '') : file;
  const [t1, t2, r1, r2] = [median(mine.times), median(theirs.times), Math.max(...mine.peaks), Math.max(...theirs.peaks)];
  process.stdout.write(
    `${name.slice(-34).padEnd(34)} ${`${t1.toFixed(0)} ms`.padStart(10)} ${`${t2.toFixed(0)} ms`.padStart(10)} ${ratio(t2, t1).padStart(10)} ${mib(r1).padStart(11)} ${mib(r2).padStart(12)} ${ratio(r2, r1).padStart(9)}  ${mine.findings} / ${theirs.findings} (${theirs.aboutErrors ?? 0})\n`,
  );
}
rmSync(work, { recursive: true, force: true });
