/**
 * `statuslint probe` on a big cluster: wall time, peak RSS and the time of each phase against the number
 * of resources, and the overhead against a bare undici loop at each size (no timed assertions anywhere):
 *
 *     node --import tsx bench/cluster-size.ts [--sizes 30,100,300] [--rounds 1] [--per-group 10]
 *
 * Starts the local cluster (cluster/, its own state folder) with its 3 aggregated API servers
 * (sample-apiserver, metrics-server, the custom-metrics adapter), then, size by size, adds generated
 * CRDs until the run holds that many resources, and probes them.
 * - Resources: every resource discovery lists in the groups probed: the aggregated servers' groups
 *   (wardle.example.com, metrics.k8s.io, custom.metrics.k8s.io, external.metrics.k8s.io) and the
 *   generated CRDs' groups, selected with `--group` so that the built-in resources (a constant 60 or so)
 *   stay out of the count. Generated CRDs = size − the aggregated servers' resources; `--per-group` of
 *   them share a group; each gets one object in `default`, so the probes that need one run.
 * - Before measuring, it waits until every CRD is Established, served by discovery and listable (a new
 *   CRD's storage answers 429 for a moment), and until kube-apiserver's CPU settles (each new CRD
 *   rebuilds its OpenAPI document).
 * - CLI: `statuslint probe --group … --format json` once per size: wall time, peak RSS, `timing`
 *   (discovery, sample lists, planning, probes), findings, and the answers that were 429.
 * - Overhead: the library API's run (`runProbes`) against the same requests replayed by a bare undici
 *   loop (probe-replay.ts, as probe-overhead.ts), alternating which goes first.
 * - Linearity: the CLI's time per resource at each size over that at the first size.
 * The CRDs are deleted at the end, and the cluster stopped. Skipped, with a message and exit 0, when the
 * cluster binaries or the third-party servers are not built.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { discover } from '../conformance/discovery.js';
import { HttpClient } from '../conformance/http.js';
import { findingsOfItem, type Results } from '../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS } from '../conformance/runner.js';
import { resolveTarget, type Target } from '../conformance/target.js';
import { type LocalCluster, repoRoot, startCluster, thirdPartyBuildScript } from '../cluster/index.js';
import { probeRun, type Replay, replay, requestsOf, type Run, type Sent } from './probe-replay.js';
import { clusterBinariesBuilt, median, mib, PEAK_RSS_PRELOAD, takePeakRss } from './support.js';

const GOAL = 0.1;
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '30,100,300' },
    rounds: { type: 'string', default: '1' },
    'per-group': { type: 'string', default: '10' },
  },
});
const sizes = args.sizes.split(',').map(Number).sort((a, b) => a - b);
const rounds = Math.max(1, Number(args.rounds));
const perGroup = Math.max(1, Number(args['per-group']));
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  process.stderr.write(`--sizes: whole numbers above 0, comma-separated (got ${args.sizes})\n`);
  process.exit(2);
}
const say = (line = ''): boolean => process.stdout.write(`${line}\n`);
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;
const pad = (text: string, width: number): string => text.padStart(width);
const sleep = (delay: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delay));

const AGGREGATED_GROUPS = ['wardle.example.com', 'metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io'];
const BENCH_LABEL = 'statuslint.dev/bench=cluster-size';
const GROUP_SUFFIX = 'size-bench.statuslint.dev';

/** The i-th generated CRD (from 0): `perGroup` of them to a group. */
function generated(index: number): { group: string; kind: string; plural: string; singular: string } {
  const group = `g${String(Math.floor(index / perGroup)).padStart(3, '0')}.${GROUP_SUFFIX}`;
  const n = String(index).padStart(3, '0');
  return { group, kind: `Part${n}`, plural: `part${n}s`, singular: `part${n}` };
}

/** A namespaced CRD with a schema (a required, bounded field, an enum), as real operators ship. */
function crdManifest(index: number): object {
  const { group, kind, plural, singular } = generated(index);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'statuslint.dev/bench': 'cluster-size' } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['size'],
                  properties: { size: { type: 'integer', minimum: 1 }, color: { type: 'string', enum: ['red', 'green', 'blue'] } },
                },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

/** Run `task` over `items`, `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

async function until(what: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs / 1000} s: ${what}`);
    await sleep(500);
  }
}

/** Create CRDs `from`..`to`-1, wait until each is served and listable, and give each one object. */
async function addCrds(cluster: LocalCluster, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const indexes = Array.from({ length: to - from }, (_, i) => from + i);
  const started = performance.now();
  const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: indexes.map(crdManifest) });
  const created = await cluster.kubectl(['create', '-f', '-'], { input: manifest, timeoutMs: 600_000 });
  if (created.code !== 0) throw new Error(`kubectl create of the CRDs: ${created.stderr}`);
  const established = await cluster.kubectl(['wait', '--for=condition=Established', 'crd', '-l', BENCH_LABEL, '--timeout=600s'], { timeoutMs: 620_000 });
  if (established.code !== 0) throw new Error(`kubectl wait: ${established.stderr}`);
  const groups = [...new Set(indexes.map((i) => generated(i).group))];
  await until('discovery serves every generated resource', 600_000, async () => {
    for (const group of groups) {
      const answer = await cluster.request(`/apis/${group}/v1`);
      if (answer.status !== 200) return false;
      const names = new Set(((JSON.parse(answer.body) as { resources?: { name: string }[] }).resources ?? []).map((r) => r.name));
      if (indexes.some((i) => generated(i).group === group && !names.has(generated(i).plural))) return false;
    }
    return true;
  });
  // Discovery lists a CRD before its storage takes requests (429 until then); the first write of a new type
  // also waits in quota admission. One object per CRD, created in parallel, takes both out of the measurement.
  await inPool(indexes, 16, async (index) => {
    const { group, kind, plural } = generated(index);
    const path = `/apis/${group}/v1/namespaces/default/${plural}`;
    await until(`${plural}.${group} listable`, 300_000, async () => (await cluster.request(`${path}?limit=1`)).status === 200);
    const body = JSON.stringify({ apiVersion: `${group}/v1`, kind, metadata: { name: 'sample' }, spec: { size: 1, color: 'blue' } });
    const answer = await cluster.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' }, timeoutMs: 60_000 });
    if (answer.status !== 201) throw new Error(`creating a ${kind}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
  });
  say(`  ${to - from} CRDs created, served and given an object in ${seconds(performance.now() - started)}`);
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A process's CPU time so far (user + system), in ms, from /proc. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Wait until kube-apiserver uses under a fifth of a core over 3 s (it rebuilds OpenAPI after CRD changes), or 180 s. */
async function settle(cluster: LocalCluster): Promise<void> {
  const started = performance.now();
  for (;;) {
    const before = cpuOf(cluster.pids.apiserver);
    await sleep(3000);
    const share = (cpuOf(cluster.pids.apiserver) - before) / 3000;
    if (share < 0.2 || performance.now() - started > 180_000) {
      say(`  kube-apiserver settled at ${(share * 100).toFixed(0)} % of a core after ${seconds(performance.now() - started)}`);
      return;
    }
  }
}

interface CliRun {
  ms: number;
  code: number | null;
  peak: number | undefined;
  results: Results | undefined;
}

/** `statuslint probe` through the built CLI, as users run it: wall time, exit code, peak RSS and its results. */
function cliRun(cluster: LocalCluster, groups: readonly string[]): CliRun {
  const cli = join(repoRoot, 'dist', 'cli', 'main.js');
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-cluster-size-'));
  try {
    const file = join(dir, 'results.json');
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        '--import', PEAK_RSS_PRELOAD, cli, 'probe', '--kubeconfig', cluster.kubeconfigPath, '--context', cluster.adminContext,
        ...groups.flatMap((group) => ['--group', group]), '--format', 'json', '-o', file, '--no-progress',
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const elapsed = performance.now() - started;
    const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Results) : undefined;
    if (!results) say(`  CLI run wrote no results (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
    return { ms: elapsed, code: run.status, peak: takePeakRss(run.stderr).peak, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const discovered = (results: Results): number => (results.discovery?.groupVersions ?? []).reduce((n, gv) => n + gv.resources, 0);
const probed = (results: Results): number => new Set(results.items.map((i) => i.resource).filter((r) => r !== undefined)).size;
const probeItems = (results: Results): number => results.items.filter((i) => i.probeId !== undefined).length;

/** A finding as it reads on any generated CRD: their names, the one thing that differs between them, masked. */
const signature = (text: string | undefined): string => String(text).replace(/part\d{3}/gi, 'partNNN').replace(/g\d{3}\./g, 'gNNN.');

/**
 * What would show a throttled server blamed: 429 answers, probes judged as throttled, and generated CRDs
 * judged unlike one another. They are all the same but for their names, so each probe must find the same
 * on every CRD it ran on (a probe run once per group-version runs on the group's first CRD only).
 */
function correctness(results: Results): { answers429: number; throttled: number; unevenProbes: string[]; findings: number } {
  const answers429 = results.items.filter((i) => i.response?.status === 429).length;
  const throttled = results.items.filter((i) => i.checks.some((c) => c.outcome === 'skip' && c.reason.includes('throttling'))).length;
  const outcomes = new Map<string, Set<string>>();
  for (const item of results.items) {
    if (!item.groupVersion?.endsWith(`${GROUP_SUFFIX}/v1`) || item.probeId === undefined) continue;
    const found = findingsOfItem(item).map((f) => `${f.checkId} ${signature(f.expected)} ${signature(f.received)}`).sort().join('; ');
    const seen = outcomes.get(item.probeId) ?? new Set<string>();
    seen.add(`${item.response?.status ?? item.error}: ${found}`);
    outcomes.set(item.probeId, seen);
  }
  const unevenProbes = [...outcomes].filter(([, seen]) => seen.size > 1).map(([probeId, seen]) => `${probeId} (${[...seen].join(' | ')})`);
  const findings = results.items.reduce((n, item) => n + findingsOfItem(item).length, 0);
  return { answers429, throttled, unevenProbes, findings };
}

interface Overhead {
  ours: Run[];
  bare: Replay[];
}

/** The library run against the bare loop on the same requests, `rounds` times, alternating which goes first. */
async function overheadAt(target: Target, groups: string[]): Promise<{ overhead: Overhead; requests: number; statusesMatch: string }> {
  const concurrency = DEFAULT_PROBE_OPTIONS.concurrency;
  const sent: Sent[] = [];
  const first = await probeRun(target, { groups, capture: sent });
  const requests = requestsOf(first.results, sent);
  const overhead: Overhead = { ours: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      overhead.ours.push(await probeRun(target, { groups }));
      overhead.bare.push(await replay(target, requests.probes, concurrency));
    } else {
      overhead.bare.push(await replay(target, requests.probes, concurrency));
      overhead.ours.push(await probeRun(target, { groups }));
    }
  }
  const expected = new Map<number, number>();
  for (const item of first.results.items) if (item.probeId !== undefined && item.response) expected.set(item.response.status, (expected.get(item.response.status) ?? 0) + 1);
  const got = overhead.bare[0]!.statuses;
  const same = [...expected].reduce((n, [status, count]) => n + Math.min(count, got.get(status) ?? 0), 0);
  return { overhead, requests: requests.probes.length, statusesMatch: `${same} of ${probeItems(first.results)}` };
}

function thirdPartyBuilt(): { built: true } | { built: false; why: string } {
  const printed = spawnSync('bash', [thirdPartyBuildScript, '--print-bin-dir'], { encoding: 'utf8' });
  const dir = printed.stdout?.trim() ?? '';
  try {
    for (const name of ['metrics-server', 'custom-metrics-adapter']) accessSync(join(dir, name), constants.X_OK);
    return { built: true };
  } catch {
    return {
      built: false,
      why: `the third-party aggregated servers are not built${dir ? ` in ${dir}` : ''}; run \`bash cluster/build-third-party.sh\` and run this again`,
    };
  }
}

const binaries = clusterBinariesBuilt();
const thirdParty = thirdPartyBuilt();
if (!binaries.built || !thirdParty.built) {
  say(`cluster-size: skipped: ${!binaries.built ? binaries.why : (thirdParty as { why: string }).why}`);
  process.exit(0);
}
if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) {
  say('cluster-size: dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

say('starting the local cluster (etcd + kube-apiserver) and its 3 aggregated API servers …');
const cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'cluster-size-bench'), log: () => {} });
try {
  await cluster.startAggregated();
  await cluster.startMetricsServer();
  await cluster.startCustomMetricsAdapter();
  const target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  const client = new HttpClient(target, { timeoutMs: DEFAULT_PROBE_OPTIONS.timeoutMs, maxBodyBytes: DEFAULT_PROBE_OPTIONS.maxBodyBytes });
  const aggregatedResources = (await discover(client, { groups: AGGREGATED_GROUPS })).resources.length;
  await client.close();
  if (sizes[0]! < aggregatedResources) throw new Error(`--sizes: the smallest is ${sizes[0]}, below the ${aggregatedResources} resources the aggregated servers serve`);
  say(`node ${process.version}; the aggregated servers serve ${aggregatedResources} resources; each size adds generated CRDs (${perGroup} to a group) up to that many resources in all`);
  say(`probing as users do: \`statuslint probe --group …\` over the aggregated and generated groups (concurrency ${DEFAULT_PROBE_OPTIONS.concurrency}, dry runs only)\n`);

  interface Row {
    size: number;
    crds: number;
    cli: CliRun;
    overhead: Overhead;
    requests: number;
    statusesMatch: string;
  }
  const rows: Row[] = [];
  let crds = 0;
  for (const size of sizes) {
    say(`size ${size}: ${size - aggregatedResources} generated CRDs`);
    await addCrds(cluster, crds, size - aggregatedResources);
    crds = size - aggregatedResources;
    await settle(cluster);
    const groups = [...AGGREGATED_GROUPS, ...new Set(Array.from({ length: crds }, (_, i) => generated(i).group))];
    const cli = cliRun(cluster, groups);
    const { overhead, requests, statusesMatch } = await overheadAt(target, groups);
    rows.push({ size, crds, cli, overhead, requests, statusesMatch });
    const results = cli.results;
    const ok = results ? correctness(results) : undefined;
    say(`  CLI: ${seconds(cli.ms)}, exit ${cli.code}, peak RSS ${cli.peak === undefined ? 'n/a' : mib(cli.peak)}; ${results ? `${discovered(results)} resources discovered, ${probed(results)} probed, ${probeItems(results)} probe responses` : ''}`);
    if (ok) {
      say(`  findings ${ok.findings}; answers 429: ${ok.answers429}, judged as throttled: ${ok.throttled}; probes that judged the generated CRDs unlike one another: ${ok.unevenProbes.length}`);
      for (const uneven of ok.unevenProbes) say(`    ${uneven}`);
    }
    say(`  library vs bare loop (probe phase, ${requests} requests): ${overhead.ours.map((r) => ms(r.probesMs)).join(', ')} vs ${overhead.bare.map((b) => ms(b.ms)).join(', ')}; statuses as recorded: ${statusesMatch}`);
  }

  const base = rows[0]!;
  const perResource = (row: Row): number => row.cli.ms / row.size;
  say(`\n${'resources'.padStart(10)}${pad('CRDs', 6)}${pad('requests', 10)}${pad('CLI wall', 10)}${pad('per resource', 14)}${pad(`vs ${base.size}`, 8)}${pad('per added', 11)}${pad('peak RSS', 10)}${pad('discovery', 11)}${pad('samples', 9)}${pad('planning', 10)}${pad('probes', 9)}${pad('overhead', 10)}`);
  for (const [index, row] of rows.entries()) {
    const timing = row.cli.results?.timing;
    const previous = rows[index - 1];
    // Linear means each added resource costs the same: the slope between sizes, beside the average.
    const added = previous ? `${((row.cli.ms - previous.cli.ms) / (row.size - previous.size)).toFixed(0)} ms` : '';
    const ratio = median(row.overhead.ours.map((r, i) => r.probesMs / row.overhead.bare[i]!.ms)) - 1;
    say(
      `${pad(String(row.size), 10)}${pad(String(row.crds), 6)}${pad(String(row.requests), 10)}${pad(seconds(row.cli.ms), 10)}${pad(`${perResource(row).toFixed(0)} ms`, 14)}` +
        `${pad(`${(perResource(row) / perResource(base)).toFixed(2)}x`, 8)}${pad(added, 11)}${pad(row.cli.peak === undefined ? 'n/a' : mib(row.cli.peak), 10)}` +
        `${pad(timing ? ms(timing.discoveryMs) : 'n/a', 11)}${pad(timing ? ms(timing.samplesMs) : 'n/a', 9)}${pad(timing ? `${timing.planningMs.toFixed(1)} ms` : 'n/a', 10)}${pad(timing ? seconds(timing.probesMs) : 'n/a', 9)}` +
        `${pad(`${(ratio * 100).toFixed(1)} %`, 10)}`,
    );
  }
  const last = rows.at(-1)!;
  const lastRatio = median(last.overhead.ours.map((r, i) => r.probesMs / last.overhead.bare[i]!.ms)) - 1;
  const slopes = rows.slice(1).map((row, i) => `${rows[i]!.size}→${row.size}: ${((row.cli.ms - rows[i]!.cli.ms) / (row.size - rows[i]!.size)).toFixed(0)} ms`);
  if (slopes.length > 0) say(`\neach added resource cost (CLI wall time): ${slopes.join(', ')}`);
  say(`linear: time per resource at ${last.size} is ${(perResource(last) / perResource(base)).toFixed(2)}x that at ${base.size}; overhead at ${last.size}: ${(lastRatio * 100).toFixed(1)} %, goal ≤ ${GOAL * 100} %: ${lastRatio <= GOAL ? 'met' : 'NOT met'}`);
  say('(overhead: the library run\'s probe phase against the bare undici loop on the same requests, median of rounds; the machine is shared, so single rounds vary by ±10 %)');
} finally {
  const removed = await cluster.kubectl(['delete', 'crd', '-l', BENCH_LABEL, '--wait=false'], { timeoutMs: 120_000 }).catch((error: Error) => ({ code: 1, stderr: error.message }));
  if (removed.code !== 0) say(`deleting the generated CRDs: ${removed.stderr}`);
  await cluster.stop();
}
