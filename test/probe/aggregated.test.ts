// needs: cluster
/**
 * A REAL aggregated API server (k8s.io/sample-apiserver v0.37.2) registered with the real
 * kube-apiserver's aggregator on loopback, probed through the aggregator and at its own address.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FleetReport } from '../../conformance/fleet.js';
import { findingsOfItem, type ResultItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { compareDirect } from '../../conformance/summary.js';
import { runVerdict } from '../../conformance/verdict.js';
import { resolveTarget, type Target } from '../../conformance/target.js';
import { builtinProfile } from '../../schemas/index.js';
import { type AggregatedServer, type LocalCluster, repoRoot, startCluster } from '../../cluster/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { APISERVER_GROUP_VERSION_OUTCOMES, APISERVER_OUTCOMES, outcomeOf } from '../helpers/outcomes.js';

let cluster: LocalCluster;
let wardle: AggregatedServer;
let target: Target;
let results: Results;

const options = {
  ...DEFAULT_PROBE_OPTIONS,
  profile: builtinProfile('kubernetes'),
  filter: { groups: ['wardle.example.com'] },
  probeIds: [],
  allowWrites: false,
};


before(async () => {
  cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'aggregated-test') });
  wardle = await cluster.startAggregated();
  const flunder = { apiVersion: 'wardle.example.com/v1alpha1', kind: 'Flunder', metadata: { name: 'f1', namespace: 'default' } };
  const applied = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(flunder) });
  assert.equal(applied.code, 0, applied.stderr);
  target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  results = await runProbes(target, { ...options, direct: { server: wardle.url } });
});

after(async () => {
  await cluster?.stop();
});

describe('probing the wardle group through the aggregator and directly', () => {
  it('knows which group-version an aggregated server serves, and only that group is probed', () => {
    assert.deepEqual(results.discovery?.groupVersions, [{ groupVersion: 'wardle.example.com/v1alpha1', aggregated: true, service: 'wardle/api', resources: 2, resourceNames: ['fischers', 'flunders'] }]);
    const resources = new Set(results.items.filter((i) => i.resource).map((i) => i.resource));
    assert.deepEqual([...resources].sort(), ['fischers.wardle.example.com', 'flunders.wardle.example.com']);
    assert.ok(results.items.filter((i) => i.resource).every((i) => i.aggregated === true && (i.via === 'aggregator' || i.via === 'direct')));
    assert.equal(results.direct?.server, wardle.url);
  });

  it('the APIService is Available', () => {
    const available = results.items.find((i) => i.probeId === 'apiservice-available');
    assert.deepEqual(outcomeOf(available), [200, []]);
  });

  it('through the aggregator: every error as the conventions say, but no Allow on 405', () => {
    const via = (probeId: string): ResultItem | undefined => results.items.find((i) => i.via === 'aggregator' && i.probeId === probeId && i.resource === 'flunders.wardle.example.com');
    for (const [probeId, want] of Object.entries(APISERVER_OUTCOMES)) assert.deepEqual(outcomeOf(via(probeId)), want, probeId);
  });

  it('server-side apply, delete options, methods and media types: as kube-apiserver answers them, through the aggregator and directly', () => {
    for (const via of ['aggregator', 'direct']) {
      for (const [probeId, want] of Object.entries(APISERVER_GROUP_VERSION_OUTCOMES)) {
        assert.deepEqual(outcomeOf(results.items.find((i) => i.via === via && i.probeId === probeId)), want, `${probeId} via ${via}`);
      }
    }
    // The flunder kubectl applied: its last-applied annotation belongs to kubectl-client-side-apply.
    const conflict = results.items.find((i) => i.via === 'aggregator' && i.probeId === 'apply-conflict')!;
    assert.equal(conflict.resource, 'flunders.wardle.example.com');
    assert.match(conflict.response!.body!, /"reason":"FieldManagerConflict".*"field":"\.metadata\.annotations\.kubectl\.kubernetes\.io\/last-applied-configuration"/);
  });

  it('sample-apiserver has generated protobuf types: a protobuf-only list is served, through the aggregator and directly', () => {
    assert.deepEqual(results.items.filter((i) => i.probeId === 'get-protobuf-not-served'), []);
    const notJudged = (results.notRun ?? []).filter((n) => n.probeId === 'get-protobuf-not-served').map((n) => [n.via ?? 'aggregator', n.reason]);
    const reason = 'not judged: the resource serves protobuf (it answered `200` in `application/vnd.kubernetes.protobuf`)';
    assert.deepEqual(notJudged, [['aggregator', reason], ['direct', reason]]);
    for (const via of ['aggregator', 'direct']) {
      const fallback = results.items.find((i) => i.via === via && i.probeId === 'get-protobuf-fallback');
      assert.equal(fallback?.response?.headers['content-type'], 'application/vnd.kubernetes.protobuf', via);
    }
  });

  it('directly: the same answers, including 401 for an invalid token', () => {
    const rows = compareDirect(results);
    assert.ok(rows.length >= 12, `${rows.length} comparable probes`);
    const differing = rows.filter((r) => JSON.stringify(r.aggregator) !== JSON.stringify(r.direct)).map((r) => [r.probeId, r.aggregator?.status, r.direct?.status]);
    assert.deepEqual(differing, []);
    const direct = results.items.find((i) => i.via === 'direct' && i.probeId === 'unauthenticated')!;
    assert.deepEqual(outcomeOf(direct), [401, []]);
  });

  it('directly: unknown paths too, which the aggregator never lets reach the server', () => {
    const unknownGroup = results.items.find((i) => i.via === 'direct' && i.probeId === 'unknown-group');
    assert.equal(unknownGroup?.response?.status, 404);
    assert.equal(results.notRun?.some((n) => n.probeId === 'apiservice-available' && n.via === 'direct' && /no aggregator in between/.test(n.reason)), true);
  });

  it('the CLI shows the comparison in its report', async () => {
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'wardle.example.com', '--direct', wardle.url]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /aggregated vs direct \(https:\/\/127\.0\.0\.1:\d+\)/);
    assert.match(run.stdout, /unauthenticated fischers\.wardle\.example\.com +401 ok +401 ok/);
    assert.match(run.stdout, /^unauthenticated \(direct\) +1 +0 +0 +0$/m);
    assert.match(run.stdout, /aggregated API servers: wardle\.example\.com\/v1alpha1 \(wardle\/api\)/);
  });

  it('a fleet report of live runs: kube-apiserver, sample-apiserver and the saved broken-server run', async () => {
    // The saved fleet fixtures (test/fixtures/results/generate-fleet.ts) come from these servers; this
    // makes the runs afresh and merges them as a CI matrix would.
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-fleet-live-'));
    const [kube, sample, fleetFile] = ['kube-apiserver.json', 'sample-apiserver.json', 'fleet.json'].map((name) => join(folder, name));
    const kubeRun = await runCli(['probe', '--no-config', '--kubeconfig', cluster.kubeconfigPath, '--group', 'apps', '--format', 'json', '-o', kube!]);
    assert.equal(kubeRun.code, 0, kubeRun.stderr);
    const sampleRun = await runCli(['probe', '--no-config', '--kubeconfig', cluster.kubeconfigPath, '--group', 'wardle.example.com', '--direct', wardle.url, '--format', 'json', '-o', sample!]);
    assert.equal(sampleRun.code, 1, sampleRun.stderr);
    const run = await runCli(['report', kube!, sample!, fixture('results', 'broken-server.json'), '--format', 'json', '-o', fleetFile!]);
    assert.equal(run.code, 1, run.stderr);
    const fleet = JSON.parse(readFileSync(fleetFile!, 'utf8')) as FleetReport;
    assert.deepEqual(fleet.runs.map((r) => [r.name, r.verdict, r.version, r.direct?.version]), [
      ['kube-apiserver', 'conformant', 'v1.37.2', undefined],
      ['sample-apiserver', 'not-conformant', 'v1.37.2', 'v1.37.2'],
      ['broken-server', 'not-conformant', 'v1.33.0', undefined],
    ]);
    const allow = fleet.shared.find((p) => p.checkId === 'allow-header' && p.probeId === 'method-not-allowed');
    assert.deepEqual(allow?.runs.map((r) => [r.state, r.subjects.length > 0]), [['found', true], ['found', true], ['found', true]]);
    const direct = fleet.differing.find((p) => p.checkId === 'status-matches-http-class' && p.probeId === 'unknown-group');
    assert.deepEqual(direct?.runs.map((r) => r.state), ['not-checked', 'found', 'not-checked']);
  });
});

describe('with the aggregated server stopped', () => {
  let down: Results;
  before(async () => {
    await wardle.stop();
    down = await runProbes(target, options);
  });

  it('the aggregator answers its group with a plain-text 503: discovery of the group fails, a MUST', () => {
    assert.deepEqual(down.discovery?.groupVersions, [{ groupVersion: 'wardle.example.com/v1alpha1', aggregated: true, service: 'wardle/api', resources: 0, resourceNames: [], error: 'HTTP 503' }]);
    const discovery = down.items.find((i) => i.probeId === 'group-version-discovery')!;
    assert.equal(discovery.location, 'GET /apis/wardle.example.com/v1alpha1');
    assert.equal(discovery.response?.status, 503);
    assert.match(discovery.response?.body ?? '', /^error trying to reach service: dial tcp 127\.0\.0\.1:\d+: connect: connection refused/);
    assert.equal(discovery.response?.headers['content-type'], 'text/plain; charset=utf-8');
    assert.deepEqual(findingsOfItem(discovery).map((f) => [f.checkId, f.level]), [
      ['status-code-expected', 'MUST'],
      ['content-type-json', 'SHOULD'],
      ['retry-guidance', 'SHOULD'],
    ]);
  });

  it('the APIService is still probed, whatever discovery returned', () => {
    const apiService = down.items.find((i) => i.probeId === 'apiservice-available');
    assert.equal(apiService?.response?.status, 200);
  });

  it('is not conformant, and the CLI says so and exits 1', async () => {
    assert.equal(runVerdict(down), 'not-conformant');
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'wardle.example.com']);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /✖ not conformant/);
  });
});
