/** `statuslint spec` as a user runs it: the built bin, its exit codes, its one-line errors and its outputs. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { sarifRuleId } from '../../conformance/reporters/sarif.js';
import { runCli, runNode } from '../helpers/cli.js';
import { cliPath, fixture } from '../helpers/paths.js';

const openapi = (...parts: string[]): string => fixture('openapi', ...parts);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('statuslint spec', () => {
  it('exits 0 on a clean document of each version', async () => {
    for (const file of ['clean-2.0.json', 'clean-3.0.yaml', 'clean-3.1.yaml']) {
      const run = await runCli(['spec', openapi(file)]);
      assert.equal(run.code, 0, `${file}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /✔ no problems/);
    }
  });

  it('exits 1 on findings; --fail-on must ignores SHOULD findings; --check narrows the run', async () => {
    const findings = await runCli(['spec', openapi('findings-2.0.yaml')]);
    assert.equal(findings.code, 1);
    assert.match(findings.stdout, /\/definitions\/Error\/properties\/reason\/enum\/1 {2}Received: `Notfound`/);
    const shouldOnly = await runCli(['spec', openapi('findings-2.0.yaml'), '--check', 'retry-after-documented', '--fail-on', 'must']);
    assert.equal(shouldOnly.code, 0, shouldOnly.stdout);
    assert.match(shouldOnly.stdout, /retry-after-documented/);
  });

  it('writes JSON results to a file and stylish to standard output in one run', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'statuslint-spec-')), 'spec.json');
    const run = await runCli(['spec', openapi('findings-2.0.yaml'), '--format', 'json', '-o', out, '--format', 'stylish']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /5 problems \(2 MUST, 3 SHOULD\)/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    assert.equal(results.command, 'spec');
    assert.equal(results.target?.server, openapi('findings-2.0.yaml'));
    assert.deepEqual(results.items.map((i) => i.location), [openapi('findings-2.0.yaml'), '/paths/~1pets~1{name}/get']);
  });

  it('says on which line and column of the file each finding is written, in every format that has a place for it', async () => {
    const file = openapi('findings-2.0.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-spec-'));
    const run = await runCli(['spec', file, '--format', 'json', '-o', join(dir, 'r.json'), '--format', 'sarif', '-o', join(dir, 'r.sarif'), '--format', 'github', '-o', join(dir, 'r.txt'), '--format', 'stylish']);
    assert.equal(run.code, 1, run.stderr);
    // findings-2.0.yaml line 19: `      reason: { type: string, enum: [NotFound, Notfound, TooManyRequests] }`
    const results = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Results;
    const enumFinding = results.items.flatMap(findingsOfItem).find((f) => f.checkId === 'reason-enum-known')!;
    assert.deepEqual([enumFinding.line, enumFinding.column], [19, 48]);
    assert.ok(results.items.flatMap(findingsOfItem).every((f) => Number.isInteger(f.line) && Number.isInteger(f.column)));
    assert.match(run.stdout, /^ {2}19:48 {2}MUST {4}\/definitions\/Error\/properties\/reason\/enum\/1 {2}Received: `Notfound`/m);
    assert.match(run.stdout, /^ {2}13:9 {2}SHOULD {2}\/paths\/~1pets~1\{name\}\/get\/responses\/418 /m);
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region?: object } }> }> }> };
    const sarifEnum = sarif.runs[0]!.results.find((r) => r.ruleId === sarifRuleId('reason-enum-known'))!;
    assert.deepEqual(sarifEnum.locations[0]!.physicalLocation.region, { startLine: 19, startColumn: 48 });
    assert.match(readFileSync(join(dir, 'r.txt'), 'utf8'), new RegExp(`^::error title=statuslint reason-enum-known \\(MUST\\),file=${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=19,col=48::`, 'm'));
    // The saved results, lines included, render again.
    const again = await runCli(['report', join(dir, 'r.json'), '--format', 'sarif']);
    assert.equal(again.code, 1, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), sarif);
  });

  it('reads standard input with -', async () => {
    const run = await runCli(['spec', '-', '--format', 'json'], { input: readFileSync(openapi('clean-3.0.yaml'), 'utf8') });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as Results).target?.server, '<stdin>');
  });

  it('judges by the profile: a Status is no problem details', async () => {
    const run = await runCli(['spec', openapi('clean-3.0.yaml'), '--profile', 'problem', '--check', 'error-schema-compatible', '--format', 'json']);
    assert.equal(run.code, 1);
    const results = JSON.parse(run.stdout) as Results;
    assert.equal(results.profile, 'problem');
    const expected = new Set(results.items.flatMap((i) => i.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => f.expected) : []))));
    assert.deepEqual([...expected].sort(), ['status: integer', 'title: string', 'type: string, detail: string']);
  });

  it('checks statuses alone with a profile whose errors have no body (`body.kind: none`)', async () => {
    const profile = join(mkdtempSync(join(tmpdir(), 'statuslint-none-')), 'statuses.json');
    writeFileSync(profile, JSON.stringify({ name: 'statuses', body: { kind: 'none' } }));
    const run = await runCli(['spec', openapi('findings-2.0.yaml'), '--profile', profile, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Results;
    assert.deepEqual(
      results.items.flatMap(findingsOfItem).map((f) => [f.checkId, f.expected, f.received]),
      [
        ['documented-status-known', 'registered status', '418'],
        ['retry-after-documented', 'Retry-After', 'no headers'],
      ],
    );
    const skipped = results.items[1]!.checks.filter((c) => c.outcome === 'skip').map((c) => c.checkId);
    assert.deepEqual(skipped, ['error-schema-compatible', 'error-content-type-json', 'error-examples-valid']);
  });

  it('turns a broken document into one line naming the file and position, exit 2', async () => {
    const yaml = await runCli(['spec', openapi('bad-yaml.yaml')]);
    assert.equal(yaml.code, 2);
    assert.equal(yaml.stderr, `statuslint: ${openapi('bad-yaml.yaml')}:3:10: invalid YAML: Nested mappings are not allowed in compact mappings\n`);
    assert.equal(yaml.stdout, '');
  });

  it('stops with one line, exit 2, where a document needs more memory than the process may use', async () => {
    // About 6 MiB of operations, checked in a Node allowed 80 MiB of old space: V8 would abort with a stack trace (exit 134).
    const path = (i: number): string => `  /r${i}:\n    get:\n      responses:\n        '200': { description: OK }\n        '404': { description: Not found, content: { application/json: { schema: { type: object, properties: { reason: { type: string } } } } } }\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'statuslint-spec-')), 'big.yaml');
    writeFileSync(file, `openapi: 3.0.3\ninfo: { title: Big, version: '1' }\npaths:\n${Array.from({ length: 36_000 }, (_, i) => path(i)).join('')}`);
    const run = await runNode(['--max-old-space-size=80', cliPath, 'spec', file, '--format', 'json'], { env: { NO_COLOR: '1' } });
    assert.equal(run.code, 2, run.stderr.slice(0, 500));
    assert.match(run.stderr, /^statuslint: .*big\.yaml: too large to check in the memory this process may use \(\d+ MiB\): give Node more with NODE_OPTIONS=--max-old-space-size=<MiB>, or split the document\n$/);
    assert.equal(run.stdout, '');
  });

  it('reports a $ref to nothing as a finding on its line, and checks the rest of the document', async () => {
    const ref = await runCli(['spec', openapi('bad-ref.yaml'), '--format', 'json']);
    assert.equal(ref.code, 1, ref.stderr);
    const findings = (JSON.parse(ref.stdout) as Results).items.flatMap(findingsOfItem);
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.pointer, f.line, f.received]),
      [
        ['refs-resolve', '/paths/~1pets/get/responses/404/content/application~1json/schema/$ref', 11, '#/components/schemas/Eror'],
        // What the $ref stood in is not judged again; the rest of the document is (it has a 418).
        ['error-schema-compatible', '/paths/~1pets/get/responses/418', 12, 'no schema'],
        ['documented-status-known', '/paths/~1pets/get/responses/418', 12, '418'],
      ],
    );
  });

  it('refuses unclear usage with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['spec'], /^statuslint: spec: no document/],
      [['spec', openapi('clean-3.0.yaml'), '--from-cluster'], /give a document or --from-cluster, not both/],
      [['spec', openapi('clean-3.0.yaml'), '--context', 'kind'], /^statuslint: --context: reads a cluster; add --from-cluster/],
      [['spec', openapi('clean-3.0.yaml'), '--check', 'nope'], /^statuslint: --check: unknown check "nope"/],
      [['spec', openapi('nope.yaml')], /nope\.yaml: no such file/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });

  it('exits 3 when the document\'s server does not answer', async () => {
    const run = await runCli(['spec', `http://127.0.0.1:${await closedPort()}/openapi.yaml`]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /did not answer/);
  });

  it('exits 3 when the cluster does not answer', async () => {
    const run = await runCli(['spec', '--from-cluster', '--server', `https://127.0.0.1:${await closedPort()}`, '--timeout', '5']);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /did not answer/);
  });
});
