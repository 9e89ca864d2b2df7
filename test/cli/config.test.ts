/**
 * statuslint.config.yaml, found as ESLint finds its config: the working directory, then its parents up
 * to the repository root; `--config FILE` names one, `--no-config` reads none. Flags override it, paths
 * in it are relative to it, and a wrong key or value is one line naming the key and what is allowed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A body whose one finding is SHOULD-level (no message): `validate` fails on it by default, not with `failOn: must`. */
const SHOULD_ONLY = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 });

function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const validate = (cwd: string, ...args: string[]) => runCli(['validate', '--status', '404', ...args], { cwd });

describe('finding the config', () => {
  const root = tree('found', {
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/statuslint.config.yaml': 'failOn: must\n',
    'repo/api/deep/body.json': SHOULD_ONLY,
    'statuslint.config.yaml': 'failOn: should\n',
    'other/body.json': SHOULD_ONLY,
  });

  it('reads the nearest one up to the repository root', async () => {
    const run = await validate(join(root, 'repo', 'api', 'deep'), 'body.json');
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it('stops at the repository root: a config above it belongs to another project', async () => {
    const inner = tree('above', { 'outer/statuslint.config.yaml': 'failOn: never\n', 'outer/repo/.git/HEAD': '', 'outer/repo/body.json': SHOULD_ONLY });
    assert.equal((await validate(join(inner, 'outer', 'repo'), 'body.json')).code, 1);
  });

  it('--no-config reads none, --config names one', async () => {
    const deep = join(root, 'repo', 'api', 'deep');
    assert.equal((await validate(deep, 'body.json', '--no-config')).code, 1);
    assert.equal((await validate(join(root, 'other'), 'body.json', '--config', join(root, 'repo', 'statuslint.config.yaml'))).code, 0);
  });

  it('flags override the file', async () => {
    assert.equal((await validate(join(root, 'repo', 'api', 'deep'), 'body.json', '--fail-on', 'should')).code, 1);
  });

  it('refuses two config files in one directory', async () => {
    const both = tree('both', { 'statuslint.config.yaml': '', 'statuslint.config.json': '{}', 'body.json': SHOULD_ONLY });
    const run = await validate(both, 'body.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /two config files in one directory: .*statuslint\.config\.yaml and .*statuslint\.config\.json; keep one/);
  });
});

describe('what the config holds', () => {
  it('writes its outputs and reads its profile relative to itself, wherever statuslint runs', async () => {
    const root = tree('paths', {
      'ci/statuslint.config.json': JSON.stringify({ profile: '../profiles/teams.yaml', outputs: [{ format: 'json', output: '../reports/results.json' }], checks: { 'message-present': 'off' } }),
      'profiles/teams.yaml': 'name: teams\nextends: kubernetes\nbody: { kind: kubernetes-status }\n',
      'reports/.keep': '',
      'body.json': SHOULD_ONLY,
    });
    const run = await validate(root, 'body.json', '--config', join(root, 'ci', 'statuslint.config.json'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '', 'the config sends the report to its file');
    const results = JSON.parse(readFileSync(join(root, 'reports', 'results.json'), 'utf8')) as Results;
    assert.equal(results.profile, 'teams');
    assert.deepEqual(results.policy?.checks, [{ checkId: 'message-present', severity: 'off' }]);
    assert.equal(results.policy?.config, join('ci', 'statuslint.config.json'));
    assert.deepEqual(results.items[0]!.checks.find((c) => c.checkId === 'message-present'), {
      checkId: 'message-present',
      level: 'SHOULD',
      outcome: 'skip',
      reason: 'turned off in ci/statuslint.config.json (checks.message-present: off)',
    });
  });

  it('names the document spec checks when none is given', async () => {
    const root = tree('spec', { 'api/statuslint.config.yaml': 'openapi: ../openapi.yaml\n', 'openapi.yaml': readFileSync(fixture('openapi', 'clean-3.1.yaml'), 'utf8') });
    const run = await runCli(['spec', '--format', 'json'], { cwd: join(root, 'api') });
    assert.equal(run.code, 0, run.stderr);
    // Outside the working directory: named in full.
    assert.equal((JSON.parse(run.stdout) as Results).target?.server, join(root, 'openapi.yaml'));
  });

  it('leaves report\'s outputs alone: its outputs are for the run, and may name the very file report reads', async () => {
    const root = tree('report', { 'statuslint.config.yaml': 'outputs: [{ format: json, output: saved.json }]\n', 'saved.json': readFileSync(fixture('results', 'validate-mixed.json'), 'utf8') });
    const before = readFileSync(join(root, 'saved.json'), 'utf8');
    const run = await runCli(['report', 'saved.json'], { cwd: root });
    assert.match(run.stdout, /✖ 8 problems/);
    assert.equal(readFileSync(join(root, 'saved.json'), 'utf8'), before);
  });

  it('is overridden by --format on the command line', async () => {
    const root = tree('formats', { 'statuslint.config.yaml': 'outputs: [{ format: json, output: r.json }]\n', 'body.json': SHOULD_ONLY });
    const run = await validate(root, 'body.json', '--format', 'github');
    assert.match(run.stdout, /^::warning /m);
    assert.throws(() => readFileSync(join(root, 'r.json')));
  });
});

describe('a config that is wrong', () => {
  const cases: Array<[string, string]> = [
    ['probes: { foo: off }', 'probes.foo: unknown probe "foo" (allowed: apiservice-available, apply-conflict, body-too-large, '],
    ['probes: [get-missing, foo]', 'probes[1]: unknown probe "foo" (allowed: apiservice-available, '],
    ['checks: { allow-header: warn }', 'checks.allow-header: "warn" is not allowed (allowed: must, should, off)'],
    ['checks: { allow-headers: off }', 'checks.allow-headers: unknown check "allow-headers" (did you mean "allow-header"? allowed: allow-header, cause-reason-known, '],
    ['profle: kubernetes', 'profle: unknown key "profle" (did you mean "profile"? allowed: profile, kubeconfig, context, server, namespace, openapi, groups, resources, operations, probes, concurrency, timeout, failOn, baseline, outputs, sarifRoot, checks, ignore, waivers, inherit)'],
    ['failOn: sometimes', 'failOn: "sometimes" is not allowed (allowed: must, should, never)'],
    ['waivers: [{ check: allow-header }]', 'waivers[0]: missing "reason"'],
    ['waivers: [{ reason: accepted }]', 'waivers[0]: needs at least one of check, probe, resource, group, path, operation, pointer, received, fingerprint'],
    ['waivers: [{ reason: r, check: schema, expires: 2027-13-01 }]', 'waivers[0].expires: must be a date, YYYY-MM-DD, not "2027-13-01"'],
    ['waivers: [{ reason: r, probe: get-mising }]', 'waivers[0].probe: unknown probe "get-mising" (allowed: '],
    ['ignore: [{ reason: r }]', 'ignore[0]: needs at least one of resource, group, path, operation'],
    ['concurrency: 0', 'concurrency: must be at least 1'],
    ['groups: apps', 'groups: must be a list, not "apps"'],
    ['outputs: [{ format: jsn }]', 'outputs[0].format: unknown format "jsn" (allowed: stylish, json, junit, sarif, markdown, html, github)'],
    ['inherit: k8s', 'inherit: unknown inherited set "k8s" (allowed: k8s.io/apiserver)'],
    ['server: localhost:8080', 'server: must be an http or https URL, not "localhost:8080"'],
  ];
  for (const [yaml, line] of cases) {
    it(`${yaml} → one line naming the key and what is allowed, exit 2`, async () => {
      const root = tree(`bad-${cases.findIndex((c) => c[0] === yaml)}`, { 'statuslint.config.yaml': `${yaml}\n`, 'body.json': SHOULD_ONLY });
      const run = await validate(root, 'body.json');
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.startsWith(`statuslint: statuslint.config.yaml: ${line}`), run.stderr);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    });
  }

  it('YAML that does not parse: the line and column', async () => {
    const root = tree('bad-yaml', { 'statuslint.config.yaml': 'timeout: 3\ntimeout: 4\n', 'body.json': SHOULD_ONLY });
    const run = await validate(root, 'body.json');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: statuslint.config.yaml:2:1: invalid YAML: Map keys must be unique\n');
  });

  it('a --config that does not exist', async () => {
    const run = await validate(scratch, 'x.json', '--config', 'nope.yaml');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nope\.yaml: no such config file\n$/);
  });
});
