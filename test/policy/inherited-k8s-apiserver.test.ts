// needs: cluster
/**
 * The inherited waiver set `k8s.io/apiserver` against the real servers it was derived from: kube-apiserver
 * v1.37.2 (with its custom resources and aggregator) and sample-apiserver v0.37.2, through the aggregator
 * and at its own address, the optional `timeout` probe included. Every entry must still match something
 * they produce (no stale waivers), and with the set waived kube-apiserver has nothing left: conformant.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyPolicy } from '../../conformance/policy/apply.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { resolveTarget, type Target } from '../../conformance/target.js';
import { isConformant } from '../../conformance/verdict.js';
import { builtinProfile } from '../../schemas/index.js';
import { inheritedSet } from '../../schemas/inherited.js';
import { fixturesManifest, type LocalCluster, repoRoot, startCluster } from '../../cluster/index.js';
import { runCli } from '../helpers/cli.js';

const SET = inheritedSet('k8s.io/apiserver');
const options = { ...DEFAULT_PROBE_OPTIONS, profile: builtinProfile('kubernetes'), filter: {}, probeIds: [] as string[], allowWrites: true };
const inherit = (results: Results): Results => applyPolicy(results, { today: '2026-06-01', inherit: SET });

let cluster: LocalCluster;
let target: Target;
/** Every run the set is derived from, by name. */
const runs = new Map<string, Results>();
const scratch = mkdtempSync(join(tmpdir(), 'statuslint-inherited-'));

before(async () => {
  cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'inherited-test') });
  const applied = await cluster.kubectl(['apply', '-f', fixturesManifest]);
  assert.equal(applied.code, 0, applied.stderr);
  target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  runs.set('kube-apiserver', await runProbes(target, options));
  runs.set('kube-apiserver, timeout', await runProbes(target, { ...options, probeIds: ['timeout'] }));
  const wardle = await cluster.startAggregated();
  const flunder = { apiVersion: 'wardle.example.com/v1alpha1', kind: 'Flunder', metadata: { name: 'f1', namespace: 'default' } };
  assert.equal((await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(flunder) })).code, 0);
  const wardleOptions = { ...options, filter: { groups: ['wardle.example.com'] }, direct: { server: wardle.url } };
  runs.set('sample-apiserver', await runProbes(target, wardleOptions));
  runs.set('sample-apiserver, timeout', await runProbes(target, { ...wardleOptions, probeIds: ['timeout'] }));
});

after(async () => {
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** What is left once the set is waived: `run: probe check subject`. */
const remaining = (name: string): string[] =>
  inherit(runs.get(name)!).items.flatMap((item) => findingsOfItem(item).map((f) => `${name}: ${item.probeId} ${f.checkId} ${f.pointer} ${item.resource ?? item.groupVersion ?? 'server'}${item.via === 'direct' ? ' (direct)' : ''}`));

describe(`the inherited set ${SET.name} ${SET.version}`, () => {
  it('was derived from these servers: every run answered every probe', () => {
    assert.equal(runs.get('kube-apiserver')!.target?.version, 'v1.37.2');
    for (const [name, results] of runs) assert.deepEqual(results.items.filter((i) => i.error).map((i) => `${name}: ${i.id}`), []);
  });

  it('has no stale waiver: each entry matches a finding of the real servers', () => {
    const matched = new Map(SET.waivers.map((w) => [w.name, 0]));
    for (const results of runs.values()) for (const waiver of inherit(results).policy!.waivers!) matched.set(waiver.name, matched.get(waiver.name)! + waiver.matched);
    assert.deepEqual([...matched].filter(([, count]) => count === 0).map(([name]) => name), []);
  });

  it('covers every finding of kube-apiserver and of sample-apiserver: with it waived, nothing is left', () => {
    assert.deepEqual([...runs.keys()].flatMap(remaining), []);
  });

  it('makes kube-apiserver conformant, where it is not without it', () => {
    const results = runs.get('kube-apiserver')!;
    assert.equal(isConformant(results), false);
    assert.equal(isConformant(inherit(results)), true);
  });

  it('statuslint probe with `inherit: k8s.io/apiserver` exits 0 and says what it set apart and why', async () => {
    const config = join(scratch, 'statuslint.config.yaml');
    writeFileSync(config, 'inherit: k8s.io/apiserver\nfailOn: should\n');
    const run = await runCli(['probe', '--config', config, '--kubeconfig', cluster.kubeconfigPath, '--group', 'example.statuslint.dev'], { cwd: scratch });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^ {2}inherited {2}MUST {4}status-code-expected {2}\d+ findings?: widgets\.example\.statuslint\.dev$/m);
    assert.match(run.stdout, /^ {10}k8s\.io\/apiserver v1\.37: k8s\.io\/apiextensions-apiserver serves a custom resource's collection/m);
    assert.match(run.stdout, /^\d+ findings inherited from k8s\.io\/apiserver v1\.37, reported apart$/m);
    assert.match(run.stdout, /✔ conformant/);
  });
});
