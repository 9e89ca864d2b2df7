/**
 * Every bench in sequence, each in its own process (`npm run bench` builds first):
 *
 *     node --import tsx bench/run.ts [validate validate-stages validate-stream report-read startup eslint-plugin eslint-real-project spec spec-scale probe-overhead cluster-size]
 *
 * Names narrow the run. The benches that start the local cluster are skipped, with the reason, when
 * its binaries are not built. Each bench's output passes through; a summary at the end gives each
 * one's wall time, exit code and peak RSS (read from the process as it exits).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../schemas/paths.js';
import { clusterBinariesBuilt, mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

interface Bench {
  name: string;
  args: string[];
  needsCluster: boolean;
}

const BENCHES: readonly Bench[] = [
  { name: 'validate', args: [], needsCluster: false },
  { name: 'validate-stages', args: [], needsCluster: false },
  { name: 'validate-stream', args: [], needsCluster: false },
  { name: 'report-read', args: [], needsCluster: false },
  { name: 'startup', args: [], needsCluster: false },
  { name: 'eslint-plugin', args: [], needsCluster: false },
  { name: 'eslint-real-project', args: [], needsCluster: false },
  { name: 'spec', args: [], needsCluster: true },
  { name: 'spec-scale', args: [], needsCluster: false },
  { name: 'probe-overhead', args: [], needsCluster: true },
  { name: 'cluster-size', args: [], needsCluster: true },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.name).join(', ')})\n`);
  process.exit(2);
}
const selected = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
const root = packageRoot();
const cluster = selected.some((b) => b.needsCluster) ? clusterBinariesBuilt() : { built: true as const };

interface Outcome {
  name: string;
  status: string;
  ms?: number;
  peak?: number;
}

/** Run one bench: its stdout passes through; its stderr (rarely written) follows when it ends, without the peak-RSS line. */
function runBench(bench: Bench): Promise<{ code: number | null; ms: number; peak: number | undefined }> {
  // spec measures its phases' memory from a collected heap when it may collect.
  const nodeArgs = ['--import', PEAK_RSS_PRELOAD, ...(bench.name === 'spec' ? ['--expose-gc'] : []), '--import', 'tsx', join(root, 'bench', `${bench.name}.ts`), ...bench.args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const { peak, stderr: rest } = takePeakRss(stderr);
      if (rest.trim() !== '') process.stderr.write(rest.endsWith('\n') ? rest : `${rest}\n`);
      resolve({ code, ms: performance.now() - started, peak });
    });
  });
}

const outcomes: Outcome[] = [];
for (const bench of selected) {
  process.stdout.write(`\n=== bench/${bench.name}.ts ${'='.repeat(Math.max(3, 60 - bench.name.length))}\n`);
  if (bench.needsCluster && !cluster.built) {
    process.stdout.write(`skipped: ${cluster.why}\n`);
    outcomes.push({ name: bench.name, status: 'skipped (no cluster binaries)' });
    continue;
  }
  const { code, ms, peak } = await runBench(bench);
  outcomes.push({ name: bench.name, status: code === 0 ? 'ok' : `FAILED (exit ${code})`, ms, ...(peak !== undefined ? { peak } : {}) });
}

process.stdout.write(`\n=== summary ${'='.repeat(58)}\n${'bench'.padEnd(18)}${'status'.padEnd(32)}${'wall'.padStart(10)}${'peak RSS'.padStart(11)}\n`);
for (const o of outcomes) {
  process.stdout.write(`${o.name.padEnd(18)}${o.status.padEnd(32)}${(o.ms === undefined ? '' : `${(o.ms / 1000).toFixed(0)} s`).padStart(10)}${(o.peak === undefined ? '' : mib(o.peak)).padStart(11)}\n`);
}
process.exitCode = outcomes.some((o) => o.status.startsWith('FAILED')) ? 1 : 0;
