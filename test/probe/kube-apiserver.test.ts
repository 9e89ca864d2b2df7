// needs: cluster
/**
 * The conformance runner against a REAL kube-apiserver v1.37.2 with etcd (and the namespace
 * controller), built and started by cluster/. Outcomes are asserted probe by probe; where the
 * real server departs from the conventions, the finding it earns is asserted, not hidden.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROBES } from '../../conformance/probes/index.js';
import { findingsOfItem, type ResultItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { resolveTarget } from '../../conformance/target.js';
import { isConformant } from '../../conformance/verdict.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixturesManifest, type LocalCluster, repoRoot, startCluster } from '../../cluster/index.js';
import { spawn } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';
import { APISERVER_GROUP_VERSION_OUTCOMES, APISERVER_OUTCOMES, type Outcome, outcomeOf } from '../helpers/outcomes.js';

let cluster: LocalCluster;
let results: Results;

const RESOURCE_PROBES = new Set(PROBES.filter((p) => p.scope === 'resource').map((p) => p.id));

/** Status and failing checks, per resource-scope probe, for one resource. */
function outcomes(resource: string): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const item of results.items.filter((i) => i.resource === resource && RESOURCE_PROBES.has(i.probeId!))) out[item.probeId!] = outcomeOf(item);
  return out;
}

const byProbe = (probeId: string): ResultItem[] => results.items.filter((i) => i.probeId === probeId);

before(async () => {
  cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'probe-test') });
  const applied = await cluster.kubectl(['apply', '-f', fixturesManifest]);
  assert.equal(applied.code, 0, applied.stderr);
  const target = await resolveTarget({ kubeconfig: cluster.kubeconfigPath, context: cluster.adminContext });
  results = await runProbes(target, {
    ...DEFAULT_PROBE_OPTIONS,
    profile: builtinProfile('kubernetes'),
    filter: {},
    probeIds: [],
    allowWrites: true,
  });
});

after(async () => {
  await cluster?.stop();
});

describe('probe against a real kube-apiserver', () => {
  it('discovers core, named groups and the CRD, and reports the server version', () => {
    assert.equal(results.target?.version, 'v1.37.2');
    const groupVersions = results.discovery!.groupVersions.map((g) => g.groupVersion);
    for (const gv of ['v1', 'apps/v1', 'example.statuslint.dev/v1']) assert.ok(groupVersions.includes(gv), gv);
    assert.deepEqual(results.discovery!.problems, []);
    assert.ok(results.items.length > 500, `${results.items.length} responses`);
  });

  it('got a response to every probe', () => {
    assert.deepEqual(results.items.filter((i) => i.error).map((i) => `${i.id}: ${i.error}`), []);
  });

  it('timed every exchange', () => {
    assert.deepEqual(results.items.filter((i) => !(typeof i.durationMs === 'number' && i.durationMs > 0)).map((i) => i.id), []);
  });

  it('core configmaps: every error as the conventions say, except the missing Allow header', () => {
    assert.deepEqual(outcomes('configmaps'), APISERVER_OUTCOMES);
  });

  it('apps deployments: the same', () => {
    assert.deepEqual(outcomes('deployments.apps'), APISERVER_OUTCOMES);
  });

  it('the Widget CRD (custom resource handler): 400 BadRequest where 405 belongs, a real ERROR event on watch', () => {
    assert.deepEqual(outcomes('widgets.example.statuslint.dev'), {
      ...APISERVER_OUTCOMES,
      // PATCH on a custom resource collection is read as a patch with no name.
      'method-not-allowed': [400, ['reason-expected', 'status-code-expected']],
    });
    const watch = results.items.find((i) => i.id === 'watch-too-old-resourceversion:widgets.example.statuslint.dev');
    assert.match(watch?.response?.body ?? '', /^\{"type":"ERROR","object":\{"kind":"Status".*"reason":"Expired".*"code":410/);
  });

  it('per group-version probes: 401 without credentials, 413 over 3 MiB, 422 for dryRun=Bogus', () => {
    for (const gv of ['v1', 'apps/v1', 'example.statuslint.dev/v1']) {
      const unauthenticated = byProbe('unauthenticated').find((i) => i.groupVersion === gv);
      assert.equal(unauthenticated?.response?.status, 401, gv);
      assert.deepEqual(findingsOfItem(unauthenticated!), []);
      const tooLarge = byProbe('body-too-large').find((i) => i.groupVersion === gv);
      assert.equal(tooLarge?.response?.status, 413, gv);
      assert.deepEqual(findingsOfItem(tooLarge!), []);
    }
    const dryRun = byProbe('invalid-dryrun-value');
    assert.ok(dryRun.length >= 2);
    for (const item of dryRun) {
      assert.equal(item.response?.status, 422, item.id);
      assert.match(item.request!.path, /^\/api(s\/[^/]+)?\/v1\/namespaces\/statuslint-[0-9a-f]{8}\//);
    }
  });

  it('asserts the real deviations: plain-text 404 for an unknown group, no Allow on 405', () => {
    const unknown = byProbe('unknown-group')[0]!;
    assert.equal(unknown.response?.status, 404);
    assert.deepEqual(findingsOfItem(unknown).map((f) => [f.checkId, f.level, f.received]), [['content-type-json', 'SHOULD', 'text/plain']]);
    const methodNotAllowed = byProbe('method-not-allowed').filter((i) => i.response?.status === 405);
    assert.ok(methodNotAllowed.length > 40);
    assert.ok(methodNotAllowed.every((i) => findingsOfItem(i).some((f) => f.checkId === 'allow-header')));
  });

  it('every group-version lists its resources; an unknown resource is a NotFound Status, but plain text under a CRD group', () => {
    const discovery = byProbe('group-version-discovery');
    assert.equal(discovery.length, results.discovery!.groupVersions.length);
    assert.deepEqual(discovery.filter((i) => i.response?.status !== 200 || findingsOfItem(i).length > 0).map((i) => i.id), []);
    const unknown = byProbe('unknown-resource');
    const failing = unknown.filter((i) => findingsOfItem(i).length > 0).map((i) => [i.groupVersion, i.response?.status, findingsOfItem(i).map((f) => `${f.checkId} ${f.level}`)]);
    // The CRD's group is served by the apiextensions handler, whose unknown paths fall through to the plain-text 404.
    assert.deepEqual(failing, [['example.statuslint.dev/v1', 404, ['content-type-json SHOULD']]]);
    assert.ok(unknown.every((i) => i.response?.status === 404));
  });

  it('strict field validation, option values and resource versions: as the conventions say', () => {
    for (const probeId of ['create-unknown-field', 'create-duplicate-field']) {
      const items = byProbe(probeId);
      assert.ok(items.length > 15, `${probeId}: ${items.length}`);
      assert.deepEqual(items.filter((i) => i.response?.status !== 400 || findingsOfItem(i).length > 0).map((i) => i.id), [], probeId);
      assert.match(items.find((i) => i.resource === 'configmaps')!.response!.body!, /strict decoding error: (unknown|duplicate) field/);
    }
    assert.deepEqual(byProbe('create-bogus-field-validation').filter((i) => i.response?.status !== 422 || findingsOfItem(i).length > 0).map((i) => i.id), []);
    assert.deepEqual(byProbe('list-bad-resource-version-match').filter((i) => i.response?.status !== 422 || findingsOfItem(i).length > 0).map((i) => i.id), []);
    const tooLarge = byProbe('list-resource-version-too-large');
    assert.ok(tooLarge.every((i) => i.response?.status === 504), tooLarge.map((i) => `${i.id} ${i.response?.status}`).join(', '));
    assert.match(tooLarge.find((i) => i.groupVersion === 'v1')!.response!.body!, /"causes":\[\{"reason":"ResourceVersionTooLarge".*"retryAfterSeconds":1/);
  });

  it('POST to a named object: 405 without Allow, but the CRD handler creates the object (a MUST)', () => {
    const items = byProbe('post-to-object');
    const crd = items.find((i) => i.resource === 'widgets.example.statuslint.dev')!;
    assert.deepEqual([crd.response?.status, findingsOfItem(crd).map((f) => `${f.checkId} ${f.level}`)], [201, ['status-code-expected MUST']]);
    assert.ok(items.filter((i) => i !== crd).every((i) => i.response?.status === 405 && findingsOfItem(i).every((f) => f.checkId === 'allow-header')));
  });

  it('server-side apply, delete options, methods and media types, once per group-version: as the conventions say, but the CRD takes a PUT to its collection for a nameless update', () => {
    const crd = 'example.statuslint.dev/v1';
    for (const [probeId, want] of Object.entries(APISERVER_GROUP_VERSION_OUTCOMES)) {
      for (const groupVersion of ['v1', 'apps/v1', crd]) {
        const item = byProbe(probeId).find((i) => i.groupVersion === groupVersion);
        const expected: Outcome = probeId === 'put-to-collection' && groupVersion === crd ? [400, ['reason-expected', 'status-code-expected']] : want;
        assert.deepEqual(outcomeOf(item), expected, `${probeId} ${groupVersion}`);
      }
    }
    // Elsewhere too: every answer as in the table, except the priority classes kube-apiserver keeps (a 403 for the prober, not judged).
    const odd = Object.keys(APISERVER_GROUP_VERSION_OUTCOMES).flatMap((probeId) =>
      byProbe(probeId)
        .filter((i) => JSON.stringify(outcomeOf(i)) !== JSON.stringify(APISERVER_GROUP_VERSION_OUTCOMES[probeId]))
        .map((i) => `${i.id} ${outcomeOf(i)[0]}`),
    );
    assert.deepEqual(odd.sort(), [
      'delete-precondition-resourceversion:priorityclasses.scheduling.k8s.io 403',
      'delete-precondition-uid:priorityclasses.scheduling.k8s.io 403',
      'put-to-collection:widgets.example.statuslint.dev 400',
    ]);
    const conflict = byProbe('apply-conflict').find((i) => i.resource === 'configmaps')!;
    assert.match(conflict.response!.body!, /"causes":\[\{"reason":"FieldManagerConflict","message":"conflict with \\"kubectl-client-side-apply\\" using v1","field":"\.data\.color"\}\]/);
    const uid = byProbe('delete-precondition-uid').find((i) => i.resource === 'configmaps')!;
    assert.match(uid.response!.body!, /the UID in the precondition \(0{8}-0{4}-0{4}-0{4}-0{12}\) does not match the UID in record/);
    // componentstatuses serve only get and list: a DELETE is refused, as discovery says.
    assert.deepEqual(byProbe('delete-not-served').map((i) => [i.resource, ...outcomeOf(i)]), [['componentstatuses', 405, []]]);
  });

  it('protobuf as client-go asks for it: built-in resources serve it, the CRD answers 406 in protobuf, or JSON where JSON is the fallback', () => {
    const crd = 'example.statuslint.dev/v1';
    const notServed = byProbe('get-protobuf-not-served');
    // Only the CRD lacks protobuf: every built-in group-version answered 200 in protobuf and is listed as not judged.
    assert.deepEqual(notServed.map((i) => [i.groupVersion, ...outcomeOf(i)]), [[crd, 406, []]]);
    const [widgets] = notServed;
    assert.equal(widgets!.response?.headers['content-type'], 'application/vnd.kubernetes.protobuf');
    assert.equal(widgets!.response?.decodedFrom, 'application/vnd.kubernetes.protobuf');
    assert.deepEqual(JSON.parse(widgets!.response!.body!), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      reason: 'NotAcceptable',
      code: 406,
    });
    const notRun = (results.notRun ?? []).filter((n) => n.probeId === 'get-protobuf-not-served');
    const builtIn = notRun.filter((n) => n.reason.startsWith('not judged: '));
    assert.ok(builtIn.length > 15, `${builtIn.length} group-versions`);
    assert.deepEqual(new Set(builtIn.map((n) => n.reason)), new Set(['not judged: the resource serves protobuf (it answered `200` in `application/vnd.kubernetes.protobuf`)']));
    assert.ok(builtIn.some((n) => n.groupVersion === 'v1') && builtIn.some((n) => n.groupVersion === 'apps/v1'));
    // The rest were not sent: group-versions with nothing to list (reviews).
    assert.deepEqual(new Set(notRun.filter((n) => !builtIn.includes(n)).map((n) => n.reason)), new Set(['the resource does not support list']));
    const fallback = (gv: string): ResultItem => byProbe('get-protobuf-fallback').find((i) => i.groupVersion === gv)!;
    assert.equal(fallback('v1').response?.headers['content-type'], 'application/vnd.kubernetes.protobuf');
    assert.equal(fallback(crd).response?.headers['content-type'], 'application/json');
  });

  it('an invalid name: 422 Invalid naming metadata.name, except for certificatesigningrequests, whose names are free', () => {
    const items = byProbe('create-invalid-name');
    assert.ok(items.length > 30, `${items.length} responses`);
    for (const item of items) assert.equal(item.response?.status, 422, item.id);
    const csr = items.find((i) => i.resource === 'certificatesigningrequests.certificates.k8s.io')!;
    // The server judged the other fields and, as designed, not the name: no cause for metadata.name, and none asked.
    assert.doesNotMatch(csr.response!.body!, /metadata\.name/);
    assert.match(csr.response!.body!, /"field":"spec\.signerName"/);
    assert.deepEqual(findingsOfItem(csr), []);
  });

  it('asserts the quirks of componentstatuses and events.k8s.io', () => {
    const componentstatuses = outcomes('componentstatuses');
    // componentstatus is not stored: it ignores `limit` and `continue`, which ListOptions allows, so its 200 is not judged.
    assert.equal(componentstatuses['list-bad-continue'], undefined);
    const notJudged = results.notRun?.find((n) => n.probeId === 'list-bad-continue' && n.resource === 'componentstatuses');
    assert.match(notJudged?.reason ?? '', /^not judged: the server answered 200 and showed no pagination on this list/);
    // It names itself in the singular.
    assert.deepEqual(componentstatuses['get-missing'], [404, ['details-match-request']]);
    const missing = results.items.find((i) => i.id === 'get-missing:componentstatuses')!;
    assert.deepEqual(findingsOfItem(missing).map((f) => [f.pointer, f.received]).slice(0, 1), [['/details/kind', 'componentstatus']]);
    const events = results.items.find((i) => i.id === 'create-invalid-name:events.events.k8s.io')!;
    assert.deepEqual(findingsOfItem(events).map((f) => [f.checkId, f.pointer, f.expected, f.received]), [['details-match-request', '/details/group', 'events.k8s.io', 'nothing']]);
  });

  it('is not conformant, for the MUST failures of the custom resource handler', () => {
    assert.equal(isConformant(results), false);
    const mustFailures = new Set(results.items.filter((i) => findingsOfItem(i).some((f) => f.level === 'MUST')).map((i) => i.id));
    assert.ok(mustFailures.has('method-not-allowed:widgets.example.statuslint.dev'));
  });

  it('deleted its throwaway namespace', async () => {
    assert.equal(results.throwawayNamespace?.deleted, true, results.throwawayNamespace?.note);
    const namespaces = await cluster.kubectl(['get', 'namespaces', '-o', 'name']);
    assert.doesNotMatch(namespaces.stdout, /statuslint-/);
  });

  it('left no object behind: dry runs persisted nothing', async () => {
    const configmaps = await cluster.kubectl(['get', 'configmaps', '-A', '-o', 'name']);
    assert.doesNotMatch(configmaps.stdout, /statuslint|Invalid/);
    const widgets = await cluster.kubectl(['get', 'widgets', '-A', '-o', 'name']);
    assert.equal(widgets.stdout.trim(), 'widget.example.statuslint.dev/w1');
  });
});

describe('statuslint probe CLI against the real kube-apiserver', () => {
  it('probes one group, exits 1 (not conformant) and writes JSON and stylish; no credential leaks', async () => {
    const out = join(cluster.stateDir, 'widgets.json');
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--group', 'example.statuslint.dev', '--format', 'stylish', '--format', 'json', '-o', out]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /✖ not conformant/);
    assert.match(run.stdout, /method-not-allowed +1 +1 +0 +0/);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Results;
    assert.ok(saved.items.every((i) => i.resource === undefined || i.resource === 'widgets.example.statuslint.dev'));
    const kubeconfig = readFileSync(cluster.kubeconfigPath, 'utf8');
    const secrets = [...kubeconfig.matchAll(/client-key-data: (\S+)/g)].map((m) => m[1]!);
    assert.ok(secrets.length >= 1);
    for (const secret of secrets) {
      const pem = Buffer.from(secret, 'base64').toString('utf8');
      for (const text of [run.stdout, run.stderr, readFileSync(out, 'utf8')]) {
        assert.ok(!text.includes(secret) && !text.includes(pem.split('\n')[1]!), 'a client key appears in the output');
      }
    }
  });

  it('exits 0 on a selection where the server is conformant', async () => {
    const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--resource', 'configmaps', '--probe', 'get-missing', '--probe', 'create-existing', '--probe', 'forbidden']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /✔ conformant/);
  });

  it('authenticates with a bearer token via --server (a real service-account token)', async () => {
    await cluster.kubectl(['create', 'serviceaccount', 'prober', '-n', 'default']);
    await cluster.kubectl(['create', 'role', 'prober-configmaps', '--verb=get,list', '--resource=configmaps', '-n', 'default']);
    await cluster.kubectl(['create', 'rolebinding', 'prober-configmaps', '--role=prober-configmaps', '--serviceaccount=default:prober', '-n', 'default']);
    const token = (await cluster.kubectl(['create', 'token', 'prober', '-n', 'default'])).stdout.trim();
    assert.ok(token.length > 100);
    const run = await runCli(['probe', '--server', cluster.server, '--ca', cluster.caFile, '--token', token, '--resource', 'configmaps', '--probe', 'get-missing', '--format', 'json']);
    const saved = JSON.parse(run.stdout) as Results;
    assert.equal(run.code, 0, JSON.stringify(saved.items.map((i) => [i.id, i.response?.status, findingsOfItem(i)])));
    assert.equal(saved.items[0]?.response?.status, 404);
    assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token), 'the token appears in the output');
    // Without the permission the probe cannot judge the server: its checks are skipped, not failed.
    const denied = await runCli(['probe', '--server', cluster.server, '--ca', cluster.caFile, '--token', token, '--resource', 'secrets', '--probe', 'get-missing', '--format', 'json']);
    assert.equal(denied.code, 0, denied.stdout);
    const deniedItem = (JSON.parse(denied.stdout) as Results).items.find((i) => i.probeId === 'get-missing')!;
    assert.equal(deniedItem.response?.status, 403);
    assert.deepEqual(deniedItem.checks.filter((c) => c.checkId === 'status-code-expected').map((c) => c.outcome), ['skip']);
    for (const [kind, name] of [['rolebinding', 'prober-configmaps'], ['role', 'prober-configmaps'], ['serviceaccount', 'prober']]) {
      await cluster.kubectl(['delete', kind!, name!, '-n', 'default']);
    }
  });

  it('runs in-cluster with a real service-account token, as a Job would', async () => {
    await cluster.kubectl(['create', 'namespace', 'statuslint-job']);
    await cluster.kubectl(['create', 'serviceaccount', 'statuslint', '-n', 'statuslint-job']);
    await cluster.kubectl(['create', 'role', 'read-configmaps', '--verb=get,list', '--resource=configmaps', '-n', 'statuslint-job']);
    await cluster.kubectl(['create', 'rolebinding', 'read-configmaps', '--role=read-configmaps', '--serviceaccount=statuslint-job:statuslint', '-n', 'statuslint-job']);
    const token = (await cluster.kubectl(['create', 'token', 'statuslint', '-n', 'statuslint-job'])).stdout.trim();
    // What the kubelet mounts into the Job's pod.
    const root = mkdtempSync(join(tmpdir(), 'statuslint-pod-'));
    const mount = join(root, 'var', 'run', 'secrets', 'kubernetes.io', 'serviceaccount');
    mkdirSync(mount, { recursive: true });
    writeFileSync(join(mount, 'token'), token);
    copyFileSync(cluster.caFile, join(mount, 'ca.crt'));
    writeFileSync(join(mount, 'namespace'), 'statuslint-job');
    const port = new URL(cluster.server).port;
    const run = await runCli(['probe', '--in-cluster', '--namespace', 'statuslint-job', '--resource', 'configmaps', '--probe', 'get-missing', '--format', 'json'], {
      env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port, STATUSLINT_IN_CLUSTER_ROOT: root, KUBECONFIG: '' },
    });
    assert.equal(run.code, 0, run.stderr);
    const saved = JSON.parse(run.stdout) as Results;
    const item = saved.items.find((i) => i.probeId === 'get-missing')!;
    assert.equal(item.response?.status, 404);
    assert.match(item.request!.path, /^\/api\/v1\/namespaces\/statuslint-job\/configmaps\//);
    assert.ok(!run.stdout.includes(token));
    await cluster.kubectl(['delete', 'namespace', 'statuslint-job', '--wait=true']);
  });

  it('--in-cluster outside a pod is a configuration error', async () => {
    const run = await runCli(['probe', '--in-cluster'], { env: { KUBERNETES_SERVICE_HOST: '', KUBERNETES_SERVICE_PORT: '' } });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: --in-cluster: not in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set\n');
  });

  it('Ctrl-C during --allow-writes: the throwaway namespace is deleted and a partial report written', async () => {
    const out = join(cluster.stateDir, 'interrupted.json');
    const child = spawn(process.execPath, [cliPath, 'probe', '--kubeconfig', cluster.kubeconfigPath, '--allow-writes', '--concurrency', '1', '--format', 'json', '-o', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once the throwaway namespace exists, while probes are still running.
    let namespace = '';
    for (let i = 0; i < 200 && !namespace; i++) {
      const list = await cluster.kubectl(['get', 'namespaces', '-o', 'name']);
      namespace = /namespace\/(statuslint-[0-9a-f]{8})/.exec(list.stdout)?.[1] ?? '';
      if (!namespace) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(namespace, 'the throwaway namespace never appeared');
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /interrupted; cleaning up/);
    // Many requests listen for Ctrl-C at once by design: no warning about it reaches the user.
    assert.doesNotMatch(stderr, /MaxListenersExceededWarning|Warning:/);
    const partial = JSON.parse(readFileSync(out, 'utf8')) as Results;
    assert.equal(partial.interrupted, true);
    assert.equal(partial.throwawayNamespace?.name, namespace);
    assert.equal(partial.throwawayNamespace?.deleted, true);
    // What was answered before Ctrl-C (possibly nothing yet: requests in flight are cancelled, not reported as failures).
    assert.ok(partial.items.length < results.items.length, `${partial.items.length} items`);
    assert.deepEqual(partial.items.filter((i) => i.error !== undefined).map((i) => i.id), []);
    const gone = await cluster.kubectl(['get', 'namespace', namespace]);
    assert.notEqual(gone.code, 0);
  });

  it('refuses an unverifiable server certificate unless told to skip verification', async () => {
    const refused = await runCli(['probe', '--server', cluster.server, '--token', 'x']);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /did not answer: .*(certificate|UNABLE_TO_VERIFY|SELF_SIGNED)/i);
    const skipped = await runCli(['probe', '--server', cluster.server, '--token', 'not-a-real-token', '--insecure-skip-tls-verify', '--probe', 'unknown-group', '--format', 'json']);
    assert.notEqual(skipped.code, 3, skipped.stderr);
  });
});
