// needs: cluster
/**
 * statuslint probe on two aggregated API servers nobody here wrote: metrics-server v0.8.0 and the
 * custom-metrics-apiserver v1.37.0 test adapter, built from the Go module proxy and registered with
 * the real kube-apiserver by cluster/. Every response is asserted finding by finding: the real
 * defects are found, what the conventions allow is not a finding, a server that is down and a group
 * with nothing to probe get the verdicts a CI job acts on.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CustomMetricsAdapter, defaultStateDir, type LocalCluster, startCluster, type ThirdPartyServer } from '../../cluster/index.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, type ProbeRunOptions, runProbes } from '../../conformance/runner.js';
import { resolveTarget, type Target } from '../../conformance/target.js';
import { runVerdict } from '../../conformance/verdict.js';
import { builtinProfile } from '../../schemas/index.js';
import { runCli } from '../helpers/cli.js';

type Outcome = [number | undefined, string[]];

/** Each probe's status and its findings as `check LEVEL pointer`, by result id. */
function outcomes(results: Results): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const item of results.items.filter((i) => i.probeId !== undefined)) {
    out[item.id] = [item.response?.status, [...new Set(findingsOfItem(item).map((f) => `${f.checkId} ${f.level} ${f.pointer}`))].sort()];
  }
  return out;
}

const OK: string[] = [];
/** metrics-server names the resource in the singular for nodes, and leaves out the group (apimachinery would write `nodes.metrics.k8s.io "x" not found`). */
const NODE_NOT_FOUND = ['details-match-request SHOULD /details/group', 'details-match-request SHOULD /details/kind', 'details-match-request SHOULD /message'];
const POD_NOT_FOUND = ['details-match-request SHOULD /details/group', 'details-match-request SHOULD /message'];
/** k8s.io/apiserver sends no `Allow` with its 405s. */
const NO_ALLOW = ['allow-header SHOULD header:Allow'];
/** kube-apiserver's plain-text 404 for a group nobody serves. */
const PLAIN_404 = ['content-type-json SHOULD header:Content-Type'];
/** An aggregated server's own 404 for unknown paths: `{"paths":[…]}`, not a Status. */
const PATHS_404 = ['message-present SHOULD /message', 'reason-expected MUST /reason', 'schema MUST /apiVersion', 'schema MUST /kind', 'status-matches-http-class MUST /status'];

/** The resource probes, the same through the aggregator and at the server itself. */
function metricsServerResources(prefix: string): Record<string, Outcome> {
  const row = (probe: string, status: number, findings: string[], resources = ['nodes', 'pods']): Array<[string, Outcome]> =>
    resources.map((resource) => [`${prefix}${probe}:${resource}.metrics.k8s.io`, [status, findings]]);
  return Object.fromEntries([
    [`${prefix}get-missing:nodes.metrics.k8s.io`, [404, NODE_NOT_FOUND]],
    [`${prefix}get-missing:pods.metrics.k8s.io`, [404, POD_NOT_FOUND]],
    ...row('get-not-acceptable', 406, OK),
    ...row('method-not-allowed', 405, NO_ALLOW),
    ...row('create-not-served', 405, OK),
    ...row('list-bad-label-selector', 400, OK),
    ...row('list-bad-field-selector', 400, OK),
    ...row('unauthenticated', 401, OK, ['nodes']),
    ...row('forbidden', 403, OK),
    ...row('watch-not-served', 405, OK),
    ...row('post-to-object', 405, NO_ALLOW, ['nodes']),
    ...row('put-to-collection', 405, NO_ALLOW, ['nodes']),
    ...row('delete-not-served', 405, OK),
    ...row('get-unsupported-table-version', 406, OK, ['nodes']),
    ...row('get-protobuf-fallback', 200, OK, ['nodes']),
    ...row('list-malformed-field-selector', 400, OK, ['nodes']),
    ...row('list-bad-resource-version-match', 422, OK, ['nodes']),
    [`${prefix}group-version-discovery:metrics.k8s.io/v1beta1`, [200, OK]],
    [`${prefix}unknown-resource:metrics.k8s.io/v1beta1`, [404, OK]],
  ]);
}

/** The adapter routes a POST or a DELETE to an object of external metrics nowhere: a 404 without a reason, where 405 belongs. */
const NO_REASON_404 = ['reason-expected MUST /reason', 'status-code-expected MUST '];
const EXTERNAL_NOT_FOUND = ['details-match-request SHOULD /details/group', 'details-match-request SHOULD /details/kind', 'details-match-request SHOULD /details/name', 'details-match-request SHOULD /message'];

let cluster: LocalCluster;
let metricsServer: ThirdPartyServer;
let adapter: CustomMetricsAdapter;
let target: Target;
let metrics: Results;
let custom: Results;

const options = (groups: string[], extra: Partial<ProbeRunOptions> = {}): ProbeRunOptions => ({
  ...DEFAULT_PROBE_OPTIONS,
  profile: builtinProfile('kubernetes'),
  filter: { groups },
  probeIds: [],
  allowWrites: false,
  ...extra,
});

before(async () => {
  cluster = await startCluster({ stateDir: join(defaultStateDir(), 'third-party-probe-test') });
  metricsServer = await cluster.startMetricsServer();
  adapter = await cluster.startCustomMetricsAdapter();
  target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  metrics = await runProbes(target, options(['metrics.k8s.io'], { direct: { server: metricsServer.url } }));
  custom = await runProbes(target, options(['custom.metrics.k8s.io', 'external.metrics.k8s.io'], { direct: { server: adapter.url } }));
});

after(async () => {
  await cluster?.stop();
});

describe('metrics-server v0.8.0, through the aggregator and directly', () => {
  it('answers every probe as asserted, finding by finding', () => {
    assert.deepEqual(outcomes(metrics), {
      ...metricsServerResources(''),
      'unknown-group:target': [404, PLAIN_404],
      'apiservice-available:apiservice/v1beta1.metrics.k8s.io': [200, OK],
      ...metricsServerResources('direct:'),
      'direct:unknown-group:target': [404, PATHS_404],
    });
  });

  it('has no MUST finding through the aggregator: its defects are SHOULDs, and the run is conformant without --direct', async () => {
    const through = metrics.items.filter((i) => i.via !== 'direct');
    assert.deepEqual(through.flatMap((i) => findingsOfItem(i)).filter((f) => f.level === 'MUST'), []);
    assert.equal(runVerdict(await runProbes(target, options(['metrics.k8s.io']))), 'conformant');
  });

  it('has generated protobuf types (k8s.io/metrics): a protobuf-only list is served, so not judged', () => {
    const notJudged = (metrics.notRun ?? []).filter((n) => n.probeId === 'get-protobuf-not-served');
    assert.deepEqual(notJudged.map((n) => [n.resource, n.via ?? 'aggregator', n.reason]), [
      ['nodes.metrics.k8s.io', 'aggregator', 'not judged: the resource serves protobuf (it answered `200` in `application/vnd.kubernetes.protobuf`)'],
      ['nodes.metrics.k8s.io', 'direct', 'not judged: the resource serves protobuf (it answered `200` in `application/vnd.kubernetes.protobuf`)'],
    ]);
    const fallback = metrics.items.find((i) => i.id === 'get-protobuf-fallback:nodes.metrics.k8s.io');
    assert.equal(fallback?.response?.headers['content-type'], 'application/vnd.kubernetes.protobuf');
  });

  it('serves no resourceVersion: a list at a future version is not asked for, and the report says why', () => {
    const notRun = (metrics.notRun ?? []).filter((n) => n.probeId === 'list-resource-version-too-large');
    assert.equal(notRun.length, 4);
    for (const entry of notRun) assert.equal(entry.reason, 'its lists carry no `metadata.resourceVersion`: there is no version to wait for');
  });

  it('ignores limit and continue, which ListOptions allows: list-bad-continue is listed as not judged, not failed', () => {
    const notJudged = (metrics.notRun ?? []).filter((n) => n.probeId === 'list-bad-continue');
    assert.deepEqual(notJudged.map((n) => [n.resource, n.via ?? 'aggregator']), [
      ['nodes.metrics.k8s.io', 'aggregator'],
      ['pods.metrics.k8s.io', 'aggregator'],
      ['nodes.metrics.k8s.io', 'direct'],
      ['pods.metrics.k8s.io', 'direct'],
    ]);
    for (const entry of notJudged) assert.match(entry.reason, /^not judged: the server answered 200 and showed no pagination/);
  });

  it('says, per resource, which probes did not run and why', () => {
    const reasons = new Set((metrics.notRun ?? []).filter((n) => n.resource === 'nodes.metrics.k8s.io' && n.via === undefined).map((n) => `${n.probeId}: ${n.reason}`));
    for (const expected of ['create-existing: the resource does not support create', 'patch-unsupported-patch-type: the resource does not support patch', 'watch-too-old-resourceversion: the resource does not support watch']) {
      assert.ok(reasons.has(expected), expected);
    }
  });

  it('the CLI labels and counts the direct pass apart, and lists the probes not run', async () => {
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'metrics.k8s.io', '--direct', metricsServer.url, '--ca', cluster.caFile]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^get-missing +2 +0 +2 +0$/m);
    assert.match(run.stdout, /^get-missing \(direct\) +2 +0 +2 +0$/m);
    assert.match(run.stdout, /Read an object that does not exist \(nodes\.metrics\.k8s\.io\), at the server directly/);
    assert.match(run.stdout, /not run: \d+ probes \(.*create-existing.*\): the resource does not support create/);
    assert.match(run.stdout, /✖ not conformant/);
  });
});

describe('the custom-metrics-apiserver v1.37.0 test adapter', () => {
  it('answers every probe as asserted: a reason-less 500 for a resource it does not serve', () => {
    assert.deepEqual(outcomes(custom), {
      'group-version-discovery:custom.metrics.k8s.io/v1beta2': [200, OK],
      'group-version-discovery:external.metrics.k8s.io/v1beta1': [200, OK],
      'get-missing:externalmetrics.external.metrics.k8s.io': [404, EXTERNAL_NOT_FOUND],
      'forbidden:externalmetrics.external.metrics.k8s.io': [403, OK],
      'post-to-object:externalmetrics.external.metrics.k8s.io': [404, NO_REASON_404],
      'delete-not-served:externalmetrics.external.metrics.k8s.io': [404, NO_REASON_404],
      'unknown-group:target': [404, PLAIN_404],
      'unknown-resource:custom.metrics.k8s.io/v1beta2': [500, ['reason-expected MUST /reason', 'status-code-expected MUST ']],
      'unknown-resource:external.metrics.k8s.io/v1beta1': [404, OK],
      'apiservice-available:apiservice/v1beta1.custom.metrics.k8s.io': [200, OK],
      'apiservice-available:apiservice/v1beta2.custom.metrics.k8s.io': [200, OK],
      'apiservice-available:apiservice/v1beta1.external.metrics.k8s.io': [200, OK],
      'direct:group-version-discovery:external.metrics.k8s.io/v1beta1': [200, OK],
      'direct:get-missing:externalmetrics.external.metrics.k8s.io': [404, EXTERNAL_NOT_FOUND],
      'direct:forbidden:externalmetrics.external.metrics.k8s.io': [403, OK],
      'direct:post-to-object:externalmetrics.external.metrics.k8s.io': [404, NO_REASON_404],
      'direct:delete-not-served:externalmetrics.external.metrics.k8s.io': [404, NO_REASON_404],
      'direct:unknown-group:target': [404, PATHS_404],
      'direct:unknown-resource:external.metrics.k8s.io/v1beta1': [404, OK],
    });
    const fiveHundred = custom.items.find((i) => i.id === 'unknown-resource:custom.metrics.k8s.io/v1beta2')!;
    assert.match(fiveHundred.response!.body!, /"message":"no matches for \/, Resource=statuslintunknownthings","code":500/);
  });

  it('a group with nothing to probe is "nothing checked" (exit 5), in every format, not "conformant"', async () => {
    // custom.metrics.k8s.io lists one placeholder resource, `/custommetrics`: no probe can address it.
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'custom.metrics.k8s.io', '--probe', 'get-missing', '--format', 'stylish', '--format', 'json', '-o', join(cluster.stateDir, 'nothing.json')]);
    assert.equal(run.code, 5, run.stdout + run.stderr);
    assert.match(run.stdout, /∅ nothing checked: no probe ran: discovery found nothing to probe/);
    assert.doesNotMatch(run.stdout, /✔ conformant/);
    const markdown = await runCli(['report', join(cluster.stateDir, 'nothing.json'), '--format', 'markdown']);
    assert.equal(markdown.code, 5);
    assert.match(markdown.stdout, /^## ⚠️ Nothing checked: statuslint probe$/m);
  });
});

describe('metrics-server killed', () => {
  let down: Results;
  before(async () => {
    await metricsServer.kill();
    await metricsServer.waitUntilUnavailable({ timeoutMs: 60_000 });
    down = await runProbes(target, options(['metrics.k8s.io']));
  });

  it('is not conformant: discovery of its group fails and its APIService is not Available, each a MUST', () => {
    assert.equal(runVerdict(down), 'not-conformant');
    const outcome = outcomes(down);
    assert.deepEqual(outcome['group-version-discovery:metrics.k8s.io/v1beta1'], [503, ['content-type-json SHOULD header:Content-Type', 'retry-guidance SHOULD header:Retry-After', 'status-code-expected MUST ']]);
    assert.deepEqual(outcome['apiservice-available:apiservice/v1beta1.metrics.k8s.io'], [200, ['condition-expected MUST /status/conditions']]);
  });

  it('the CLI says so and exits 1, where it used to print "✔ conformant"', async () => {
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'metrics.k8s.io']);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /✖ not conformant/);
    assert.match(run.stdout, /FailedDiscoveryCheck/);
  });
});
