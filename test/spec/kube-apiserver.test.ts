// needs: cluster
/**
 * `statuslint spec --from-cluster` against a REAL kube-apiserver v1.37.2 (with the Widget CRD and the
 * aggregated k8s.io/sample-apiserver), started by cluster/. What Kubernetes really documents is
 * asserted: every operation documents `200`/`201`/`202` and a schema-less `401` and no other error;
 * the sample-apiserver's own v3 documents not even `401`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findingsOfItem, type ResultItem, type Results } from '../../conformance/results.js';
import { type LocalCluster, repoRoot, startCluster } from '../../cluster/index.js';
import { runCli } from '../helpers/cli.js';

let cluster: LocalCluster;
let run: { code: number | null; stdout: string; stderr: string };
let results: Results;
const WARDLE = 'wardle.example.com/v1alpha1';

type SpecItem = ResultItem & { document: string };

const item = (document: string, title: string): SpecItem => {
  const found = (results.items as SpecItem[]).find((i) => i.document === document && i.title === title);
  assert.ok(found, `${document}: ${title}`);
  return found;
};

/** Each check's outcome, with the `expected` of its findings, in the order the checks ran. */
const outcomes = (subject: ResultItem): Record<string, string | string[]> =>
  Object.fromEntries(subject.checks.map((c) => [c.checkId, c.outcome === 'fail' ? c.findings.map((f) => `${f.level} ${f.expected}`) : c.outcome]));

before(async () => {
  cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'spec-test') });
  await cluster.startAggregated();
  // The aggregator merges an APIService's OpenAPI v3 shortly after it turns Available.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const index = JSON.parse((await cluster.request('/openapi/v3')).body) as { paths: Record<string, unknown> };
    if (`apis/${WARDLE}` in index.paths) break;
    assert.ok(Date.now() < deadline, `/openapi/v3 never listed apis/${WARDLE}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const out = join(mkdtempSync(join(tmpdir(), 'statuslint-spec-')), 'spec.json');
  run = await runCli(['spec', '--from-cluster', '--kubeconfig', cluster.kubeconfigPath, '--context', cluster.adminContext, '--format', 'json', '-o', out, '--format', 'stylish']);
  results = JSON.parse(readFileSync(out, 'utf8')) as Results;
});

after(async () => {
  await cluster?.stop();
});

describe('spec --from-cluster against a real kube-apiserver', () => {
  it('reads /openapi/v2 and every /openapi/v3 document, those of the CRD and the aggregated server included', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(results.command, 'spec');
    assert.equal(results.target?.server, cluster.server);
    assert.equal(results.target?.version, 'v1.37.2');
    assert.deepEqual(results.items.filter((i) => i.error).map((i) => `${i.location}: ${i.error}`), []);
    const documents = new Set((results.items as SpecItem[]).map((i) => i.document));
    for (const document of ['/openapi/v2', '/openapi/v3/api/v1', '/openapi/v3/apis/apps/v1', '/openapi/v3/apis/example.statuslint.dev/v1', `/openapi/v3/apis/${WARDLE}`]) {
      assert.ok(documents.has(document), document);
    }
    const operations = results.items.filter((i) => i.location.startsWith('/paths/'));
    assert.ok(operations.length > 1500, `${operations.length} operations`);
    assert.match(run.stdout, /problems \(0 MUST, \d+ SHOULD\)/);
  });

  it('GET configmaps/{name} documents only 200 and a schema-less 401: it lacks 403 and 404', () => {
    const title = 'GET /api/v1/namespaces/{namespace}/configmaps/{name}';
    const v3 = item('/openapi/v3/api/v1', `${title} (OpenAPI v3)`);
    assert.equal(v3.location, '/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}/get');
    assert.equal(v3.groupVersion, 'v1');
    assert.deepEqual(outcomes(v3), {
      'error-responses-documented': ['SHOULD 403', 'SHOULD 404'],
      'error-schema-compatible': ['SHOULD Status'],
      'error-content-type-json': 'skip',
      'error-examples-valid': 'skip',
      'documented-status-known': 'pass',
      'retry-after-documented': 'skip',
    });
    assert.deepEqual(findingsOfItem(v3).map((f) => f.pointer), [
      '/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}/get/responses',
      '/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}/get/responses',
      '/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}/get/responses/401',
    ]);
    // Its own Status schema is compatible: the hints point at it.
    assert.match(findingsOfItem(v3)[0]!.hint!, /#\/components\/schemas\/io\.k8s\.apimachinery\.pkg\.apis\.meta\.v1\.Status/);
    // The whole API in Swagger 2.0 says the same of it.
    assert.deepEqual(outcomes(item('/openapi/v2', `${title} (OpenAPI v2)`)), outcomes(v3));
  });

  it('a list is not asked for 404, a create is asked for 404, 409 and 422', () => {
    assert.deepEqual(outcomes(item('/openapi/v3/api/v1', 'GET /api/v1/namespaces/{namespace}/configmaps (OpenAPI v3)'))['error-responses-documented'], ['SHOULD 403']);
    assert.deepEqual(outcomes(item('/openapi/v3/api/v1', 'POST /api/v1/namespaces/{namespace}/configmaps (OpenAPI v3)'))['error-responses-documented'], [
      'SHOULD 403',
      'SHOULD 404',
      'SHOULD 409',
      'SHOULD 422',
    ]);
  });

  it('the Widget CRD: the same gaps, though its document declares no security scheme at all', () => {
    const create = item('/openapi/v3/apis/example.statuslint.dev/v1', 'POST /apis/example.statuslint.dev/v1/namespaces/{namespace}/widgets (OpenAPI v3)');
    assert.equal(create.groupVersion, 'example.statuslint.dev/v1');
    assert.equal(create.aggregated, false);
    assert.deepEqual(outcomes(create)['error-responses-documented'], ['SHOULD 403', 'SHOULD 404', 'SHOULD 409', 'SHOULD 422']);
    const read = item('/openapi/v3/apis/example.statuslint.dev/v1', 'GET /apis/example.statuslint.dev/v1/namespaces/{namespace}/widgets/{name} (OpenAPI v3)');
    assert.deepEqual(outcomes(read)['error-responses-documented'], ['SHOULD 403', 'SHOULD 404']);
  });

  it('the aggregated sample-apiserver: its operations are marked aggregated, and its v3 document documents no error at all', () => {
    const wardle = results.items.filter((i) => i.groupVersion === WARDLE && i.location.startsWith('/paths/'));
    assert.ok(wardle.length >= 10, `${wardle.length} wardle operations`);
    assert.ok(wardle.every((i) => i.aggregated === true));
    const read = item(`/openapi/v3/apis/${WARDLE}`, `GET /apis/${WARDLE}/namespaces/{namespace}/flunders/{name} (OpenAPI v3)`);
    assert.deepEqual(outcomes(read), {
      'error-responses-documented': ['SHOULD 401', 'SHOULD 403', 'SHOULD 404'],
      'error-schema-compatible': 'skip',
      'error-content-type-json': 'skip',
      'error-examples-valid': 'skip',
      'documented-status-known': 'pass',
      'retry-after-documented': 'skip',
    });
    // Through kube-apiserver's merged v2 document the same operation gains the schema-less 401.
    assert.deepEqual(outcomes(item('/openapi/v2', `GET /apis/${WARDLE}/namespaces/{namespace}/flunders/{name} (OpenAPI v2)`))['error-responses-documented'], ['SHOULD 403', 'SHOULD 404']);
  });

  it('across every document: 401 is the only error documented, never with a schema, and 403 never', () => {
    // kube-apiserver and the sample-apiserver both describe `GET /apis/` and `GET /version/`; the
    // aggregator serves `/openapi/v3/apis` and `/openapi/v3/version` from one or the other, alternately
    // from one request to the next. The sample-apiserver's versions document no error at all.
    const shared = new Set(['/openapi/v3/apis', '/openapi/v3/version']);
    const operations = results.items.filter((i) => i.location.startsWith('/paths/') && !shared.has((i as SpecItem).document));
    const findings = operations.flatMap(findingsOfItem);
    assert.deepEqual(findings.filter((f) => f.level === 'MUST'), []);
    // A served document has no text of the user's to point into: findings carry pointers, not lines.
    assert.ok(findings.every((f) => f.line === undefined && f.column === undefined));
    assert.deepEqual(new Set(findings.map((f) => f.checkId)), new Set(['error-responses-documented', 'error-schema-compatible']));
    assert.ok(findings.filter((f) => f.checkId === 'error-schema-compatible').every((f) => f.pointer.endsWith('/responses/401') && f.received === 'no schema'));
    assert.equal(operations.filter((i) => findingsOfItem(i).some((f) => f.expected === '403')).length, operations.length);
    // Only the aggregated server's own v3 documents leave out 401 too.
    const no401 = new Set(operations.filter((i) => findingsOfItem(i).some((f) => f.expected === '401')).map((i) => (i as SpecItem).document));
    assert.deepEqual([...no401].sort(), ['/openapi/v3/apis/wardle.example.com', `/openapi/v3/apis/${WARDLE}`, '/openapi/v3/apis/wardle.example.com/v1beta1']);
    // No operation documents its errors only as `default`, so none is asked for `429`.
    assert.deepEqual(findings.filter((f) => f.expected === '429'), []);
    assert.ok(operations.every((i) => i.checks.find((c) => c.checkId === 'documented-status-known')?.outcome === 'pass'));
    assert.ok(operations.every((i) => i.checks.find((c) => c.checkId === 'retry-after-documented')?.outcome === 'skip'));
    // No document enumerates Status reasons, so there is nothing to hold to the catalog; every $ref leads somewhere.
    const documents = results.items.filter((i) => !i.location.startsWith('/paths/'));
    assert.ok(documents.every((i) => i.checks.every((c) => (c.checkId === 'reason-enum-known' && c.outcome === 'skip') || (c.checkId === 'refs-resolve' && c.outcome === 'pass'))));
  });
});
