import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { outcomeOf, type Outcome } from '../helpers/outcomes.js';
import { startPrism } from '../fixtures/api/prism/server.js';
import { fixture } from '../helpers/paths.js';

const DOCUMENT = fixture('api', 'orders.openapi.yaml');
const TOKEN = 'prism-probe-token-5f1e';

let prism: Awaited<ReturnType<typeof startPrism>>;
let results: Results;
let exitCode: number | null;

before(async () => {
  prism = await startPrism(DOCUMENT);
  const run = await runCli(['probe', '--openapi', DOCUMENT, '--server', prism.url, '--profile', 'problem', '--token', TOKEN, '--allow-writes', '--format', 'json']);
  exitCode = run.code;
  assert.equal(run.stderr, '', run.stderr);
  results = JSON.parse(run.stdout) as Results;
});

after(() => {
  prism?.process.kill();
});

const outcome = (id: string): Outcome => outcomeOf(results.items.find((i) => i.id === id));

it('derives the probes from the document and sends them to the mock', () => {
  assert.deepEqual(results.api, { document: DOCUMENT, operations: 4 });
  assert.deepEqual(
    results.items.map((i) => i.id),
    [
      'valid-read:GET /orders',
      'valid-read:GET /orders/{orderId}',
      'unknown-id:GET /orders/{orderId}',
      'unknown-id:DELETE /orders/{orderId}',
      'malformed-json:POST /orders',
      'missing-field:POST /orders',
      'wrong-content-type:POST /orders',
      'method-not-allowed:GET /orders',
      'method-not-allowed:GET /orders/{orderId}',
      'missing-query-param:GET /orders',
      'body-too-large:POST /orders',
      'no-credentials:GET /orders',
      'no-credentials:POST /orders',
      'no-credentials:GET /orders/{orderId}',
      'no-credentials:DELETE /orders/{orderId}',
      // Probes with steps run last, one at a time.
      'use-after-delete:GET /orders/{orderId}',
    ],
  );
  assert.equal(exitCode, 1, 'Prism fails MUST-level checks: not conformant');
});

it('passes what Prism answers with the documented problem details', () => {
  assert.deepEqual(outcome('valid-read:GET /orders'), [200, []]);
  assert.deepEqual(outcome('valid-read:GET /orders/{orderId}'), [200, []]);
  // Prism validates the request against the document and answers with the declared example.
  assert.deepEqual(outcome('missing-field:POST /orders'), [400, []]);
  assert.deepEqual(outcome('missing-query-param:GET /orders'), [400, []]);
  assert.deepEqual(outcome('no-credentials:GET /orders'), [401, []]);
  assert.deepEqual(outcome('no-credentials:POST /orders'), [401, []]);
});

it('finds what a stateless mock cannot do: unknown ids get the example object', () => {
  assert.deepEqual(outcome('unknown-id:GET /orders/{orderId}'), [200, ['status-code-expected']]);
  assert.deepEqual(outcome('unknown-id:DELETE /orders/{orderId}'), [204, ['status-code-expected']]);
  // It keeps nothing: what was just created and deleted is still served.
  assert.deepEqual(outcome('use-after-delete:GET /orders/{orderId}'), [200, ['status-code-expected']]);
});

it("finds Prism's own errors: JSON that is not problem details, a 405 without Allow, undeclared statuses", () => {
  // Its body parser answers `{"error":{"code":"invalid_json",…}}` as application/json.
  assert.deepEqual(outcome('malformed-json:POST /orders'), [400, ['message-present', 'response-declared', 'schema']]);
  const body = JSON.parse(results.items.find((i) => i.id === 'malformed-json:POST /orders')!.response!.body!) as { error: { code: string } };
  assert.equal(body.error.code, 'invalid_json');
  assert.deepEqual(outcome('method-not-allowed:GET /orders'), [405, ['allow-header', 'response-declared']]);
  assert.deepEqual(outcome('method-not-allowed:GET /orders/{orderId}'), [405, ['allow-header', 'response-declared']]);
  // DELETE /orders/{orderId} declares no 401: Prism makes up its own problem.
  assert.deepEqual(outcome('no-credentials:DELETE /orders/{orderId}'), [401, ['response-declared']]);
});

it('finds the defect the document itself carries: a 415 example that says 400', () => {
  assert.deepEqual(outcome('wrong-content-type:POST /orders'), [415, ['code-matches-http-status']]);
  const finding = results.items.find((i) => i.id === 'wrong-content-type:POST /orders')!.checks.find((c) => c.outcome === 'fail');
  assert.ok(finding?.outcome === 'fail');
  assert.deepEqual([finding.findings[0]!.pointer, finding.findings[0]!.expected, finding.findings[0]!.received], ['/status', '415', '400']);
});

it('finds a body limit the mock does not enforce', () => {
  assert.deepEqual(outcome('body-too-large:POST /orders'), [400, ['status-code-expected']]);
});

it('never records the token', () => {
  assert.ok(!JSON.stringify(results).includes(TOKEN));
});
