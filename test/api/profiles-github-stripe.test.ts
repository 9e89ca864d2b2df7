/**
 * The built-in `github` and `stripe` profiles, named as a user names them: `validate` on recordings
 * in the shapes the two APIs answer with (written for this test from their documented error bodies),
 * `--profile auto` picking each from them, the wrong profile said once with the right one named, and
 * `spec` on the GitHub- and Stripe-shaped documents (their findings one by one: test/spec/api-shapes.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-public-apis-'));

type Exchange = [method: string, url: string, status: number, body: unknown, headers?: Record<string, string>];

/** A HAR file of these exchanges, each answered as JSON. */
function harOf(name: string, exchanges: readonly Exchange[]): string {
  const entries = exchanges.map(([method, url, status, body, headers = {}]) => ({
    request: { method, url },
    response: {
      status,
      headers: Object.entries({ 'Content-Type': 'application/json; charset=utf-8', ...headers }).map(([header, value]) => ({ name: header, value })),
      content: { mimeType: 'application/json', text: JSON.stringify(body) },
    },
  }));
  const path = join(scratch, `${name}.har`);
  writeFileSync(path, JSON.stringify({ log: { version: '1.2', entries } }));
  return path;
}

async function validateJson(...args: string[]): Promise<{ code: number | null; results: Results }> {
  const run = await runCli(['validate', '--format', 'json', ...args]);
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.code, results: JSON.parse(run.stdout) as Results };
}

const findingRows = (results: Results): string[][] =>
  results.items.flatMap((item) => findingsOfItem(item).map((f) => [item.location ?? '', item.title, f.checkId, f.level, f.pointer, f.expected ?? '', f.received ?? '']));

const DOCS = 'https://docs.github.com/rest';

/** GitHub's answers; the last one seeded with a defect: a 404 that says `Bad credentials`, GitHub's 401 phrase. */
const GITHUB: Exchange[] = [
  ['GET', 'https://api.github.com/repos/octo/missing', 404, { message: 'Not Found', documentation_url: DOCS, status: '404' }],
  ['GET', 'https://api.github.com/user', 401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' }],
  ['POST', 'https://api.github.com/repos/octo/app/issues', 422, { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }], documentation_url: DOCS, status: '422' }],
  ['POST', 'https://api.github.com/repos/octo/app/issues', 400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' }],
  ['GET', 'https://api.github.com/repos/octo/app/hooks', 404, { message: 'Bad credentials', documentation_url: DOCS }],
];

/** Stripe's answers (an invalid key's 401 has no `code`); the last one seeded with a defect: `parameter_missing`, a 400 code, on a 404. */
const STRIPE: Exchange[] = [
  ['GET', 'https://api.stripe.com/v1/charges/ch_1', 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such charge: 'ch_1'", param: 'id' } }],
  ['POST', 'https://api.stripe.com/v1/charges', 400, { error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: amount.', param: 'amount' } }],
  ['POST', 'https://api.stripe.com/v1/charges', 429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } }, { 'Retry-After': '2' }],
  ['GET', 'https://api.stripe.com/v1/charges', 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' } }],
  ['POST', 'https://api.stripe.com/v1/refunds', 404, { error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: charge.' } }],
];

describe('the github profile, by name', () => {
  const har = harOf('github', GITHUB);

  it('validate passes GitHub\'s answers and finds the seeded one', async () => {
    const { code, results } = await validateJson('--profile', 'github', har);
    assert.equal(results.profile, 'github');
    assert.deepEqual(findingRows(results), [[`${har}#5`, 'GET /repos/octo/app/hooks → 404', 'reason-code-match', 'MUST', '/message', '401', '404']]);
    assert.equal(code, 1);
  });

  it('`--profile auto` picks github, though NestJS\'s and Fastify\'s shapes also have a `message`', async () => {
    const { results } = await validateJson('--profile', 'auto', har);
    assert.equal(results.profile, 'github');
    assert.deepEqual(results.diagnostics?.[0], {
      kind: 'profile-picked',
      profile: 'github',
      fits: 5,
      of: 5,
      seen: [
        { shape: '{message, documentation_url, status}', count: 3 },
        { shape: '{message, documentation_url}', count: 1 },
        { shape: '{message, errors, documentation_url, status}', count: 1 },
      ],
    });
  });

  it('judged by the stripe profile, the run says so once and names github', async () => {
    const { results } = await validateJson('--profile', 'stripe', har);
    const note = results.diagnostics?.[0];
    assert.equal(note?.kind, 'profile-mismatch');
    assert.deepEqual(note && 'fitting' in note ? note.fitting : undefined, { profile: 'github', fits: 5 });
  });

  it('spec --profile github judges the GitHub-shaped document as the profile file does', async () => {
    const document = fixture('openapi', 'shapes', 'github.yaml');
    const named = await runCli(['spec', document, '--profile', 'github', '--format', 'json']);
    const file = await runCli(['spec', document, '--profile', join(repoRoot, 'schemas', 'catalog', 'github.json'), '--format', 'json']);
    assert.equal(named.code, 1, named.stderr);
    const namedResults = JSON.parse(named.stdout) as Results;
    assert.equal(namedResults.profile, 'github');
    assert.deepEqual(findingRows(namedResults), findingRows(JSON.parse(file.stdout) as Results));
    // The `{message, documentation_url}` error schema is GitHub's: no finding says it is not.
    assert.deepEqual(findingRows(namedResults).filter(([, , checkId, level]) => checkId === 'error-schema-compatible' && level === 'MUST'), []);
  });
});

describe('the stripe profile, by name', () => {
  const har = harOf('stripe', STRIPE);

  it('validate passes Stripe\'s answers, the 401 without a `code` among them, and finds the seeded one', async () => {
    const { code, results } = await validateJson('--profile', 'stripe', har);
    assert.equal(results.profile, 'stripe');
    assert.deepEqual(findingRows(results), [[`${har}#5`, 'POST /v1/refunds → 404', 'reason-code-match', 'MUST', '/error/code', '400', '404']]);
    assert.equal(code, 1);
  });

  it('`--profile auto` picks stripe: its nested `{error: {code, message}}` is no flat envelope', async () => {
    const { results } = await validateJson('--profile', 'auto', har);
    assert.equal(results.profile, 'stripe');
    assert.deepEqual(results.diagnostics?.[0], { kind: 'profile-picked', profile: 'stripe', fits: 5, of: 5, seen: [{ shape: '{error}', count: 5 }] });
  });

  it('judged by the envelope profile, the run says so once and names stripe', async () => {
    const { results } = await validateJson('--profile', 'envelope', har);
    const note = results.diagnostics?.[0];
    assert.equal(note?.kind, 'profile-mismatch');
    assert.deepEqual(note && 'fitting' in note ? note.fitting : undefined, { profile: 'stripe', fits: 5 });
  });

  it('spec --profile stripe finds the Stripe-shaped document\'s nested error schema compatible', async () => {
    const run = await runCli(['spec', fixture('openapi', 'shapes', 'stripe.yaml'), '--profile', 'stripe', '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Results;
    assert.equal(results.profile, 'stripe');
    // What it finds is what `default` leaves unnamed; the shared error schema passes.
    assert.deepEqual([...new Set(findingRows(results).map(([, , checkId]) => checkId))], ['error-responses-documented']);
  });
});
