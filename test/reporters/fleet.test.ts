/**
 * The fleet model and its three formats, on real runs: kube-apiserver v1.37.2 and k8s.io/sample-apiserver
 * (through the aggregator and at its own address), both saved by `statuslint probe --format json` from
 * the local cluster (test/fixtures/results/generate-fleet.ts), and the broken-server fixture's run.
 * What the fleet says is asserted problem by problem, and checked against each run's own items.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type FleetProblem, type FleetReport, fleetReport, runNames } from '../../conformance/fleet.js';
import { FLEET_REPORTERS } from '../../conformance/reporters/fleet/index.js';
import { FORMAT_NAMES } from '../../conformance/reporters/names.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { parseResults } from '../../conformance/results-stream.js';
import { createAjv, fleetJsonSchema } from '../../schemas/index.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const DOC = `${repoRoot}/docs/report.md`;

export const FLEET_FILES = [fixture('results', 'fleet', 'kube-apiserver.json'), fixture('results', 'fleet', 'sample-apiserver.json'), fixture('results', 'broken-server.json')];
const read = (file: string): Results => parseResults(readFileSync(file, 'utf8'), file);
const RUNS = FLEET_FILES.map(read);
const fleet: FleetReport = fleetReport(runNames(FLEET_FILES).map((name, i) => ({ name, file: FLEET_FILES[i]!, results: RUNS[i]! })));

/** A problem by check and probe (and expected value, where one check and probe fail several ways). */
function problem(list: readonly FleetProblem[], checkId: string, probeId: string, expected?: string): FleetProblem {
  const found = list.filter((p) => p.checkId === checkId && p.probeId === probeId && (expected === undefined || p.expected === expected));
  assert.equal(found.length, 1, `${checkId} on ${probeId}: ${found.length} problems`);
  return found[0]!;
}

/** Per run: state, number of findings. */
const states = (p: FleetProblem): Array<[string, string, number]> => p.runs.map((r) => [r.run, r.state, r.findings]);

/** What a run's own items say: the subjects (resources) with a counting finding of this check on this probe. */
const findingsIn = (results: Results, checkId: string, probeId: string): number =>
  results.items.filter((i) => i.probeId === probeId).reduce((n, i) => n + findingsOfItem(i).filter((f) => f.checkId === checkId).length, 0);

describe('the fleet model of kube-apiserver, sample-apiserver and the broken server', () => {
  it('names each run after its file and gives each its verdict and counts, as its own summary does', () => {
    assert.deepEqual(
      fleet.runs.map((r) => [r.name, r.verdict, r.findings.MUST, r.findings.SHOULD, r.responses]),
      [
        ['kube-apiserver', 'not-conformant', 5, 29, 335],
        ['sample-apiserver', 'not-conformant', 4, 10, 95],
        ['broken-server', 'not-conformant', 28, 19, 31],
      ],
    );
    for (const [i, file] of FLEET_FILES.entries()) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { summary: { verdict: string; findings: object; responses: number } };
      assert.deepEqual([fleet.runs[i]!.verdict, fleet.runs[i]!.findings, fleet.runs[i]!.responses], [saved.summary.verdict, saved.summary.findings, saved.summary.responses]);
    }
    assert.equal(fleet.verdict, 'not-conformant');
  });

  it('puts the Kubernetes versions side by side, with the aggregated server probed at its own address', () => {
    assert.deepEqual(
      fleet.runs.map((r) => [r.name, r.version, r.direct?.version]),
      [
        ['kube-apiserver', 'v1.37.2', undefined],
        ['sample-apiserver', 'v1.37.2', 'v1.37.2'],
        ['broken-server', 'v1.33.0', undefined],
      ],
    );
    assert.deepEqual(fleet.versions, [
      { version: 'v1.33.0', runs: ['broken-server'] },
      { version: 'v1.37.2', runs: ['kube-apiserver', 'sample-apiserver'] },
    ]);
  });

  it('shares two problems: no Allow header on 405, and a text/plain 404 for an unknown group', () => {
    assert.deepEqual(
      fleet.shared.map((p) => [p.level, p.checkId, p.probeId, p.pointer]),
      [
        ['SHOULD', 'allow-header', 'method-not-allowed', 'header:Allow'],
        ['SHOULD', 'content-type-json', 'unknown-group', 'header:Content-Type'],
      ],
    );
    const allow = problem(fleet.shared, 'allow-header', 'method-not-allowed');
    assert.deepEqual(states(allow), [
      ['kube-apiserver', 'found', 21],
      ['sample-apiserver', 'found', 4],
      ['broken-server', 'found', 2],
    ]);
    // The counts are each run's own: one finding per resource without Allow.
    assert.deepEqual(allow.runs.map((r) => r.findings), RUNS.map((results) => findingsIn(results, 'allow-header', 'method-not-allowed')));
    assert.deepEqual(allow.runs[1]!.subjects, ['fischers.wardle.example.com', 'fischers.wardle.example.com (direct)', 'flunders.wardle.example.com', 'flunders.wardle.example.com (direct)']);
    assert.deepEqual(allow.runs[2]!.subjects, ['configmaps', 'gadgets.example.dev']);
    assert.ok(allow.runs[0]!.subjects.includes('configmaps') && allow.runs[0]!.subjects.includes('deployments.apps'));
    const unknownGroup = problem(fleet.shared, 'content-type-json', 'unknown-group');
    assert.deepEqual(unknownGroup.runs.map((r) => r.subjects), [['server'], ['server'], ['server']]);
  });

  it('says which run differs: the broken server alone on what it breaks, checked and clean on the real servers', () => {
    const wrongCode = problem(fleet.differing, 'code-matches-http-status', 'create-wrong-content-type');
    assert.deepEqual([wrongCode.level, wrongCode.expected], ['MUST', '415']);
    assert.deepEqual(states(wrongCode), [
      ['kube-apiserver', 'not-found', 0],
      ['sample-apiserver', 'not-found', 0],
      ['broken-server', 'found', 2],
    ]);
    assert.deepEqual(states(problem(fleet.differing, 'reason-expected', 'update-stale-resourceversion')), [
      ['kube-apiserver', 'not-found', 0],
      ['sample-apiserver', 'not-found', 0],
      ['broken-server', 'found', 2],
    ]);
    // Every problem only the broken server has is one of its defects, never one of the real servers'.
    const brokenOnly = fleet.differing.filter((p) => p.runs[2]!.state === 'found' && p.runs[0]!.state !== 'found' && p.runs[1]!.state !== 'found');
    assert.ok(brokenOnly.length >= 20, `${brokenOnly.length}`);
  });

  it('says which run differs: kube-apiserver alone on the CRD, sample-apiserver alone at its own address', () => {
    assert.deepEqual(states(problem(fleet.differing, 'status-code-expected', 'method-not-allowed')), [
      ['kube-apiserver', 'found', 1],
      ['sample-apiserver', 'not-found', 0],
      ['broken-server', 'not-found', 0],
    ]);
    assert.deepEqual(problem(fleet.differing, 'status-code-expected', 'method-not-allowed').runs[0]!.subjects, ['widgets.example.statuslint.dev']);
    // The broken server serves no collection a PUT could be refused on: never checked there.
    assert.deepEqual(states(problem(fleet.differing, 'status-code-expected', 'put-to-collection')), [
      ['kube-apiserver', 'found', 1],
      ['sample-apiserver', 'not-found', 0],
      ['broken-server', 'not-checked', 0],
    ]);
    // sample-apiserver at its own address answers an unknown group with a bare 404: no Status at all.
    const bare = problem(fleet.differing, 'status-matches-http-class', 'unknown-group');
    assert.deepEqual(states(bare), [
      ['kube-apiserver', 'not-checked', 0],
      ['sample-apiserver', 'found', 1],
      ['broken-server', 'not-checked', 0],
    ]);
    assert.deepEqual(bare.runs[1]!.subjects, ['server (direct)']);
  });

  it('lists every problem of every run once, shared or differing', () => {
    const all = [...fleet.shared, ...fleet.differing];
    assert.equal(new Set(all.map((p) => p.id)).size, all.length);
    for (const [i, results] of RUNS.entries()) {
      const total = all.reduce((n, p) => n + (p.runs[i]!.state === 'found' ? p.runs[i]!.findings : 0), 0);
      assert.equal(total, results.items.reduce((n, item) => n + findingsOfItem(item).length, 0), fleet.runs[i]!.name);
    }
    // MUST problems first.
    const levels = fleet.differing.map((p) => p.level);
    assert.deepEqual(levels, [...levels].sort());
  });

  it('sets apart what a policy suppressed, and a conformant run differs from the others', () => {
    const [kube, , broken] = RUNS;
    const waived: Results = JSON.parse(JSON.stringify(broken)) as Results;
    for (const item of waived.items) {
      for (const check of item.checks) if (check.outcome === 'fail' && check.checkId === 'allow-header') for (const f of check.findings) f.suppressed = { kind: 'waived', reason: 'upstream', by: 'allow' };
    }
    const clean: Results = { ...kube!, items: kube!.items.filter((i) => findingsOfItem(i).length === 0 && !i.error) };
    const model = fleetReport([
      { name: 'kube', file: 'kube.json', results: kube! },
      { name: 'waived', file: 'waived.json', results: waived },
      { name: 'clean', file: 'clean.json', results: clean },
    ]);
    assert.deepEqual(model.runs.map((r) => r.verdict), ['not-conformant', 'not-conformant', 'conformant']);
    assert.equal(model.shared.length, 0);
    assert.deepEqual(states(problem(model.differing, 'allow-header', 'method-not-allowed')).slice(0, 2), [
      ['kube', 'found', 21],
      ['waived', 'set-apart', 2],
    ]);
    assert.equal(model.verdict, 'not-conformant');
    assert.equal(fleetReport([{ name: 'a', file: 'a.json', results: clean }, { name: 'b', file: 'b.json', results: clean }]).verdict, 'conformant');
  });

  it('names runs after their files, keeping the path when two files share a name', () => {
    assert.deepEqual(runNames(['ci/prod-eu.json', 'ci/prod-us.JSON', '-']), ['prod-eu', 'prod-us', 'stdin']);
    assert.deepEqual(runNames(['eu/results.json', 'us/results.json']), ['eu/results.json', 'us/results.json']);
  });
});

describe('the fleet formats', () => {
  it('are one per file in conformance/reporters/fleet/, each named as its file, and each a run format too', () => {
    const files = readdirSync(`${repoRoot}/conformance/reporters/fleet`).filter((f) => f !== 'index.ts' && f !== 'reporter.ts');
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), [...FLEET_REPORTERS.keys()].sort());
    for (const [name, reporter] of FLEET_REPORTERS) {
      assert.equal(reporter.name, name);
      assert.ok(FORMAT_NAMES.includes(name as never), name);
    }
  });

  const render = (format: string): string => [...FLEET_REPORTERS.get(format)!.chunks(fleet)].join('');

  it('json: the model as schemas/generated/fleet.schema.json describes it', () => {
    const document = JSON.parse(render('json')) as FleetReport & { $schema: string };
    const validate = createAjv().compile(fleetJsonSchema());
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
    const { $schema, ...model } = document;
    assert.equal($schema, 'https://statuslint.dev/schemas/fleet.schema.json');
    assert.deepEqual(model, JSON.parse(JSON.stringify(fleet)));
  });

  it('markdown: the runs side by side, then each shared and differing problem with each run\'s cell', () => {
    const markdown = render('markdown');
    assert.match(markdown, /^## ❌ Fleet: 3 of 3 runs not conformant\n/);
    assert.match(markdown, /^\| Kubernetes version \| `v1\.37\.2` \| `v1\.37\.2` \| `v1\.33\.0` \|$/m);
    assert.match(markdown, /^\| Aggregated server \(direct\) \| — \| `v1\.37\.2` at `https:\/\/127\.0\.0\.1:8443` \| — \|$/m);
    assert.match(markdown, /^### Shared by every run \(2\)$/m);
    assert.match(markdown, new RegExp(`^### Where the runs differ \\(${fleet.differing.length}\\)$`, 'm'));
    assert.match(markdown, /^\| SHOULD \| `allow-header` \| `method-not-allowed` \| `header:Allow` \| `Allow` \| ❌ found: 21 \(componentstatuses, configmaps, controllerrevisions\.apps and 18 more\) \| ❌ found: 4 \(fischers\.wardle\.example\.com, fischers\.wardle\.example\.com \(direct\), flunders\.wardle\.example\.com and 1 more\) \| ❌ found: 2 \(configmaps, gadgets\.example\.dev\) \|/m);
    assert.match(markdown, /^\| \*\*MUST\*\* \| `code-matches-http-status` \| `create-wrong-content-type` \| `\/code` \| `415` \| ✅ not found \| ✅ not found \| ❌ found: 2 \(configmaps, gadgets\.example\.dev\) \|/m);
    assert.match(markdown, /^\| \*\*MUST\*\* \| `status-code-expected` \| `put-to-collection` \| `\(body\)` \| `405` \| ❌ found: 1 \(widgets\.example\.statuslint\.dev\) \| ✅ not found \| ⚪ not checked \|/m);
    // One row per problem: as many as the model has.
    assert.equal(markdown.split('\n').filter((line) => /^\| (\*\*MUST\*\*|SHOULD) \| `/.test(line)).length, fleet.shared.length + fleet.differing.length);
  });

  it('markdown: docs/report.md shows the head of this very report', () => {
    const [start, end] = ['<!-- fleet-markdown:start -->', '<!-- fleet-markdown:end -->'];
    // The runs, the shared problems and the first rows of those that differ.
    const head = render('markdown').split('\n').slice(0, 29).join('\n');
    const embedded = `${start}\n\n${head}\n${end}`;
    const doc = readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOC, doc.replace(new RegExp(`${start}[^]*${end}`), () => embedded));
      return;
    }
    assert.ok(doc.includes(embedded), 'docs/report.md is out of date: run UPDATE_DOCS=1 node --import tsx --test test/reporters/fleet.test.ts');
  });

  it('html: a page with the same cells, every value escaped', () => {
    const html = render('html');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<h1>3 of 3 runs not conformant<\/h1>/);
    const row = (p: FleetProblem): string => html.split('\n').find((line) => line.startsWith(`<tr data-problem="${p.id}">`)) ?? '';
    const allow = problem(fleet.shared, 'allow-header', 'method-not-allowed');
    assert.deepEqual([...row(allow).matchAll(/data-state="([a-z-]+)"/g)].map((m) => m[1]), ['found', 'found', 'found']);
    assert.deepEqual([...row(problem(fleet.differing, 'status-code-expected', 'put-to-collection')).matchAll(/data-state="([a-z-]+)"/g)].map((m) => m[1]), ['found', 'not-found', 'not-checked']);
    const hostile = fleetReport([
      { name: '<img src=x onerror=alert(1)>', file: 'a.json', results: RUNS[2]! },
      { name: 'b', file: 'b.json', results: RUNS[2]! },
    ]);
    const page = [...FLEET_REPORTERS.get('html')!.chunks(hostile)].join('');
    assert.ok(!page.includes('<img'), 'a run name is text');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
