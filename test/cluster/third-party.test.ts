// needs: cluster
// Integration test: two real third-party aggregated API servers, metrics-server v0.8.0 and the
// custom-metrics-apiserver v1.37.0 test adapter (built by cluster/build-third-party.sh), registered
// with the real kube-apiserver's aggregator by cluster/ and stopped with it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  type CustomMetricsAdapter,
  defaultStateDir,
  isAlive,
  type LocalCluster,
  startCluster,
  type ThirdPartyServer,
} from '../../cluster/index.js';


interface ApiResourceList {
  kind: string;
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean }[];
}

// Own state dir, so this never touches a cluster started with `npm run cluster:up` or by another test.
const stateDir = path.join(defaultStateDir(), 'third-party-test');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
let cluster: LocalCluster | undefined;
let metricsServer: ThirdPartyServer | undefined;
let adapter: CustomMetricsAdapter | undefined;

before(async () => {
  cluster = await startCluster({ stateDir, log });
  metricsServer = await cluster.startMetricsServer();
  adapter = await cluster.startCustomMetricsAdapter();
  for (const server of [metricsServer, adapter]) {
    log(`${server.name}: spawn -> healthy ${server.timings.healthy} ms, -> Available ${server.timings.available} ms`);
  }
});

// Stops the third-party servers too: they belong to the cluster's process group.
after(async () => {
  await cluster?.stop();
});

function need<T>(value: T | undefined, what: string): T {
  assert.ok(value, `${what} did not start`);
  return value;
}

test('the handles name the servers, their own addresses, the CA and their APIServices', () => {
  const ms = need(metricsServer, 'metrics-server');
  const cma = need(adapter, 'custom-metrics-adapter');
  assert.equal(ms.name, 'metrics-server');
  assert.deepEqual(ms.apiServices, ['v1beta1.metrics.k8s.io']);
  assert.equal(cma.name, 'custom-metrics-adapter');
  assert.deepEqual(cma.apiServices, ['v1beta1.custom.metrics.k8s.io', 'v1beta2.custom.metrics.k8s.io', 'v1beta1.external.metrics.k8s.io']);
  for (const server of [ms, cma]) {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.caFile, need(cluster, 'cluster').caFile);
    assert.ok(fs.existsSync(server.logFile), server.logFile);
  }
  assert.match(cma.fakeMetricsUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('every APIService is Available', async () => {
  const c = need(cluster, 'cluster');
  for (const name of [...need(metricsServer, 'metrics-server').apiServices, ...need(adapter, 'adapter').apiServices]) {
    const condition = await c.apiServiceCondition(name);
    assert.equal(condition.status, 'True', `${name}: ${condition.reason} ${condition.message}`);
  }
});

test('pids.json records both servers, so cluster:down stops them', () => {
  const pids = JSON.parse(fs.readFileSync(path.join(stateDir, 'pids.json'), 'utf8')) as { processes: Record<string, { pid: number }> };
  assert.equal(pids.processes['metricsServer']?.pid, need(metricsServer, 'metrics-server').pid);
  assert.equal(pids.processes['customMetricsAdapter']?.pid, need(adapter, 'adapter').pid);
});

test('metrics.k8s.io/v1beta1 lists its resources through the aggregator, and its lists answer', async () => {
  const c = need(cluster, 'cluster');
  const res = await c.request('/apis/metrics.k8s.io/v1beta1');
  assert.equal(res.status, 200, res.body);
  const list = JSON.parse(res.body) as ApiResourceList;
  assert.equal(list.kind, 'APIResourceList');
  assert.equal(list.groupVersion, 'metrics.k8s.io/v1beta1');
  assert.deepEqual(list.resources.map((r) => `${r.name}:${r.kind}`).sort(), ['nodes:NodeMetrics', 'pods:PodMetrics']);
  // No kubelet runs, so there are no metrics, but the lists are real answers from metrics-server.
  const nodes = await c.request('/apis/metrics.k8s.io/v1beta1/nodes');
  assert.equal(nodes.status, 200, nodes.body);
  assert.equal((JSON.parse(nodes.body) as { kind: string }).kind, 'NodeMetricsList');
});

test('custom.metrics.k8s.io/v1beta2 and external.metrics.k8s.io/v1beta1 list resources through the aggregator', async () => {
  const c = need(cluster, 'cluster');
  for (const groupVersion of ['custom.metrics.k8s.io/v1beta2', 'custom.metrics.k8s.io/v1beta1', 'external.metrics.k8s.io/v1beta1']) {
    const res = await c.request(`/apis/${groupVersion}`);
    assert.equal(res.status, 200, `${groupVersion}: ${res.body}`);
    const list = JSON.parse(res.body) as ApiResourceList;
    assert.equal(list.kind, 'APIResourceList');
    assert.equal(list.groupVersion, groupVersion);
    assert.ok(list.resources.length > 0, `${groupVersion} lists no resources`);
  }
});

test('a fake metric written to the adapter is read back through the aggregator', async () => {
  const c = need(cluster, 'cluster');
  const cma = need(adapter, 'adapter');
  const written = await fetch(`${cma.fakeMetricsUrl}/write-metrics/namespaces/default/services/kubernetes/test-metric`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify('300m'),
  });
  assert.equal(written.status, 200, await written.text());
  const res = await c.request('/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/services/kubernetes/test-metric');
  assert.equal(res.status, 200, res.body);
  const list = JSON.parse(res.body) as { kind: string; items: { value: string; metric: { name: string } }[] };
  assert.equal(list.kind, 'MetricValueList');
  assert.deepEqual(list.items.map((item) => [item.metric.name, item.value]), [['test-metric', '300m']]);
});

test('each server answers at its own address, with a certificate from the cluster CA', async () => {
  for (const [server, healthPath] of [[need(metricsServer, 'metrics-server'), '/livez'], [need(adapter, 'adapter'), '/readyz']] as const) {
    const res = await server.request(healthPath, { as: 'anonymous' });
    assert.equal(res.status, 200, `${server.name} ${healthPath}: ${res.body}`);
  }
});

test('after metrics-server is killed, its APIService turns Available=False (FailedDiscoveryCheck) within seconds', async () => {
  const c = need(cluster, 'cluster');
  const ms = need(metricsServer, 'metrics-server');
  await ms.kill();
  assert.equal(isAlive(ms.pid), false, `metrics-server pid ${ms.pid} still alive`);
  const killedAt = Date.now();
  const [condition] = await ms.waitUntilUnavailable({ timeoutMs: 30_000 });
  const took = Date.now() - killedAt;
  log(`metrics-server killed -> v1beta1.metrics.k8s.io Available=False in ${took} ms`);
  assert.equal(condition?.apiService, 'v1beta1.metrics.k8s.io');
  assert.equal(condition?.status, 'False');
  assert.equal(condition?.reason, 'FailedDiscoveryCheck');
  assert.match(condition?.message ?? '', /connection refused/);
  // Without the touch the aggregator notices at its next periodic check, 20-25 s later.
  assert.ok(took < 10_000, `took ${took} ms`);
  // The same through LocalCluster, by name, and the adapter's APIServices are unaffected.
  assert.equal((await c.waitForApiServiceUnavailable('v1beta1.metrics.k8s.io', { timeoutMs: 1_000 })).status, 'False');
  assert.equal((await c.apiServiceCondition('v1beta2.custom.metrics.k8s.io')).status, 'True');
  const pids = JSON.parse(fs.readFileSync(path.join(stateDir, 'pids.json'), 'utf8')) as { processes: Record<string, unknown> };
  assert.equal(pids.processes['metricsServer'], undefined, 'a killed server is no longer recorded');
});

test('stop() ends the adapter; cluster.stop() ends the rest', async () => {
  const c = need(cluster, 'cluster');
  const cma = need(adapter, 'adapter');
  await cma.stop();
  assert.equal(isAlive(cma.pid), false, `adapter pid ${cma.pid} still alive`);
  const { etcd, apiserver } = c.pids;
  await c.stop();
  assert.equal(isAlive(apiserver), false);
  assert.equal(isAlive(etcd), false);
  assert.equal(fs.existsSync(path.join(stateDir, 'pids.json')), false);
});
