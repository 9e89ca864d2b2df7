// Issue #15: the main job's results file (3.8 MB) held no verdict, so a script had to recount every
// item to learn the outcome. `--format json` now writes a `summary` at the top (schema version 2).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import json from '../../conformance/reporters/json.js';
import { RESULTS_SCHEMA_VERSION, type ResultItem, type Results, type ResultsDocument } from '../../conformance/results.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { passRate, resultsSummary, summarize, verdictOf } from '../../conformance/summary.js';
import { builtinProfile, createAjv } from '../../schemas/index.js';
import { cliPath, fixture, repoRoot } from '../helpers/paths.js';
import { listenLocal } from '../helpers/servers.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const validate = createAjv().compile(JSON.parse(readFileSync(`${repoRoot}/schemas/results.schema.json`, 'utf8')) as object);
const written = (results: Results): ResultsDocument => JSON.parse(json.render(results, { color: false })) as ResultsDocument;
const withoutSummary = (results: Results): Results => {
  const { summary: _summary, ...model } = results as Results & { summary?: unknown };
  return model as Results;
};

const noAnswer: ResultItem = {
  id: 'get-missing:widgets.example.dev',
  title: 'Read an object that does not exist',
  location: 'GET /apis/example.dev/v1/widgets/statuslint-missing-3f9a1c',
  probeId: 'get-missing',
  error: 'no usable response: connect ECONNREFUSED (ECONNREFUSED)',
  checks: [],
};

describe('the summary in --format json', () => {
  it('states the probe fixture’s outcome: verdict, findings, responses, check tallies and pass rates', () => {
    const results = withoutSummary(brokenServerResults());
    const document = written(results);
    assert.equal(document.schemaVersion, 3);
    assert.deepEqual(document.summary, {
      verdict: 'not-conformant',
      conformant: false,
      findings: { MUST: 28, SHOULD: 19 },
      responses: 31,
      failedResponses: 29,
      errors: 0,
      checks: { MUST: { passed: 228, failed: 28, skipped: 85 }, SHOULD: { passed: 90, failed: 17, skipped: 234 } },
      passRates: { MUST: 228 / 256, SHOULD: 90 / 107 },
    });
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('agrees with the summary every other report states', () => {
    for (const results of [brokenServerResults(), validateResults()].map(withoutSummary)) {
      const { summary } = written(results);
      const report = summarize(results);
      assert.equal(summary.conformant, verdictOf(results).conformant);
      assert.deepEqual(summary.checks, report.levels);
      assert.deepEqual(summary.findings, report.findings);
      assert.deepEqual([summary.responses, summary.failedResponses, summary.errors], [report.responses, report.failedResponses, report.errors]);
      assert.deepEqual(summary.passRates, { MUST: passRate(report.levels.MUST), SHOULD: passRate(report.levels.SHOULD) });
    }
  });

  it('comes after the items, with what is known only when the run is over: the file is written as the responses arrive', () => {
    const text = json.render(withoutSummary(brokenServerResults()), { color: false });
    const keys = Object.keys(JSON.parse(text) as object);
    assert.deepEqual(keys.slice(0, keys.indexOf('summary') + 1), ['schemaVersion', 'tool', 'command', 'profile', 'target', 'startedAt', 'items', 'finishedAt', 'summary']);
    assert.match(text, /\n {2}\],\n {2}"finishedAt": "[^"]+",\n {2}"summary": \{\n {4}"verdict": "not-conformant",[^]*"passRates": \{[^}]*\}\n {2}\},\n {2}"discovery"/);
  });

  it('is counted when written: a summary the model carries is replaced, never copied', () => {
    const results = brokenServerResults();
    const stale = { ...results, summary: { verdict: 'conformant', conformant: true } } as Results;
    assert.equal(written(stale).summary.verdict, 'not-conformant');
    const fewer: Results = { ...results, items: results.items.filter((item) => item.probeId === 'get-not-acceptable') };
    assert.deepEqual([written(fewer).summary.verdict, written(fewer).summary.responses], ['conformant', 2]);
  });

  it('counts a probe without an answer as an error, which makes the run not conformant', () => {
    const results = brokenServerResults();
    const onlyClean: Results = { ...results, items: [...results.items.filter((item) => item.probeId === 'get-not-acceptable'), noAnswer] };
    const { summary } = written(onlyClean);
    assert.deepEqual([summary.verdict, summary.conformant, summary.errors, summary.failedResponses, summary.responses], ['not-conformant', false, 1, 0, 3]);
  });

  it('says `interrupted` for a stopped run, and whether what ran was conformant', () => {
    const results = brokenServerResults();
    const stopped = written({ ...results, interrupted: true });
    assert.deepEqual([stopped.summary.verdict, stopped.summary.conformant, stopped.summary.findings], ['interrupted', false, { MUST: 28, SHOULD: 19 }]);
    const cleanSoFar = written({ ...results, interrupted: true, items: results.items.filter((item) => item.probeId === 'get-not-acceptable') });
    assert.deepEqual([cleanSoFar.summary.verdict, cleanSoFar.summary.conformant], ['interrupted', true]);
    assert.ok(validate(stopped) && validate(cleanSoFar), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('judges validate results by the same rule, with the findings a --fail-on should run exits on', () => {
    const results = validateResults();
    const mixed = written(results).summary;
    assert.deepEqual([mixed.verdict, mixed.findings, mixed.responses, mixed.failedResponses, mixed.errors], ['not-conformant', { MUST: 4, SHOULD: 4 }, 13, 8, 0]);
    // SHOULD findings only: conformant, yet `validate` exits 1 by default; `findings` tells a script so.
    const shouldOnly: Results = { ...results, items: results.items.filter((item) => item.checks.every((c) => c.outcome !== 'fail' || c.findings.every((f) => f.level === 'SHOULD'))) };
    const summary = written(shouldOnly).summary;
    assert.equal(summary.verdict, 'conformant');
    assert.equal(summary.findings.MUST, 0);
    assert.ok(summary.findings.SHOULD > 0);
  });

  it('gives null pass rates when no check ran, says nothing was checked, and validates against the schema', () => {
    const empty = written({ ...validateResults(), items: [] });
    assert.deepEqual(empty.summary, {
      verdict: 'nothing-checked',
      conformant: true,
      findings: { MUST: 0, SHOULD: 0 },
      responses: 0,
      failedResponses: 0,
      errors: 0,
      checks: { MUST: { passed: 0, failed: 0, skipped: 0 }, SHOULD: { passed: 0, failed: 0, skipped: 0 } },
      passRates: { MUST: null, SHOULD: null },
    });
    assert.ok(validate(empty), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('is written for spec results too', async () => {
    const profile = builtinProfile('kubernetes');
    const loaded = await loadDocument(fixture('openapi', 'findings-2.0.yaml'));
    const document = written(specResults({ profile, target: { server: loaded.source }, startedAt: new Date(), items: checkDocument(loaded, { profile }) }));
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(document.summary.responses, document.items.length);
    assert.ok(document.summary.findings.MUST + document.summary.findings.SHOULD > 0);
  });

  it('is shown in docs/report.md as it is written for the probe fixture', () => {
    const doc = readFileSync(`${repoRoot}/docs/report.md`, 'utf8');
    const example = /### The summary\n[^]*?```json\n("summary": [^]*?)\n```/.exec(doc)?.[1];
    assert.ok(example, 'docs/report.md has the example');
    assert.deepEqual((JSON.parse(`{${example}}`) as { summary: unknown }).summary, written(withoutSummary(brokenServerResults())).summary);
  });

  it('is the same summary the library builds', () => {
    const results = brokenServerResults();
    assert.deepEqual(written(results).summary, JSON.parse(JSON.stringify(resultsSummary(results))));
  });
});

describe('the summary of a run stopped with Ctrl-C', () => {
  const cleanups: Array<() => unknown> = [];
  // Also when the test times out: a run left waiting on the server would keep the file from ending.
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('says `interrupted`, as the exit code 130 does', { timeout: 30_000 }, async () => {
    // A server that never answers: the run is still waiting on it when interrupted.
    let firstRequest!: () => void;
    const asked = new Promise<void>((resolve) => (firstRequest = resolve));
    const server = await listenLocal(createServer(() => firstRequest()));
    cleanups.push(server.close);
    const out = join(mkdtempSync(join(tmpdir(), 'statuslint-summary-')), 'results.json');
    const child = spawn(process.execPath, [cliPath, 'probe', '--openapi', fixture('api', 'orders.openapi.yaml'), '--server', server.url, '--profile', 'problem', '--timeout', '600', '--format', 'json', '-o', out], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    cleanups.unshift(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await asked;
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    const document = JSON.parse(readFileSync(out, 'utf8')) as ResultsDocument;
    assert.equal(document.interrupted, true);
    assert.equal(document.summary.verdict, 'interrupted');
    assert.equal(document.summary.responses, document.items.length);
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
  });
});

describe('the summary in schemas/results.schema.json', () => {
  it('is required from version 2 on and not at version 1', () => {
    const model = withoutSummary(brokenServerResults());
    assert.equal(RESULTS_SCHEMA_VERSION, 3);
    assert.equal(validate({ ...model, schemaVersion: 2 }), false);
    assert.equal(validate({ ...model, schemaVersion: 3 }), false);
    assert.match(JSON.stringify(validate.errors), /must have required property 'summary'/);
    assert.ok(validate({ ...model, schemaVersion: 1 }), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('rejects a summary out of its vocabulary or range', () => {
    const cases: Array<[string, (summary: Record<string, unknown>) => void, RegExp]> = [
      ['an unknown verdict', (s) => (s.verdict = 'passed'), /\/summary\/verdict/],
      ['a pass rate over 1', (s) => (s.passRates = { MUST: 1.5, SHOULD: null }), /\/summary\/passRates\/MUST/],
      ['a negative count', (s) => (s.findings = { MUST: -1, SHOULD: 0 }), /\/summary\/findings\/MUST/],
      ['a level missing', (s) => (s.checks = { MUST: { passed: 1, failed: 0, skipped: 0 } }), /\/summary\/checks/],
    ];
    for (const [name, spoil, where] of cases) {
      const document = written(brokenServerResults()) as unknown as { summary: Record<string, unknown> };
      spoil(document.summary);
      assert.equal(validate(document), false, name);
      assert.match(JSON.stringify(validate.errors), where, name);
    }
  });
});
