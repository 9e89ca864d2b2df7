/**
 * `statuslint spec` on big OpenAPI documents, against parsing the same file alone, in one run (no
 * timed assertions anywhere):
 *
 *     npm run build && node --import tsx bench/spec-scale.ts [--sizes 10,50,100] [--formats yaml,json] [--dense] [--ref-chains 2500,5000,10000] [--statuslint path/to/dist/cli/main.js]
 *
 * For each size (MiB) and format it writes a document with bench/generate-openapi.ts to a temporary
 * folder and runs, each in its own process: the baseline, which reads the file and parses it with
 * the parser statuslint uses for it (js-yaml's core schema, or `JSON.parse`) and nothing else; then
 * `statuslint spec FILE --profile problem --format json -o /dev/null`. It prints each one's wall time
 * and peak RSS, the ratios, and time and memory per MiB, which stay flat when cost grows linearly
 * with size. `--statuslint` runs another build, such as an older checkout's, for before and after.
 * `--dense`: terse operations, about three times as many a MiB (bench/generate-openapi.ts).
 * `--ref-chains`: small JSON documents whose components are lines of that many `$ref`s each naming
 * the next (bench/generate-openapi.ts), run after the sizes: the time stays flat in the line's length
 * when each line is followed once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../schemas/paths.js';
import { type OpenApiFormat, refChainDocument, writeOpenApi } from './generate-openapi.js';
import { mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,50,100' },
    formats: { type: 'string', default: 'yaml,json' },
    statuslint: { type: 'string' },
    dense: { type: 'boolean', default: false },
    'ref-chains': { type: 'string', default: '' },
  },
});
const chains = args['ref-chains'].split(',').map(Number).filter((n) => n > 1);
const sizes = args.sizes.split(',').map(Number).filter((n) => n > 0);
const formats = args.formats.split(',').filter((f): f is OpenApiFormat => f === 'yaml' || f === 'json');
const root = packageRoot();
const statuslint = args.statuslint ?? join(root, 'dist', 'cli', 'main.js');
if (!existsSync(statuslint)) {
  process.stderr.write(`${statuslint} is missing: run \`npm run build\` first\n`);
  process.exit(2);
}

interface Run {
  ms: number;
  peak: number;
  status: number | null;
  stderr: string;
}

function spawnOnce(nodeArgs: string[]): Run {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', PEAK_RSS_PRELOAD, ...nodeArgs], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  const { peak, stderr } = takePeakRss(run.stderr);
  return { ms, peak: peak ?? 0, status: run.status, stderr: stderr.trim() };
}

/** Read and parse, nothing else: what any tool reading the document pays. */
const baselineScript = (format: OpenApiFormat): string =>
  format === 'json'
    ? `const t=require('node:fs').readFileSync(process.argv[1],'utf8');JSON.parse(t);`
    : `const y=require('js-yaml');const t=require('node:fs').readFileSync(process.argv[1],'utf8');y.load(t,{schema:y.CORE_SCHEMA});`;

/** Run the baseline and statuslint on one document and print their row. */
function report(name: string, file: string, format: OpenApiFormat): void {
  const megabytes = statSync(file).size / 1024 / 1024;
  const baseline = spawnOnce(['-e', baselineScript(format), file]);
  const spec = spawnOnce([statuslint, 'spec', file, '--profile', 'problem', '--format', 'json', '-o', '/dev/null']);
  const failed = spec.status !== 0 && spec.status !== 1 ? `  ${spec.stderr.split('\n').slice(-1)[0]?.slice(0, 160)}` : '';
  process.stdout.write(
    `${name.padEnd(34)}${`${seconds(baseline.ms)} ${mib(baseline.peak)}`.padStart(18)}${`${seconds(spec.ms)} ${mib(spec.peak)}`.padStart(22)}${`${(spec.ms / baseline.ms).toFixed(1)}×`.padStart(9)}${`${(spec.peak / baseline.peak).toFixed(1)}×`.padStart(8)}${`${(spec.ms / megabytes).toFixed(0)} ms ${(spec.peak / 1024 / 1024 / megabytes).toFixed(1)} MiB`.padStart(22)}  ${spec.status}${failed}\n`,
  );
}

const work = mkdtempSync(join(tmpdir(), 'statuslint-spec-scale-'));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
process.stdout.write(`node ${process.version}, statuslint ${statuslint === join(root, 'dist', 'cli', 'main.js') ? 'from this checkout' : statuslint}\n\n`);
process.stdout.write(`${'document'.padEnd(34)}${'baseline'.padStart(18)}${'statuslint spec'.padStart(22)}${'time ×'.padStart(9)}${'RSS ×'.padStart(8)}${'per MiB'.padStart(22)}  exit\n`);
try {
  for (const format of formats) {
    for (const size of sizes) {
      const file = join(work, `openapi-${size}.${format}`);
      const { operations } = await writeOpenApi(file, size * 1024 * 1024, format, undefined, args.dense);
      report(`${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB ${format}, ${operations.toLocaleString('en-US')} ops`, file, format);
      rmSync(file, { force: true });
    }
  }
  for (const links of chains) {
    const file = join(work, `ref-chain-${links}.json`);
    writeFileSync(file, JSON.stringify(refChainDocument(links)));
    report(`a line of ${links.toLocaleString('en-US')} $refs`, file, 'json');
    rmSync(file, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
