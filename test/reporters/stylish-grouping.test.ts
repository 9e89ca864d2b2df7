// Issue #15: a server that gets one thing wrong everywhere (64 collections answering 405 without
// `Allow`) filled the terminal with 64 copies of one finding and its hint. stylish shows a finding
// several responses share once, naming them; --verbose lists every response as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../conformance/check.js';
import type { Finding } from '../../conformance/findings.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import stylish from '../../conformance/reporters/stylish.js';
import { RESULTS_SCHEMA_VERSION, type ResultItem, type Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { brokenServerResults } from './fixtures.js';

const NO_ALLOW: Omit<Finding, 'checkId' | 'level'> = {
  pointer: 'header:Allow',
  received: 'no Allow header',
  expected: 'an Allow header',
  message: 'Received: a 405 with no `Allow` header. Expected: an `Allow` header listing the supported methods.',
  hint: 'Send `Allow: GET, POST, …` with every 405 (RFC 9110 requires it).',
};

const failed = (checkId: string, level: Finding['level'], finding: Omit<Finding, 'checkId' | 'level'>): CheckResult => ({ checkId, level, outcome: 'fail', findings: [{ checkId, level, ...finding }] });

function probeItem(probeId: string, resource: string, checks: CheckResult[], extra: Partial<ResultItem> = {}): ResultItem {
  return { id: `${probeId}:${resource}`, title: `${probeId} (${resource})`, location: `PATCH /api/v1/${resource}`, probeId, resource, checks, ...extra };
}

function resultsOf(items: ResultItem[]): Results {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'statuslint', version: '0.0.0' },
    command: 'probe',
    profile: 'kubernetes',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    items,
  };
}

const SHARING = ['configmaps', 'secrets', 'deployments.apps', 'services', 'pods'];

/** Five collections answer 405 without `Allow`; a sixth has a problem of its own. */
function fiveShareOne(): Results {
  return resultsOf([
    ...SHARING.map((resource) => probeItem('method-not-allowed', resource, [{ checkId: 'status-code-expected', level: 'MUST', outcome: 'pass' }, failed('allow-header', 'SHOULD', NO_ALLOW)])),
    probeItem('method-not-allowed', 'widgets.example.dev', [
      failed('status-code-expected', 'MUST', {
        pointer: '',
        received: '400',
        expected: '405',
        message: 'Received: HTTP 400. Expected: HTTP 405 with reason `MethodNotAllowed`.',
        hint: 'Answer a method the path lacks with 405.',
      }),
    ]),
  ]);
}

const plain = (results: Results, verbose?: boolean): string => stylish.render(results, { color: false, ...(verbose !== undefined ? { verbose } : {}) });
const count = (text: string, part: string): number => text.split(part).length - 1;
const linesWith = (text: string, part: string): string[] => text.split('\n').filter((line) => line.includes(part));

describe('stylish: findings several responses share', () => {
  it('shows the shared finding once, names its responses on one line, and gives the hint once', () => {
    const text = plain(fiveShareOne());
    assert.equal(linesWith(text, 'allow-header').length, 1);
    assert.equal(count(text, NO_ALLOW.hint!), 1);
    assert.deepEqual(linesWith(text, 'responses to'), ['          5 responses to method-not-allowed: configmaps, secrets, deployments.apps, services, pods']);
    // finding, subjects, hint: in that order, one after the other
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.includes('allow-header'));
    assert.match(lines[at + 1]!, /5 responses to method-not-allowed/);
    assert.match(lines[at + 2]!, /^ {10}hint: Send `Allow/);
    for (const resource of SHARING) assert.ok(!text.includes(`PATCH /api/v1/${resource}`), `${resource} gets no block of its own`);
  });

  it('lists a response with a finding of its own as before', () => {
    const text = plain(fiveShareOne());
    assert.match(text, /^PATCH \/api\/v1\/widgets\.example\.dev {2}method-not-allowed \(widgets\.example\.dev\)\n {2}MUST {4}\/ {2}Received: HTTP 400\. .* {2}status-code-expected\n {10}hint: Answer a method the path lacks with 405\.\n$/m);
  });

  it('with verbose, lists every response, each with its findings and hints, as before', () => {
    const text = plain(fiveShareOne(), true);
    assert.equal(linesWith(text, 'PATCH /api/v1/').length, 6);
    assert.equal(linesWith(text, 'allow-header').length, 5);
    assert.equal(count(text, NO_ALLOW.hint!), 5);
    assert.equal(linesWith(text, 'responses to').length, 0);
    assert.ok(text.startsWith('PATCH /api/v1/configmaps  method-not-allowed (configmaps)\n  SHOULD  header:Allow  Received: a 405'));
    assert.equal(plain(fiveShareOne(), false), plain(fiveShareOne()), 'verbose: false is the default');
  });

  it('keeps the totals line whichever way the findings are shown', () => {
    const totals = (text: string): string => text.trimEnd().split('\n').at(-1)!;
    assert.equal(totals(plain(fiveShareOne())), totals(plain(fiveShareOne(), true)));
    assert.match(totals(plain(fiveShareOne())), /^✖ 6 problems \(1 MUST, 5 SHOULD\) in 6 of 6 responses/);
    const probe = brokenServerResults();
    assert.equal(totals(plain(probe)), totals(plain(probe, true)));
  });

  it('groups only what reads the same: not messages that name the resource, not the same words from two probes', () => {
    const named = (resource: string): CheckResult => failed('details-match-request', 'SHOULD', { pointer: '/message', message: `Received: \`message: "${resource} \\"x\\" not found"\`.` });
    const text = plain(
      resultsOf([
        probeItem('get-missing', 'configmaps', [named('configmaps')]),
        probeItem('get-missing', 'secrets', [named('secrets')]),
        probeItem('create-wrong-content-type', 'configmaps', [failed('allow-header', 'SHOULD', NO_ALLOW)]),
        probeItem('patch-unsupported-patch-type', 'configmaps', [failed('allow-header', 'SHOULD', NO_ALLOW)]),
      ]),
    );
    assert.equal(linesWith(text, 'responses to').length, 0);
    assert.equal(linesWith(text, 'details-match-request').length, 2);
    assert.equal(linesWith(text, 'allow-header').length, 2);
  });

  it('orders MUST before SHOULD, then the most responses first, then as the results met them', () => {
    const must = (n: number): CheckResult => failed(`must-${n}`, 'MUST', { pointer: '', message: `must ${n}` });
    const should = (n: number): CheckResult => failed(`should-${n}`, 'SHOULD', { pointer: '', message: `should ${n}` });
    const results = resultsOf([
      probeItem('p', 'a', [should(1), must(2), must(1), should(2)]),
      probeItem('p', 'b', [should(1), must(2), must(1), should(2)]),
      probeItem('p', 'c', [should(1), should(2)]),
      probeItem('p', 'd', [should(2)]),
    ]);
    const order = (text: string): string[] => [...text.matchAll(/ {2}((?:must|should)-\d)$/gm)].map((m) => m[1]!);
    assert.deepEqual(order(plain(results)), ['must-2', 'must-1', 'should-2', 'should-1']);
    assert.equal(plain(results), plain(JSON.parse(JSON.stringify(results)) as Results), 'the same model, the same text');
  });

  it('names each subject once, at most six, and counts the rest', () => {
    const resources = Array.from({ length: 9 }, (_, i) => `r${i}`);
    const items = resources.map((resource) => probeItem('method-not-allowed', resource, [failed('allow-header', 'SHOULD', NO_ALLOW)]));
    // The same resource through the aggregator and directly is two subjects.
    items.push(probeItem('method-not-allowed', 'r0', [failed('allow-header', 'SHOULD', NO_ALLOW)], { id: 'direct', via: 'direct' }));
    assert.deepEqual(linesWith(plain(resultsOf(items)), 'responses to'), ['          10 responses to method-not-allowed: r0, r1, r2, r3, r4, r5, … (+4 more)']);
    // Recorded responses have no resource: their position names them.
    const recorded = ['a.har#1', 'a.har#4'].map((location, i): ResultItem => ({ id: String(i), title: 'GET /x → 405', location, checks: [failed('allow-header', 'SHOULD', NO_ALLOW)] }));
    assert.deepEqual(linesWith(plain({ ...resultsOf(recorded), command: 'validate' }), ' responses:'), ['          2 responses: a.har#1, a.har#4']);
  });

  it('still shows a response that could not be checked, with its error', () => {
    const results = fiveShareOne();
    results.items[0]!.error = 'connection reset';
    const text = plain(results);
    assert.match(text, /^PATCH \/api\/v1\/configmaps {2}method-not-allowed \(configmaps\)\n {2}error {2}connection reset\n\n/m);
    assert.equal(linesWith(text, 'allow-header').length, 1);
  });

  it('escapes hostile subject and probe names, and opens no line with a workflow command', () => {
    const hostile = '\u001b]0;pwned\u0007\n::error::owned\u202e';
    const results = resultsOf([
      probeItem(hostile, `${hostile}-a`, [failed('allow-header', 'SHOULD', NO_ALLOW)]),
      probeItem(hostile, `${hostile}-b`, [failed('allow-header', 'SHOULD', NO_ALLOW)]),
      // Alone, its location opens a line.
      probeItem('p', 'c', [failed('x', 'MUST', { pointer: '', message: 'x' })], { location: '::error::location' }),
    ]);
    for (const verbose of [false, true]) {
      for (const color of [false, true]) {
        const text = stylish.render(results, { color, verbose }).replace(/\u001b\[[0-9;]*m/g, '');
        assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        assert.deepEqual(text.split('\n').filter((line) => /^\s*::/.test(line)), []);
        assert.match(text, /^\\x3a:error::location/m);
      }
    }
    assert.ok(plain(results).includes('2 responses to \\x1b]0;pwned\\x07\\n::error::owned\\u202e: \\x1b]0;pwned\\x07\\n::error::owned\\u202e-a, '));
  });

  it('with colour, differs from the plain text only by its own colour codes', () => {
    const coloured = stylish.render(fiveShareOne(), { color: true });
    assert.match(coloured, /\u001b\[/);
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain(fiveShareOne()));
  });

  it('is stylish only: every other format ignores verbose', () => {
    for (const [name, reporter] of REPORTERS) {
      if (name === 'stylish') continue;
      for (const results of [fiveShareOne(), brokenServerResults()]) assert.equal(reporter.render(results, { color: false, verbose: true }), reporter.render(results, { color: false }), name);
    }
  });
});

describe('statuslint report --verbose', () => {
  const RESULTS = fixture('results', 'broken-server.json');

  it('shows the broken server\'s repeated findings once each, and every response with --verbose', async () => {
    const [grouped, verbose] = await Promise.all([runCli(['report', RESULTS]), runCli(['report', RESULTS, '--verbose'])]);
    for (const run of [grouped, verbose]) assert.equal(run.code, 1, run.stderr);
    assert.equal(grouped.stdout, plain(brokenServerResults()));
    assert.equal(verbose.stdout, plain(brokenServerResults(), true));
    assert.equal(linesWith(grouped.stdout, 'allow-header').length, 1);
    assert.match(grouped.stdout, /\n {10}2 responses to method-not-allowed: gadgets\.example\.dev, configmaps\n {10}hint: Send `Allow/);
    assert.equal(linesWith(verbose.stdout, 'allow-header').length, 2);
    assert.ok(grouped.stdout.split('\n').length < verbose.stdout.split('\n').length);
  });

  it('is accepted by every command that writes stylish output, and changes no other format', async () => {
    for (const command of ['probe', 'validate', 'spec', 'report']) assert.match((await runCli([command, '--help'])).stdout, /--verbose/, command);
    const markdown = await runCli(['report', RESULTS, '--verbose', '--format', 'markdown']);
    assert.equal(markdown.stdout, (await runCli(['report', RESULTS, '--format', 'markdown'])).stdout);
    const validate = await runCli(['validate', fixture('recorded', 'mixed.har'), '--verbose']);
    assert.equal(validate.code, 1, validate.stderr);
    assert.match(validate.stdout, /8 problems \(4 MUST, 4 SHOULD\) in 8 of 13 responses/);
  });
});
