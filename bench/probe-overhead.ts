/**
 * What a `statuslint probe` run costs beyond the HTTP requests it sends, against the local real
 * kube-apiserver (cluster/), side by side in one run (no timed assertions anywhere):
 *
 *     node --import tsx bench/probe-overhead.ts [--rounds 3] [--quick]
 *
 * Runs go through the library API (`runProbes`, as `statuslint probe` calls it, with the CLI's
 * defaults); one more run goes through the built CLI for its wall time and peak memory.
 * - Overhead: each round runs a full probe run and replays the same requests with a bare undici loop
 *   (one agent with the client certificate and one without, 16 connections each, the same concurrency,
 *   each body read whole, a watch stream to its first line), in alternating order. The requests are
 *   the results' recorded requests, with the bodies and flags they were sent with (recorded bodies are
 *   cut at 16 KiB and Secrets redacted). The probe phase (from the first probe to the end of the run)
 *   is compared like for like; the whole run adds discovery and sample lists, replayed the same way.
 * - Growth: wall time over resource subsets of increasing size (`filter.resources`, as `--resource`),
 *   and over `--concurrency` 1, 2, 4, 8 on one subset, statuslint beside the bare loop.
 * - Memory: peak RSS of this process and of the CLI run.
 * Skipped, with a message and exit 0, when the cluster binaries are not built (cluster/build.sh).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Results } from '../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS } from '../conformance/runner.js';
import { resolveTarget } from '../conformance/target.js';
import { fixturesManifest, type LocalCluster, repoRoot, startCluster } from '../cluster/index.js';
import { probeRun, type Replay, replay, requestsOf, type Run, type Sent } from './probe-replay.js';
import { clusterBinariesBuilt, median, mib, PEAK_RSS_PRELOAD, peakRss, takePeakRss } from './support.js';

const GOAL = 0.1;
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, quick: { type: 'boolean', default: false } } });
const rounds = Math.max(1, Number(args.rounds));
const say = (line = ''): boolean => process.stdout.write(`${line}\n`);

const overhead = (ours: number, bare: number): string => `${(((ours - bare) / bare) * 100).toFixed(1)} %`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const pad = (text: string, width: number): string => text.padStart(width);

/** Evenly spread subsets of the resources the full run probed, as `group/name` (which names exactly one). */
function resourceSubsets(results: Results, sizes: readonly number[]): string[][] {
  const names = new Set<string>();
  for (const item of results.items) {
    if (item.resource === undefined || item.groupVersion === undefined) continue;
    const group = item.groupVersion.includes('/') ? item.groupVersion.split('/')[0]! : '';
    names.add(`${group}/${group === '' ? item.resource : item.resource.slice(0, -group.length - 1)}`);
  }
  const all = [...names].sort();
  return sizes
    .filter((size) => size < all.length)
    .map((size) => Array.from({ length: size }, (_, i) => all[Math.floor((i * all.length) / size)]!))
    .concat([all]);
}

const resourcesIn = (results: Results): number => new Set(results.items.map((i) => i.resource).filter((r) => r !== undefined)).size;
const probeItems = (results: Results): number => results.items.filter((i) => i.probeId !== undefined).length;

/** `statuslint probe` through the built CLI, once: its wall time, exit code and peak RSS. */
function cliRun(cluster: LocalCluster): { ms: number; code: number | null; peak: number | undefined } | undefined {
  const cli = join(repoRoot, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-probe-bench-'));
  try {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      ['--import', PEAK_RSS_PRELOAD, cli, 'probe', '--kubeconfig', cluster.kubeconfigPath, '--context', cluster.adminContext, '--format', 'json', '-o', join(dir, 'results.json'), '--no-progress'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    return { ms: performance.now() - started, code: run.status, peak: takePeakRss(run.stderr).peak };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const binaries = clusterBinariesBuilt();
if (!binaries.built) {
  say(`probe-overhead: skipped: ${binaries.why}`);
  process.exit(0);
}

say('starting the local cluster (etcd + kube-apiserver) …');
const cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'probe-bench'), log: () => {} });
try {
  // Objects a cluster in use would have, as the kube-apiserver test applies: the colliding probes need them.
  const applied = await cluster.kubectl(['apply', '-f', fixturesManifest]);
  if (applied.code !== 0) throw new Error(`kubectl apply: ${applied.stderr}`);
  const target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  const concurrency = DEFAULT_PROBE_OPTIONS.concurrency;

  // The capture run warms both sides up and yields the requests the bare loop sends.
  const sent: Sent[] = [];
  const first = await probeRun(target, { capture: sent });
  const requests = requestsOf(first.results, sent);
  await replay(target, [...requests.before, ...requests.probes], concurrency);

  say(`\nnode ${process.version}; kube-apiserver ${first.results.target?.version ?? '?'} on 127.0.0.1; library API (runProbes, the CLI's defaults: concurrency ${concurrency}, dry runs only)`);
  say(`a full run: ${resourcesIn(first.results)} resources, ${probeItems(first.results)} probe requests (the results' recorded requests) after ${requests.before.length} discovery and sample requests\n`);

  const ours: Run[] = [];
  const bare: Array<{ before: Replay; probes: Replay }> = [];
  say(`${'round'.padEnd(7)}${pad('statuslint probes', 19)}${pad('bare loop', 11)}${pad('overhead', 10)}${pad('whole run', 12)}${pad('bare', 9)}${pad('overhead', 10)}`);
  for (let round = 0; round < rounds; round++) {
    const replayBoth = async (): Promise<{ before: Replay; probes: Replay }> => ({ before: await replay(target, requests.before, concurrency), probes: await replay(target, requests.probes, concurrency) });
    // Alternate which goes first, so that drift in the machine's speed favours neither.
    let run: Run;
    let loop: { before: Replay; probes: Replay };
    if (round % 2 === 0) {
      run = await probeRun(target);
      loop = await replayBoth();
    } else {
      loop = await replayBoth();
      run = await probeRun(target);
    }
    ours.push(run);
    bare.push(loop);
    const bareTotal = loop.before.ms + loop.probes.ms;
    say(`${String(round + 1).padEnd(7)}${pad(ms(run.probesMs), 19)}${pad(ms(loop.probes.ms), 11)}${pad(overhead(run.probesMs, loop.probes.ms), 10)}${pad(ms(run.totalMs), 12)}${pad(ms(bareTotal), 9)}${pad(overhead(run.totalMs, bareTotal), 10)}`);
  }
  const probeRatio = median(ours.map((r, i) => r.probesMs / bare[i]!.probes.ms));
  const wholeRatio = median(ours.map((r, i) => r.totalMs / (bare[i]!.before.ms + bare[i]!.probes.ms)));
  const cpuOurs = median(ours.map((r) => r.cpuMs));
  const cpuBare = median(bare.map((b) => b.before.cpuMs + b.probes.cpuMs));
  say(`\noverhead, probe phase (median of per-round ratios): ${((probeRatio - 1) * 100).toFixed(1)} %   goal ≤ ${GOAL * 100} %: ${probeRatio - 1 <= GOAL ? 'met' : 'NOT met'}`);
  say(`overhead, whole run (discovery and samples replayed at the same concurrency, in the order sent): ${((wholeRatio - 1) * 100).toFixed(1)} %`);
  // The bare loop must have met the same server behaviour: compare the statuses it got with the run's.
  const expected = new Map<number, number>();
  for (const item of first.results.items) if (item.probeId !== undefined && item.response) expected.set(item.response.status, (expected.get(item.response.status) ?? 0) + 1);
  const got = bare[0]!.probes.statuses;
  const same = [...expected].reduce((n, [status, count]) => n + Math.min(count, got.get(status) ?? 0), 0);
  say(`responses the bare loop got with the status statuslint recorded: ${same} of ${probeItems(first.results)}`);
  say(`CPU time of this process (medians): statuslint ${ms(cpuOurs)}, bare loop ${ms(cpuBare)}: ${(cpuOurs / cpuBare).toFixed(2)}x (the client's own work; the server runs in other processes)`);

  // Growth with the number of resources: one run per subset, statuslint only.
  const sizes = args.quick ? [4, 16] : [1, 4, 16, 32];
  const subsets = resourceSubsets(first.results, sizes);
  say(`\nwall time by resources probed (\`--resource\` subsets, concurrency ${concurrency}, one run each, discovery included):`);
  say(`${'resources'.padStart(10)}${pad('requests', 10)}${pad('wall', 10)}${pad('per request', 13)}`);
  for (const subset of subsets) {
    const run = await probeRun(target, { resources: subset });
    const count = run.results.items.length;
    say(`${pad(String(resourcesIn(run.results)), 10)}${pad(String(count), 10)}${pad(ms(run.totalMs), 10)}${pad(`${(run.totalMs / Math.max(1, count)).toFixed(1)} ms`, 13)}`);
  }

  // Growth with concurrency, on a mid-sized subset: statuslint beside the bare loop at each level.
  const sweep = subsets.find((s) => s.length >= 16) ?? subsets.at(-1)!;
  const sweepSent: Sent[] = [];
  const sweepFirst = await probeRun(target, { resources: sweep, capture: sweepSent });
  const sweepRequests = requestsOf(sweepFirst.results, sweepSent).probes;
  say(`\nwall time by --concurrency (${resourcesIn(sweepFirst.results)} resources, ${sweepRequests.length} probe requests; probe phase, one run each):`);
  say(`${'concurrency'.padStart(12)}${pad('statuslint', 12)}${pad('bare loop', 11)}${pad('overhead', 10)}`);
  for (const level of [1, 2, 4, 8]) {
    const run = await probeRun(target, { resources: sweep, concurrency: level });
    const loop = await replay(target, sweepRequests, level);
    say(`${pad(String(level), 12)}${pad(ms(run.probesMs), 12)}${pad(ms(loop.ms), 11)}${pad(overhead(run.probesMs, loop.ms), 10)}`);
  }

  const cli = cliRun(cluster);
  say('');
  if (cli) say(`CLI, once: \`statuslint probe --format json -o FILE\` (a full run, start-up and report included): ${ms(cli.ms)}, exit ${cli.code}, peak RSS ${cli.peak === undefined ? 'n/a' : mib(cli.peak)}`);
  else say('CLI run skipped: dist/cli/main.js is missing (run `npm run build`)');
  say(`peak RSS of this process (library runs and the bare loop): ${mib(peakRss())}`);
} finally {
  await cluster.stop();
}
