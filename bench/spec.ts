/**
 * What `statuslint spec` costs on the whole Kubernetes API, against what swagger-parser alone needs to
 * dereference the same documents, in one run (no timed assertions anywhere):
 *
 *     node --import tsx bench/spec.ts [--rounds 5] [--dir DIR] [--keep]
 *     node --expose-gc --import tsx bench/spec.ts          # memory measured from a collected heap
 *
 * It starts the local cluster (cluster/), saves every `/openapi/v3/<group-version>` document
 * and `/openapi/v2` to a temporary folder (or reads a folder saved before, `--dir`), times
 * `statuslint spec --from-cluster` end to end once, then, in alternating rounds over the same files:
 * - swagger-parser alone: `SwaggerParser.dereference(file)` (it reads, parses and dereferences);
 * - the full check: `loadDocument(file)` (read, parse, swagger-parser's version check, `$ref` walk)
 *   and every spec check on every operation.
 * It prints the fastest and median round of each, their ratio (the overhead), and peak memory.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { checkCluster } from '../conformance/spec/cluster.js';
import { loadDocument } from '../conformance/spec/load.js';
import { checkDocument } from '../conformance/spec/run.js';
import { resolveTarget } from '../conformance/target.js';
import { builtinProfile } from '../schemas/index.js';
import { repoRoot, startCluster } from '../cluster/index.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, dir: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const rounds = Math.max(1, Number(args.rounds));
const profile = builtinProfile('kubernetes');
const collect = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Save the cluster's OpenAPI documents as files, and time `spec --from-cluster` while it is up. */
async function saveFromCluster(dir: string): Promise<number> {
  const cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'spec-bench'), log: () => {} });
  try {
    const index = JSON.parse((await cluster.request('/openapi/v3')).body) as { paths: Record<string, unknown> };
    for (const key of Object.keys(index.paths)) {
      const response = await cluster.request(`/openapi/v3/${key}`);
      if (response.status !== 200) throw new Error(`/openapi/v3/${key}: HTTP ${response.status}`);
      const file = join(dir, 'v3', `${key}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, response.body);
    }
    writeFileSync(join(dir, 'v2.json'), (await cluster.request('/openapi/v2')).body);
    const target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
    const started = performance.now();
    await checkCluster(target, { profile, concurrency: 4, timeoutMs: 60_000 });
    return performance.now() - started;
  } finally {
    await cluster.stop();
  }
}

interface Phase {
  times: number[];
  peakRss: number;
  /** Most heap in use after a document, above the heap in use when the round began. */
  peakHeap: number;
}

async function timed(phase: Phase, files: readonly string[], work: (file: string) => Promise<unknown>): Promise<void> {
  collect?.();
  const base = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (const file of files) {
    // Measured while the document's result is still held: the dereferenced document, or the items.
    const result = await work(file);
    const { rss, heapUsed } = process.memoryUsage();
    phase.peakRss = Math.max(phase.peakRss, rss);
    phase.peakHeap = Math.max(phase.peakHeap, heapUsed - base);
    if (result === undefined) throw new Error(`no result for ${file}`);
  }
  phase.times.push(performance.now() - started);
}

const dereference = async (file: string): Promise<unknown> => SwaggerParser.dereference(file);
const check = async (file: string): Promise<number> => checkDocument(await loadDocument(file), { profile }).length - 1;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (label: string, phase: Phase): string =>
  `${label.padEnd(50)} fastest ${Math.min(...phase.times).toFixed(0).padStart(5)} ms   median ${median(phase.times).toFixed(0).padStart(5)} ms   peak RSS ${mib(phase.peakRss)}, heap +${mib(phase.peakHeap)}`;

const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'statuslint-openapi-'));
let endToEnd: number | undefined;
if (!args.dir) {
  process.stdout.write(`starting the local cluster and saving its OpenAPI documents to ${dir} …\n`);
  endToEnd = await saveFromCluster(dir);
}
const v3 = readdirSync(join(dir, 'v3'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(dir, 'v3', f))
  .sort();
const v2 = [join(dir, 'v2.json')];

// Warm both paths up once, so the first timed round is not the one that compiles them.
const operations = { v3: 0, v2: 0 };
for (const file of [...v3, ...v2]) {
  await dereference(file);
  operations[file === v2[0] ? 'v2' : 'v3'] += await check(file);
}

const phase = (): Phase => ({ times: [], peakRss: 0, peakHeap: 0 });
const phases = { derefV3: phase(), checkV3: phase(), derefV2: phase(), checkV2: phase() };
for (let round = 0; round < rounds; round++) {
  // Alternate which goes first, so neither always meets the other's garbage.
  const order = round % 2 === 0 ? (['deref', 'check'] as const) : (['check', 'deref'] as const);
  for (const which of order) {
    if (which === 'deref') await timed(phases.derefV3, v3, dereference);
    else await timed(phases.checkV3, v3, check);
  }
  for (const which of order) {
    if (which === 'deref') await timed(phases.derefV2, v2, dereference);
    else await timed(phases.checkV2, v2, check);
  }
}

const ratio = (full: Phase, alone: Phase): string => (median(full.times) / median(alone.times)).toFixed(2);
process.stdout.write(`\nnode ${process.version}, ${rounds} rounds: ${v3.length} OpenAPI v3 documents (${operations.v3} operations), /openapi/v2 (${operations.v2} operations)\n\n`);
process.stdout.write(`${row('v3 set: swagger-parser dereference alone', phases.derefV3)}\n`);
process.stdout.write(`${row('v3 set: statuslint spec (load + all checks)', phases.checkV3)}\n`);
process.stdout.write(`${row('v2 document: swagger-parser dereference alone', phases.derefV2)}\n`);
process.stdout.write(`${row('v2 document: statuslint spec (load + all checks)', phases.checkV2)}\n\n`);
process.stdout.write(`overhead ratio, v3 set (spec / dereference, medians):      ${ratio(phases.checkV3, phases.derefV3)}x\n`);
process.stdout.write(`overhead ratio, v2 document (spec / dereference, medians): ${ratio(phases.checkV2, phases.derefV2)}x\n`);
if (endToEnd !== undefined) process.stdout.write(`statuslint spec --from-cluster end to end (fetch + check, v3 set and v2): ${endToEnd.toFixed(0)} ms\n`);
process.stdout.write(`peak RSS of this process: ${mib(process.resourceUsage().maxRSS * 1024)}${collect ? '' : ' (run with --expose-gc for phase peaks from a collected heap)'}\n`);
if (!args.dir && !args.keep) rmSync(dir, { recursive: true, force: true });
else process.stdout.write(`documents kept in ${dir}\n`);
