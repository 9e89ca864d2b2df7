/**
 * `statuslint report a.json b.json …`: the saved runs of kube-apiserver, sample-apiserver and the broken
 * server (see test/reporters/fleet.test.ts) merged by the built CLI, each format to its file, with the
 * exit code the worst of the runs'. One file keeps its behaviour (test/reporters/report-command.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FleetReport } from '../../conformance/fleet.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { createAjv, fleetJsonSchema } from '../../schemas/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const KUBE = fixture('results', 'fleet', 'kube-apiserver.json');
const SAMPLE = fixture('results', 'fleet', 'sample-apiserver.json');
const BROKEN = fixture('results', 'broken-server.json');
const scratch = mkdtempSync(join(tmpdir(), 'statuslint-fleet-'));
const write = (name: string, results: Results): string => {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(results));
  return path;
};
const kube = (): Results => JSON.parse(readFileSync(KUBE, 'utf8')) as Results;

describe('statuslint report with several files: a fleet report', () => {
  it('writes json, markdown and html of the same fleet at once, and exits 1: every run fails', async () => {
    const [json, html] = ['fleet.json', 'fleet.html'].map((name) => join(scratch, name));
    const run = await runCli(['report', KUBE, SAMPLE, BROKEN, '--format', 'json', '-o', json!, '--format', 'html', '-o', html!, '--format', 'markdown']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    const fleet = JSON.parse(readFileSync(json!, 'utf8')) as FleetReport;
    const validate = createAjv().compile(fleetJsonSchema());
    assert.ok(validate(fleet), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(fleet.runs.map((r) => [r.name, r.file, r.verdict, r.version]), [
      ['kube-apiserver', KUBE, 'not-conformant', 'v1.37.2'],
      ['sample-apiserver', SAMPLE, 'not-conformant', 'v1.37.2'],
      ['broken-server', BROKEN, 'not-conformant', 'v1.33.0'],
    ]);
    assert.deepEqual(fleet.shared.map((p) => `${p.checkId} ${p.probeId} ${p.runs.map((r) => r.findings).join('/')}`), ['allow-header method-not-allowed 21/4/2', 'content-type-json unknown-group 1/1/1']);
    const differing = new Map(fleet.differing.map((p) => [`${p.checkId} ${p.probeId} ${p.expected}`, p.runs.map((r) => r.state).join(' ')]));
    assert.equal(differing.get('reason-expected create-wrong-content-type UnsupportedMediaType'), 'not-found not-found found');
    assert.equal(differing.get('status-code-expected post-to-object 405'), 'found not-found not-checked');
    assert.equal(differing.get('reason-expected unknown-group NotFound'), 'not-checked found not-checked');
    // The three formats say the same: markdown on standard output, html to its file.
    assert.match(run.stdout, /^## ❌ Fleet: 3 of 3 runs not conformant\n/);
    assert.match(run.stdout, /^\| \*\*MUST\*\* \| `status-code-expected` \| `post-to-object` \| `\(body\)` \| `405` \| ❌ found: 1 \(widgets\.example\.statuslint\.dev\) \| ✅ not found \| ⚪ not checked \|/m);
    const page = readFileSync(html!, 'utf8');
    const id = fleet.differing.find((p) => p.checkId === 'status-code-expected' && p.probeId === 'post-to-object')!.id;
    const row = page.split('\n').find((line) => line.startsWith(`<tr data-problem="${id}">`))!;
    assert.deepEqual([...row.matchAll(/data-state="([a-z-]+)"/g)].map((m) => m[1]), ['found', 'not-found', 'not-checked']);
  });

  it('writes Markdown when no format is given, and reads one run from standard input', async () => {
    const run = await runCli(['report', KUBE, '-'], { input: readFileSync(SAMPLE, 'utf8') });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^\| {2}\| \*\*kube-apiserver\*\* \| \*\*stdin\*\* \|$/m);
    assert.match(run.stdout, /^### Shared by every run \(\d+\)$/m);
  });

  it('exits with the worst of the runs: 0 when all pass, 5 when one checked nothing, 1 when one fails; --fail-on applies to each', async () => {
    const clean = write('clean.json', { ...kube(), items: kube().items.filter((i) => findingsOfItem(i).length === 0 && !i.error) });
    const nothing = write('nothing.json', { ...kube(), items: [], notRun: [] });
    const failing = write('failing.json', kube());
    assert.equal((await runCli(['report', clean, write('clean-too.json', JSON.parse(readFileSync(clean, 'utf8')) as Results), '--format', 'json'])).code, 0);
    assert.equal((await runCli(['report', clean, nothing, '--format', 'json'])).code, 5);
    assert.equal((await runCli(['report', nothing, clean, failing, '--format', 'json'])).code, 1);
    assert.equal((await runCli(['report', clean, failing, '--format', 'json', '--fail-on', 'never'])).code, 0);
    // SHOULD findings fail the run with --fail-on should: the clean run has none, the SAMPLE run has some.
    const shouldOnly = write('should-only.json', { ...kube(), items: kube().items.filter((i) => !i.error && findingsOfItem(i).every((f) => f.level === 'SHOULD')) });
    assert.equal((await runCli(['report', clean, shouldOnly, '--format', 'json'])).code, 0);
    assert.equal((await runCli(['report', clean, shouldOnly, '--format', 'json', '--fail-on', 'should'])).code, 1);
  });

  it('says in one line, exit 2, what a fleet report cannot do', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'sarif'], /^statuslint: --format: "sarif" takes one results file; a fleet report of 2 files is written as json, markdown, html\n$/],
      [['--format', 'json', '-o', join(scratch, 'x.json'), '--format', 'stylish'], /^statuslint: --format: "stylish" takes one results file; /],
      [['--baseline', join(scratch, 'b.json'), '--update-baseline', '--format', 'json'], /^statuslint: --update-baseline: writes a baseline from one run: give one results file, not 2\n$/],
    ];
    for (const [flags, message] of cases) {
      const run = await runCli(['report', KUBE, BROKEN, ...flags]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
    const twice = await runCli(['report', '-', '-']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /^statuslint: <results>: standard input can be read once: give - once\n$/);
    const bad = await runCli(['report', KUBE, fixture('recorded', 'mixed.har'), '--format', 'json']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^statuslint: .*mixed\.har: not a statuslint results file \(\/ must have required property 'schemaVersion'\); write one with --format json\n$/);
  });
});
