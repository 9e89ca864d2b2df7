/**
 * The built-in profiles on the real servers of test/api/ (the Fastify app on its built-in error
 * handler, a Prism mock), `--profile auto` on them, a run without the token the API needs, envelope
 * fields as JSON pointers, and the profile names every `--profile` help lists.
 */
import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { EXPECTATION_CHECKS } from '../../conformance/diagnostics.js';
import { FORMAT_NAMES } from '../../conformance/reporters/index.js';
import { BODY_SHAPE_CHECKS, fitsOf, pickProfile } from '../../conformance/profile-fit.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { validate } from '../../conformance/validate.js';
import { BUILTIN_PROFILES, builtinProfile } from '../../schemas/catalog.js';
import { checkProfileDocument } from '../../schemas/compile.js';
import { profileFromDocument } from '../../schemas/catalog.js';
import { buildApp } from '../fixtures/api/fastify-clusters/app.js';
import { startPrism } from '../fixtures/api/prism/server.js';
import { runCli } from '../helpers/cli.js';
import { outcomeOf } from '../helpers/outcomes.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const FASTIFY_DOCUMENT = fixture('api', 'fastify-clusters', 'openapi.yaml');
const FASTIFY_PROFILE = fixture('api', 'fastify-clusters', 'profile.yaml');
const FASTIFY_TOKEN = 'clusters-test-token';

async function probe(...args: string[]): Promise<{ code: number | null; results: Results }> {
  const run = await runCli(['probe', '--openapi', ...args, '--allow-writes', '--format', 'json']);
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.code, results: JSON.parse(run.stdout) as Results };
}

/** The note is in every format, once (JUnit repeats a failing note's message as its text), and the run exits as its verdict says. */
async function saidOnceInEveryFormat(results: Results, sentence: string, code: number): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'statuslint-notes-')), 'results.json');
  writeFileSync(file, JSON.stringify(results));
  for (const format of FORMAT_NAMES) {
    const report = await runCli(['report', file, '--format', format]);
    assert.equal(report.code, code, `${format}: ${report.stderr}`);
    const text = format === 'json' ? JSON.stringify(JSON.parse(report.stdout).diagnostics) : report.stdout;
    const expected = format === 'json' ? `"${results.diagnostics![0]!.kind}"` : sentence;
    const failing = results.diagnostics![0]!.kind === 'profile-mismatch';
    assert.equal(text.split(expected).length - 1, format === 'junit' && failing ? 2 : 1, `${format}:\n${report.stdout.slice(0, 2000)}`);
  }
}

const outcomes = (results: Results): Record<string, ReturnType<typeof outcomeOf>> => Object.fromEntries(results.items.map((item) => [item.id, outcomeOf(item)]));

describe('the Fastify app on its built-in error handler', () => {
  const app = buildApp();
  let url: string;

  before(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(() => app.close());

  it('the built-in fastify profile judges every response as the user profile it replaces', async () => {
    const builtin = await probe(FASTIFY_DOCUMENT, '--server', url, '--profile', 'fastify', '--token', FASTIFY_TOKEN);
    const user = await probe(FASTIFY_DOCUMENT, '--server', url, '--profile', FASTIFY_PROFILE, '--token', FASTIFY_TOKEN);
    assert.equal(builtin.results.profile, 'fastify');
    assert.deepEqual(outcomes(builtin.results), outcomes(user.results));
    // Fastify's real defects (test/api/fastify.test.ts): text/plain parsed, a 404 for a method a route lacks.
    assert.deepEqual(outcomeOf(builtin.results.items.find((i) => i.id === 'wrong-content-type:POST /clusters')), [400, ['reason-expected', 'status-code-expected']]);
    assert.equal(builtin.code, 1);
  });

  it('`--profile auto` picks fastify from its first error bodies, its router\'s 404 among them', async () => {
    const { results } = await probe(FASTIFY_DOCUMENT, '--server', url, '--profile', 'auto', '--token', FASTIFY_TOKEN);
    assert.equal(results.profile, 'fastify');
    assert.deepEqual(results.diagnostics?.[0], {
      kind: 'profile-picked',
      profile: 'fastify',
      fits: 4,
      of: 4,
      seen: [
        { shape: '{statusCode, code, error, message}', count: 2 },
        { shape: '{message, error, statusCode}', count: 1 },
        { shape: '{statusCode, error, message}', count: 1 },
      ],
    });
  });

  it('without the token every operation answers 401: said once, and no 401 is held against the server', async () => {
    const { code, results } = await probe(FASTIFY_DOCUMENT, '--server', url, '--profile', 'fastify');
    assert.deepEqual(results.diagnostics, [
      {
        kind: 'credentials-missing',
        operations: ['GET /clusters', 'GET /clusters/{name}', 'DELETE /clusters/{name}', 'POST /clusters'],
        operationCount: 4,
        responses: 12,
      },
    ]);
    assert.ok(results.items.every((item) => item.response?.status === 401), 'every answer is 401');
    assert.deepEqual(results.items.flatMap((item) => findingsOfItem(item).map((f) => `${item.id} ${f.checkId}`)), []);
    assert.equal(code, 0);

    // Every format says it once; the terminal on its first line, before any finding.
    const stylish = await runCli(['probe', '--openapi', FASTIFY_DOCUMENT, '--server', url, '--profile', 'fastify', '--allow-writes']);
    assert.match(stylish.stdout, /^no credentials were given, and 4 operations that need them \(GET \/clusters, GET \/clusters\/\{name\}, DELETE \/clusters\/\{name\}, POST \/clusters\) answered 401 to 12 probes that asked for another failure/);
    await saidOnceInEveryFormat(results, 'answered 401 to 12 probes that asked for another failure: not held against the server; give --token, --basic-auth or -H', 0);
  });
});

describe('a Prism mock serving problem details', () => {
  let prism: Awaited<ReturnType<typeof startPrism>>;
  const document = fixture('api', 'orders.openapi.yaml');

  before(async () => {
    prism = await startPrism(document);
  });
  after(() => prism?.process.kill());

  it('`--profile auto` picks problem, and judges as --profile problem does', async () => {
    const auto = await probe(document, '--server', prism.url, '--profile', 'auto', '--token', 'prism-probe-token-5f1e');
    const named = await probe(document, '--server', prism.url, '--profile', 'problem', '--token', 'prism-probe-token-5f1e');
    assert.equal(auto.results.profile, 'problem');
    assert.equal(auto.results.diagnostics?.[0]?.kind, 'profile-picked');
    assert.deepEqual(auto.results.diagnostics?.slice(1), named.results.diagnostics ?? []);
    assert.deepEqual(outcomes(auto.results), outcomes(named.results));
  });
});

describe('envelope fields as JSON pointers (Google-style `{"error": {"code", "message", "status"}}`)', () => {
  const google = profileFromDocument(
    checkProfileDocument(
      {
        name: 'google',
        body: { kind: 'envelope', codeField: '/error/status', messageField: '/error/message', statusField: '/error/code' },
        entries: [
          { code: 'NOT_FOUND', appearsIn: 'envelope-error', httpStatus: 404, title: 'Not found', recovery: 'fix-request' },
          { code: 'ALREADY_EXISTS', appearsIn: 'envelope-error', httpStatus: 409, title: 'Already exists', recovery: 'fix-request' },
        ],
      },
      'google.json',
    ),
    'google.json',
  );
  const findings = (body: unknown, httpStatus: number): string[] => validate(body, { profile: google, httpStatus }).map((f) => `${f.checkId} ${f.pointer} ${f.expected}`);

  it('a nested body of the right shape passes', () => {
    assert.deepEqual(findings({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }, 404), []);
  });

  it('finds nested members missing, a nested code that goes with another status, and a nested status that is not the HTTP one, at their pointers', () => {
    assert.deepEqual(findings({ error: { code: 404 } }, 404), ['schema /error/status `status` (required)', 'schema /error/message `message` (required)', 'message-present /error/message a non-empty message']);
    assert.deepEqual(findings({ error: { code: 404, message: 'exists', status: 'ALREADY_EXISTS' } }, 404), ['reason-code-match /error/status 409']);
    // The nested status says 409: not the HTTP status, and not the one `NOT_FOUND` goes with.
    assert.deepEqual(findings({ error: { code: 409, message: 'gone', status: 'NOT_FOUND' } }, 404), ['code-matches-http-status /error/code 404', 'reason-code-match /error/status 404']);
    assert.deepEqual(findings({ error: 'NOT_FOUND' }, 404), ['schema /error a object', 'message-present /error/message a non-empty message']);
  });

  it('spec reads a nested code as its top-level object: a document with `{error: {…}}` error bodies fits, one with a flat body does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-google-'));
    const profileFile = join(dir, 'google.json');
    writeFileSync(profileFile, JSON.stringify({ name: 'google', body: { kind: 'envelope', codeField: '/error/status', messageField: '/error/message', statusField: '/error/code' } }));
    const documentOf = (errorSchema: object): string => {
      const file = join(dir, `api-${Math.random().toString(16).slice(2)}.json`);
      const error = { description: 'An error.', content: { 'application/json': { schema: errorSchema } } };
      writeFileSync(file, JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Books', version: '1' },
        paths: { '/books/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'A book.' }, '404': error } } } },
      }));
      return file;
    };
    const must = async (file: string): Promise<string[]> => {
      const spec = JSON.parse((await runCli(['spec', file, '--profile', profileFile, '--format', 'json'])).stdout) as Results;
      return spec.items.flatMap((item) => findingsOfItem(item).filter((f) => f.level === 'MUST').map((f) => `${f.checkId} ${f.pointer}`));
    };
    const nested = {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' }, status: { type: 'string' } } } },
    };
    assert.deepEqual(await must(documentOf(nested)), []);
    assert.deepEqual(await must(documentOf({ type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } })), ['error-schema-compatible /paths/~1books~1{id}/get/responses/404/content/application~1json/schema/properties/error']);
  });

  it('the profile schema refuses a pointer that is no JSON pointer', () => {
    assert.throws(() => checkProfileDocument({ name: 'bad', body: { kind: 'envelope', codeField: '/error/~2', messageField: 'message' } }, 'bad.json'), /\/body\/codeField/);
  });
});

describe('picking a profile', () => {
  it('every built-in is picked from bodies of its own shape', () => {
    const bodies: Record<string, unknown[]> = {
      kubernetes: [{ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 }],
      problem: [{ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no order 7' }],
      envelope: [{ error: 'not_found', message: 'no order 7', requestId: 'r-1' }],
      fastify: [{ statusCode: 404, error: 'Not Found', message: 'Route GET:/x not found' }],
      nestjs: [{ message: ['name must be a string'], error: 'Bad Request', statusCode: 400 }],
      fastapi: [{ detail: [{ type: 'missing', loc: ['body', 'name'], msg: 'Field required' }] }],
      github: [{ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' }],
      stripe: [{ error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such charge: 'ch_1'", param: 'id' } }],
    };
    assert.deepEqual(Object.keys(bodies).sort(), [...BUILTIN_PROFILES].sort());
    for (const [name, examples] of Object.entries(bodies)) assert.equal(pickProfile(examples)?.profile.name, name, name);
    assert.equal(pickProfile(['Not Found', [1]]), undefined);
  });

  // Each of these bodies fits more than one built-in: GitHub's `{message}` fits every body with a
  // string `message`, Fastify's `{error, message}` the flat envelope's, FastAPI's `{detail}` problem details.
  const ALSO_FIT_OTHERS: Array<[string, unknown, string[]]> = [
    ['nestjs', { message: 'Cat 7 not found', error: 'Not Found', statusCode: 404 }, ['fastify']],
    // Nest leaves `error` out of the 500 it makes of an unexpected exception.
    ['nestjs', { statusCode: 500, message: 'Internal server error' }, []],
    ['fastify', { statusCode: 404, error: 'Not Found', message: 'Route GET:/x not found' }, ['nestjs']],
    ['envelope', { error: 'not_found', message: 'no order 7', requestId: 'r-1' }, ['fastify']],
    // Members in another order: the envelope all the same.
    ['envelope', { message: 'no order 7', error: 'not_found', requestId: 'r-1' }, ['fastify']],
    ['fastify', { message: 'Unsupported Media Type', error: 'Unsupported Media Type' }, []],
    ['github', { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }], documentation_url: 'https://docs.github.com/rest' }, []],
    ['kubernetes', { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', code: 404 }, []],
    ['problem', { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no order 7' }, ['fastapi']],
  ];

  it('a body several built-ins fit is picked for the one that names most of its members', () => {
    for (const [name, body, others] of ALSO_FIT_OTHERS) {
      assert.deepEqual(BUILTIN_PROFILES.filter((other) => other !== name && fitsOf(builtinProfile(other), [body]) === 1), others, `${name}: also fit`);
      assert.equal(pickProfile([body])?.profile.name, name, JSON.stringify(body));
      // Three of them, as `auto` reads a run's first bodies.
      assert.equal(pickProfile([body, body, body])?.profile.name, name, JSON.stringify(body));
    }
  });

  it('bodies of two shapes: the profile most of them fit, whatever their order', () => {
    const github = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
    const nest = { message: 'Cat 7 not found', error: 'Not Found', statusCode: 404 };
    const stripe = { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such charge' } };
    const envelope = { error: 'not_found', message: 'no charge', requestId: 'r-1' };
    for (const [bodies, picked] of [
      // GitHub's bodies always link their documentation: a bare `{message}` is not GitHub's.
      [[github, nest, nest], 'nestjs'],
      [[github, github, nest], 'github'],
      [[nest, nest, nest, github, github], 'nestjs'],
      [[stripe, stripe, envelope], 'stripe'],
      [[envelope, envelope, stripe], 'envelope'],
    ] as const) {
      for (const order of [bodies, [...bodies].reverse()]) assert.equal(pickProfile(order)?.profile.name, picked, JSON.stringify(order));
    }
  });

  it('the checks the notes stand in for exist', () => {
    const ids = new Set(ALL_CHECKS.map((check) => check.id));
    for (const id of [...BODY_SHAPE_CHECKS, ...EXPECTATION_CHECKS]) assert.ok(ids.has(id), id);
  });

  it('every command that takes --profile lists every built-in profile; those that see error bodies list auto', async () => {
    for (const command of ['probe', 'validate', 'spec', 'catalog']) {
      const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
      const option = /--profile <name\|file> (.*?)\(default/.exec(help)?.[1] ?? '';
      for (const name of BUILTIN_PROFILES) assert.match(option, new RegExp(`\\b${name}\\b`), `${command}: ${name}`);
      assert.equal(/\bauto\b/.test(option), command === 'probe' || command === 'validate', `${command}: auto`);
    }
  });

  it('README lists every built-in profile: in validate\'s options, and in "Profiles"', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`Options: \`--profile ${[...BUILTIN_PROFILES, 'auto', 'FILE'].join('\\|')}\``));
    const profiles = /\n## Profiles\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    for (const name of BUILTIN_PROFILES) assert.match(profiles, new RegExp(`\`${name}\``), name);
  });

  it('validate: `auto` picks from the recorded error bodies; the wrong profile is said once', async () => {
    const har = fixture('recorded', 'mixed.har');
    const auto = JSON.parse((await runCli(['validate', '--profile', 'auto', '--format', 'json', har])).stdout) as Results;
    assert.equal(auto.profile, 'kubernetes');
    assert.deepEqual(auto.diagnostics?.map((d) => [d.kind, 'profile' in d ? d.profile : undefined]), [['profile-picked', 'kubernetes']]);
    const problem = await runCli(['validate', '--profile', 'problem', har]);
    assert.equal(problem.code, 1);
    assert.match(problem.stdout, /^MUST {4}0 of 10 error bodies are problem details \(said once here for 10 responses\); seen: \{kind, apiVersion, metadata, status, message, reason, …\} \(10\); the kubernetes profile fits 10: run with --profile kubernetes$/m);
    assert.doesNotMatch(problem.stdout, / schema$/m);
    const json = JSON.parse((await runCli(['validate', '--profile', 'problem', '--format', 'json', har])).stdout) as Results;
    await saidOnceInEveryFormat(json, '0 of 10 error bodies are problem details (said once here for 10 responses)', 1);
  });

  it('`auto` against a server that does not answer: unreachable, exit 3, as the probes would say', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runCli(['probe', '--openapi', fixture('api', 'nest', 'openapi.yaml'), '--server', `http://127.0.0.1:${port}`, '--profile', 'auto']);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /^statuslint: http:\/\/127\.0\.0\.1:\d+ did not answer: connect ECONNREFUSED/);
  });

  it('`auto` where no error body is seen is one line naming --profile, exit 2', async () => {
    const run = await runCli(['spec', fixture('api', 'orders.openapi.yaml'), '--profile', 'auto']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: --profile: `auto` picks a profile from the error bodies a run sees: use it with probe --openapi or validate\n');
  });
});
