/**
 * `statuslint validate` on big recorded inputs, against a bare `readline` + `JSON.parse` loop over the
 * same file, each in its own process, side by side in one run (no timed assertions anywhere):
 *
 *     npm run build && node --import tsx bench/validate-stream.ts [--sizes 100000,400000,1000000] [--har]
 *       [--formats json,junit,sarif,github,stylish] [--distinct] [--update-baseline]
 *
 * For each size it writes JSON Lines (or, with --har, a HAR file) of that many responses to a
 * temporary folder, runs the baseline, then `validate --format F -o /dev/null` for each format F, on
 * it in turn, and prints the wall time, throughput ratio and peak RSS of each. Peak RSS flat in the
 * number of responses means both the input and the reports are streamed. With --distinct, every
 * eighth response has a finding of its own (stylish then lists it, rather than one shared finding).
 * With --update-baseline, each run also rewrites a baseline (empty before each run) with its findings.
 *
 * With --split N (JSON Lines), each format is also run as N processes at once, each on 1/N of the
 * responses in a file of its own: the wall time until all have ended is the most that judging in N
 * threads could reach on this machine, before any cost of merging their reports (an upper bound).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliPath } from '../test/helpers/paths.js';
import { writeRecorded } from './generate-recorded.js';
import { mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,400000,1000000' },
    har: { type: 'boolean', default: false },
    formats: { type: 'string', default: 'json,junit,sarif,github,stylish' },
    distinct: { type: 'boolean', default: false },
    'update-baseline': { type: 'boolean', default: false },
    split: { type: 'string' },
  },
});
const split = args.split === undefined ? undefined : Number(args.split);
if (split !== undefined && (!Number.isInteger(split) || split < 2 || args.har)) throw new Error('--split takes a whole number from 2 up, for JSON Lines only');
const sizes = args.sizes.split(',').map(Number);
const formats = args.formats.split(',');
const har = args.har === true;

/** What any tool must do at least: read every line and parse it. A HAR file is parsed whole, as JSON.parse must. */
const BASELINE = har
  ? `const t=require('fs').readFileSync(process.argv[1],'utf8');let n=JSON.parse(t).log.entries.length;process.stdout.write(n+'\\n')`
  : `const rl=require('readline').createInterface({input:require('fs').createReadStream(process.argv[1]),crlfDelay:Infinity});let n=0;(async()=>{for await(const l of rl){if(l)n+=JSON.parse(l).code?1:0}process.stdout.write(n+'\\n')})()`;

interface Run {
  seconds: number;
  peak: number;
  status: number | null;
}

function run(nodeArgs: readonly string[]): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', PEAK_RSS_PRELOAD, ...nodeArgs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const { peak, stderr } = takePeakRss(child.stderr);
  if (child.status !== 0 && child.status !== 1) throw new Error(`${nodeArgs.join(' ')} exited ${child.status}: ${stderr}`);
  return { seconds, peak: peak ?? 0, status: child.status };
}

/** N processes at once, each validating a file of its own: the wall time until the last ends. */
async function runAtOnce(files: readonly string[], format: string): Promise<number> {
  const started = performance.now();
  await Promise.all(
    files.map(
      (file) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [cliPath, 'validate', file, '--format', format, '-o', '/dev/null'], { stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`validate ${file} exited ${code}`))));
        }),
    ),
  );
  return (performance.now() - started) / 1000;
}

const folder = mkdtempSync(join(tmpdir(), 'statuslint-bench-stream-'));
process.stdout.write(`node ${process.version}; ${har ? 'HAR files' : 'JSON Lines'}${args['update-baseline'] ? '; --update-baseline' : ''}; each run in its own process\n\n`);
process.stdout.write(`${'responses'.padStart(10)} ${'input'.padStart(9)}  ${'format'.padEnd(8)} ${'baseline'.padStart(9)} ${'RSS'.padStart(8)}  ${'validate'.padStart(9)} ${'RSS'.padStart(8)}  throughput vs baseline\n`);
try {
  for (const size of sizes) {
    const file = join(folder, har ? `${size}.har` : `${size}.jsonl`);
    await writeRecorded(file, size, har, args.distinct === true);
    const parts = Array.from({ length: split ?? 0 }, (_, i) => join(folder, `${size}.part${i}.jsonl`));
    for (const part of parts) await writeRecorded(part, Math.ceil(size / parts.length), false, args.distinct === true);
    const baseline = run(['-e', BASELINE, file]);
    for (const format of formats) {
      const baselineFile = join(folder, 'statuslint.baseline.json');
      if (args['update-baseline']) writeFileSync(baselineFile, '{"baselineVersion":1,"findings":[]}\n');
      const updating = args['update-baseline'] ? ['--no-config', '--baseline', baselineFile, '--update-baseline'] : [];
      const validate = run([cliPath, 'validate', file, '--format', format, '-o', '/dev/null', ...updating]);
      process.stdout.write(
        `${String(size).padStart(10)} ${mib(statSync(file).size).padStart(9)}  ${format.padEnd(8)} ${`${baseline.seconds.toFixed(2)} s`.padStart(9)} ${mib(baseline.peak).padStart(8)}  ${`${validate.seconds.toFixed(2)} s`.padStart(9)} ${mib(validate.peak).padStart(8)}  ${(baseline.seconds / validate.seconds).toFixed(2)}x (goal ≥ 0.7x)\n`,
      );
      if (parts.length > 0) {
        const seconds = await runAtOnce(parts, format);
        process.stdout.write(`${''.padStart(10)} ${''.padStart(9)}  ${format.padEnd(8)} ${split} processes on ${split} parts at once: ${seconds.toFixed(2)} s, ${(baseline.seconds / seconds).toFixed(2)}x (the bound for ${split} threads)\n`);
      }
    }
    rmSync(file);
    for (const part of parts) rmSync(part);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
