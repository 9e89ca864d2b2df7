/**
 * Reading a saved results file (`statuslint report FILE`): the stream reader against the whole-string
 * parse it replaced (readFileSync + JSON.parse + one ajv validation of the whole model), each in its own
 * process, side by side in one run (no timed assertions anywhere):
 *
 *     npm run build && node --import tsx bench/report-read.ts [--sizes 100000,240000]
 *
 * For each size it writes a results file of that many responses as `--format json` writes it (the
 * responses of test/fixtures/results/validate-mixed.json, over and over; about 3 KB each), then reads
 * it both ways and prints wall time and peak RSS. A file over 512 MiB (about 190,000 responses) is
 * longer than V8's longest string: the whole-string parse fails there with ERR_STRING_TOO_LONG.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import json from '../conformance/reporters/json.js';
import { resolvedText } from '../conformance/reporters/reporter.js';
import type { Results } from '../conformance/results.js';
import { fixture, repoRoot } from '../test/helpers/paths.js';
import { mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '100000,240000' } } });
const sizes = args.sizes.split(',').map(Number);
const dist = (path: string): string => pathToFileURL(join(repoRoot, 'dist', path)).href;

/** What `statuslint report` did before: the file as one string, parsed and validated whole. */
const WHOLE = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const { createAjv } = await import(${JSON.stringify(dist('schemas/compile.js'))});
const { upgradeResults } = await import(${JSON.stringify(dist('conformance/results-upgrade.js'))});
const validate = createAjv({ allErrors: false }).compile(JSON.parse(readFileSync(join(${JSON.stringify(repoRoot)}, 'schemas', 'results.schema.json'), 'utf8')));
const data = JSON.parse(readFileSync(process.argv[1], 'utf8'));
if (!validate(data)) throw new Error('invalid');
process.stdout.write(upgradeResults(data).items.length + '\\n');
`;

/** What it does now. */
const STREAMED = `
import { createReadStream } from 'node:fs';
const { readResults } = await import(${JSON.stringify(dist('conformance/results-stream.js'))});
const results = await readResults(createReadStream(process.argv[1]), process.argv[1]);
process.stdout.write(results.items.length + '\\n');
`;

interface Run {
  seconds: number;
  peak: number;
  items: number | undefined;
  failure: string | undefined;
}

function run(code: string, file: string): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', PEAK_RSS_PRELOAD, '--input-type=module', '-e', code, file], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const { peak, stderr } = takePeakRss(child.stderr);
  const failure = child.status === 0 ? undefined : (/ERR_STRING_TOO_LONG|Invalid string length|heap out of memory/.exec(stderr)?.[0] ?? `exit ${child.status}`);
  return { seconds, peak: peak ?? 0, items: child.status === 0 ? Number(child.stdout.trim()) : undefined, failure };
}

/** A results file of `size` responses, written piece by piece by the json reporter, as `--format json` does. */
function writeResultsFile(file: string, size: number): void {
  const sample = JSON.parse(readFileSync(fixture('results', 'validate-mixed.json'), 'utf8')) as Results;
  const items = Array.from({ length: size }, (_, i) => {
    const item = sample.items[i % sample.items.length]!;
    return { ...item, id: `${item.id}-${i}`, location: `big.har#${i}` };
  });
  const fd = openSync(file, 'w');
  try {
    let pending = '';
    for (const chunk of resolvedText(json.pieces({ ...sample, items }, { color: false }))) {
      pending += chunk;
      if (pending.length > 1 << 20) {
        writeSync(fd, pending);
        pending = '';
      }
    }
    writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

const cell = (r: Run): string => (r.failure ? `fails: ${r.failure}`.padEnd(28) : `${`${r.seconds.toFixed(2)} s`.padStart(9)} ${mib(r.peak).padStart(10)}        `);

const folder = mkdtempSync(join(tmpdir(), 'statuslint-bench-report-read-'));
process.stdout.write(`node ${process.version}; each read in its own process\n\n`);
process.stdout.write(`${'responses'.padStart(10)} ${'file'.padStart(9)}  ${'whole string'.padEnd(28)}  ${'stream'.padEnd(28)}  stream vs whole (time, peak RSS)\n`);
try {
  for (const size of sizes) {
    const file = join(folder, `${size}.json`);
    writeResultsFile(file, size);
    const whole = run(WHOLE, file);
    const streamed = run(STREAMED, file);
    if (streamed.items !== size) throw new Error(`the stream reader read ${streamed.items} of ${size} responses: ${streamed.failure}`);
    const ratio = whole.failure ? 'whole string fails' : `${(streamed.seconds / whole.seconds).toFixed(2)}x, ${(streamed.peak / whole.peak).toFixed(2)}x`;
    process.stdout.write(`${String(size).padStart(10)} ${mib(statSync(file).size).padStart(9)}  ${cell(whole)}  ${cell(streamed)}  ${ratio}\n`);
    rmSync(file);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
