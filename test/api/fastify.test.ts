import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../../rules/index.js';
import type { Results } from '../../conformance/results.js';
import { buildApp } from '../fixtures/api/fastify-clusters/app.js';
import { runCli } from '../helpers/cli.js';
import { outcomeOf, type Outcome } from '../helpers/outcomes.js';
import { createAjv } from '../../schemas/compile.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const DOCUMENT = fixture('api', 'fastify-clusters', 'openapi.yaml');
const PROFILE = fixture('api', 'fastify-clusters', 'profile.yaml');
const TOKEN = 'clusters-test-token';

const app = buildApp();
let url: string;
let results: Results;

before(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const run = await runCli(['probe', '--openapi', DOCUMENT, '--server', url, '--profile', PROFILE, '--token', TOKEN, '--allow-writes', '--format', 'json']);
  assert.equal(run.stderr, '', run.stderr);
  assert.equal(run.code, 1);
  results = JSON.parse(run.stdout) as Results;
});

after(async () => {
  await app.close();
});

const outcome = (id: string): Outcome => outcomeOf(results.items.find((i) => i.id === id));

it('judges by the user profile: Fastify bodies with the right phrase and statusCode pass', () => {
  assert.equal(results.profile, 'fastify');
  for (const id of ['unknown-id:GET /clusters/{name}', 'malformed-json:POST /clusters', 'missing-field:POST /clusters', 'missing-query-param:GET /clusters']) {
    assert.deepEqual(outcome(id)[1], [], id);
  }
  assert.deepEqual(outcome('unknown-id:GET /clusters/{name}'), [404, []]);
  const missing = results.items.find((i) => i.id === 'missing-field:POST /clusters')!;
  assert.deepEqual(missing.expected, { status: 400, reason: 'Bad Request' });
  assert.match(missing.response!.body!, /body must have required property 'name'/);
  for (const id of ['no-credentials:GET /clusters', 'no-credentials:POST /clusters', 'no-credentials:GET /clusters/{name}', 'no-credentials:DELETE /clusters/{name}']) {
    assert.deepEqual(outcome(id), [401, []], id);
  }
});

it("finds that Fastify parses text/plain itself: a 400 where 415 belongs", () => {
  assert.deepEqual(outcome('wrong-content-type:POST /clusters'), [400, ['reason-expected', 'status-code-expected']]);
});

it('finds that Fastify answers a method a route lacks with 404, not 405 with Allow', () => {
  assert.deepEqual(outcome('method-not-allowed:GET /clusters'), [404, ['reason-expected', 'response-declared', 'status-code-expected']]);
  // GET /clusters/{name} declares 404, so only the status and code are wrong there.
  assert.deepEqual(outcome('method-not-allowed:GET /clusters/{name}'), [404, ['reason-expected', 'status-code-expected']]);
});

it("finds the 413 Fastify's body limit answers undeclared in the document", () => {
  assert.deepEqual(outcome('body-too-large:POST /clusters'), [413, ['response-declared']]);
});

it('a mismatch between statusCode and the HTTP status would be found (the same profile on a crafted body)', async () => {
  const run = await runCli(['validate', '--profile', PROFILE, '--status', '404', '-'], { input: JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'x' }) });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /code-matches-http-status/);
});

it('the same profile file judges the document (spec): the error schema fits it, 403 is undocumented (validation errors are the 400 it documents, as Fastify answers them)', async () => {
  const run = await runCli(['spec', DOCUMENT, '--profile', PROFILE, '--format', 'json']);
  assert.equal(run.code, 1, run.stderr);
  const spec = JSON.parse(run.stdout) as Results;
  const failed = spec.items.flatMap((i) => i.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => `${c.level} ${c.checkId} ${f.expected ?? ''}`) : [])));
  assert.ok(failed.every((f) => f.startsWith('SHOULD error-responses-documented')), failed.join('\n'));
  assert.deepEqual(failed, Array(4).fill('SHOULD error-responses-documented 403'));
});

it('the same profile file drives the ESLint rules', async () => {
  const linter = new Linter({ configType: 'flat', cwd: fixture('..', '..') });
  const messages = linter.verify(
    "export default async function routes(app) { app.get('/clusters/:name', async (request, reply) => reply.code(404).send({ statusCode: 404, error: 'Bad Request', message: 'no such cluster' })); }",
    [{ ...plugin.configs.recommended, settings: { statuslint: { profile: PROFILE } } }] as Linter.Config[],
    'routes.js',
  );
  assert.deepEqual(
    messages.map((m) => [m.ruleId, m.messageId]),
    [['statuslint/envelope-code-match', 'statusMismatch']],
  );
});

it('writes every report format for an API run; the JSON matches the results schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-api-formats-'));
  const formats = ['json', 'junit', 'sarif', 'markdown', 'html', 'github'];
  const args = formats.flatMap((f) => ['-f', f, '-o', join(dir, `report.${f}`)]);
  const run = await runCli(['probe', '--openapi', DOCUMENT, '--server', url, '--profile', PROFILE, '--token', TOKEN, ...args, '-f', 'stylish']);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /openapi .*openapi\.yaml \(4 operations\)/);
  assert.match(run.stdout, /not run: \d+ probes? \(.*missing-field.*\): .*run with --allow-writes against a test instance/);
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Results;
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'results.schema.json'), 'utf8')) as object;
  const validate = createAjv().compile(schema);
  assert.ok(validate(json), JSON.stringify(validate.errors));
  assert.ok(json.notRun?.some((n) => n.probeId === 'missing-field' && n.operation === 'POST /clusters'));
  for (const format of formats) {
    const text = readFileSync(join(dir, `report.${format}`), 'utf8');
    assert.match(text, /wrong-content-type|status-code-expected/, format);
    assert.ok(!text.includes(TOKEN), `${format} carries the token`);
  }
  assert.match(readFileSync(join(dir, 'report.markdown'), 'utf8'), /### By path/);
});
