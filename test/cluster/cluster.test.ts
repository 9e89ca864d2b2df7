// needs: cluster
// Integration test: a real etcd + kube-apiserver on 127.0.0.1, started and stopped by cluster/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CRD_NAME, KUBE_VERSION, defaultStateDir, isAlive, startCluster, type LocalCluster } from '../../cluster/index.js';


// Own state dir so the test never touches a cluster started with `npm run cluster:up`;
// kept afterwards for its logs and reused certificates.
const stateDir = path.join(defaultStateDir(), 'test');
let cluster: LocalCluster | undefined;
const started = Date.now();

before(async () => {
  cluster = await startCluster({ stateDir, log: (line) => process.stderr.write(`${line}\n`) });
  const t = cluster.timings;
  process.stderr.write(
    `start-up: spawn -> /readyz ${t.apiserverReady - t.etcdSpawned} ms, ` +
      `spawn -> CRD established ${t.crdEstablished - t.etcdSpawned} ms, ` +
      `spawn -> warmed up ${t.warmedUp - t.etcdSpawned} ms, startCluster() total ${t.warmedUp} ms\n`,
  );
});

after(async () => {
  await cluster?.stop();
  process.stderr.write(`cluster test total ${Date.now() - started} ms\n`);
});

function need(): LocalCluster {
  assert.ok(cluster, 'cluster did not start');
  return cluster;
}

test('/version reports the pinned Kubernetes version', async () => {
  const res = await need().request('/version');
  assert.equal(res.status, 200);
  assert.equal((JSON.parse(res.body) as { gitVersion: string }).gitVersion, KUBE_VERSION);
});

test('kubeconfig is written with both contexts', () => {
  const c = need();
  const text = fs.readFileSync(c.kubeconfigPath, 'utf8');
  assert.match(text, /current-context: statuslint-admin/);
  assert.match(text, /name: statuslint-unprivileged/);
  assert.ok(text.includes(`server: ${c.server}`));
  assert.match(c.server, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test('admin context can read the default namespace', async () => {
  const c = need();
  const r = await c.kubectl(['get', 'ns', 'default', '-o', 'name'], { context: c.adminContext });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'namespace/default');
});

test('unprivileged context is forbidden from listing pods', async () => {
  const c = need();
  const r = await c.kubectl(['get', 'pods'], { context: c.unprivilegedContext });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /forbidden/i);
  const res = await c.request('/api/v1/namespaces/default/pods', { as: 'unprivileged' });
  assert.equal(res.status, 403);
  const status = JSON.parse(res.body) as { kind: string; reason: string; code: number };
  assert.equal(status.kind, 'Status');
  assert.equal(status.reason, 'Forbidden');
  assert.equal(status.code, 403);
});

test('a request without a client certificate is unauthorized', async () => {
  const res = await need().request('/api/v1/namespaces', { as: 'anonymous' });
  assert.equal(res.status, 401);
  assert.equal((JSON.parse(res.body) as { reason: string }).reason, 'Unauthorized');
});

test('the Widget CRD is established and served', async () => {
  const c = need();
  const r = await c.kubectl(['get', 'crd', CRD_NAME, '-o',
    'jsonpath={.status.conditions[?(@.type=="Established")].status}']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'True');
  const res = await c.request('/apis/example.statuslint.dev/v1/namespaces/default/widgets');
  assert.equal(res.status, 200, res.body);
  const invalid = await c.request('/apis/example.statuslint.dev/v1/namespaces/default/widgets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'example.statuslint.dev/v1',
      kind: 'Widget',
      metadata: { name: 'bad' },
      spec: { size: 0, color: 'purple' },
    }),
  });
  assert.equal(invalid.status, 422, invalid.body);
});

test('stop() ends etcd and kube-apiserver and is idempotent', async () => {
  const c = need();
  const { etcd, apiserver } = c.pids;
  assert.ok(isAlive(etcd) && isAlive(apiserver), 'processes should be running before stop');
  await c.stop();
  await c.stop();
  assert.equal(isAlive(apiserver), false, `kube-apiserver pid ${apiserver} still alive`);
  assert.equal(isAlive(etcd), false, `etcd pid ${etcd} still alive`);
  assert.equal(fs.existsSync(path.join(c.stateDir, 'pids.json')), false);
  assert.equal(fs.existsSync(path.join(c.stateDir, 'etcd-data')), false);
  assert.ok(fs.existsSync(path.join(c.stateDir, 'kube-apiserver.log')), 'logs are kept');
});
