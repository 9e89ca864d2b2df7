import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { findingsOfItem, RESULTS_SCHEMA_VERSION, type Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { brokenServerResults, SECRETS, validateResults, withCredentials } from './fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-report-'));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
const PROBE_RESULTS = fixture('results', 'broken-server.json');

describe('statuslint report', () => {
  it('renders a saved run in several formats at once, each to its file, the same as the reporters do', async () => {
    const [html, junit, sarif] = ['report.html', 'junit.xml', 'results.sarif'].map((n) => join(scratch, n));
    const run = await runCli(['report', PROBE_RESULTS, '--format', 'html', '-o', html!, '--format', 'junit', '-o', junit!, '--format', 'sarif', '-o', sarif!, '--format', 'markdown']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const results = brokenServerResults();
    assert.equal(run.stdout, REPORTERS.get('markdown')!.render(results, { color: false }));
    assert.equal(readFileSync(html!, 'utf8'), REPORTERS.get('html')!.render(results, { color: false }));
    assert.equal(readFileSync(junit!, 'utf8'), REPORTERS.get('junit')!.render(results, { color: false }));
    assert.equal(readFileSync(sarif!, 'utf8'), REPORTERS.get('sarif')!.render(results, { color: false }));
  });

  it('exits by the verdict for probe results and by findings for validate results', async () => {
    const conformant: Results = { ...brokenServerResults(), items: brokenServerResults().items.filter((i) => i.probeId === 'get-not-acceptable') };
    assert.equal((await runCli(['report', write('conformant.json', JSON.stringify(conformant))])).code, 0);
    assert.equal((await runCli(['report', fixture('results', 'validate-mixed.json'), '--format', 'github'])).code, 1);
    const clean: Results = { ...validateResults(), items: validateResults().items.filter((item) => !item.error && findingsOfItem(item).length === 0) };
    assert.ok(clean.items.length > 0);
    assert.equal((await runCli(['report', write('clean.json', JSON.stringify(clean))])).code, 0);
    // No response judged is no pass: nothing checked, as for probe results.
    const empty: Results = { ...validateResults(), items: [] };
    assert.equal((await runCli(['report', write('empty.json', JSON.stringify(empty))])).code, 5);
  });

  it('reads a version 1 file: every format as from the same run at the current version, the json with its summary', async () => {
    const v1 = fixture('results', 'validate-mixed.v1.json');
    const latest = fixture('results', 'validate-mixed.json');
    for (const format of REPORTERS.keys()) {
      const [old, current] = await Promise.all([runCli(['report', v1, '--format', format]), runCli(['report', latest, '--format', format])]);
      assert.equal(old.stderr, '', format);
      assert.equal(old.code, 1, format);
      assert.equal(old.stdout, current.stdout, format);
    }
    const rewritten = await runCli(['report', v1, '--format', 'json']);
    assert.equal(rewritten.stdout, readFileSync(latest, 'utf8'));
    const document = JSON.parse(rewritten.stdout) as { schemaVersion: number; summary: { verdict: string; findings: object } };
    assert.equal(document.schemaVersion, RESULTS_SCHEMA_VERSION);
    assert.deepEqual([document.summary.verdict, document.summary.findings], ['not-conformant', { MUST: 4, SHOULD: 4 }]);
  });

  it('writes a fresh summary, whatever summary the file holds', async () => {
    const results = brokenServerResults();
    const conformant = { ...results, items: results.items.filter((i) => i.probeId === 'get-not-acceptable') };
    const run = await runCli(['report', write('stale-summary.json', JSON.stringify(conformant)), '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const { summary } = JSON.parse(run.stdout) as { summary: { verdict: string; responses: number } };
    assert.deepEqual([summary.verdict, summary.responses], ['conformant', 2]);
  });

  it('reads standard input with -', async () => {
    const run = await runCli(['report', '-', '--format', 'github'], { input: readFileSync(PROBE_RESULTS, 'utf8') });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^::error title=statuslint code-matches-http-status \(MUST\)::/);
  });

  it('turns a bad file into one line and exit 2', async () => {
    const cases: Array<[string, RegExp]> = [
      [join(scratch, 'missing.json'), /^statuslint: .*missing\.json: no such file\n$/],
      [write('not-json.json', '{"schemaVersion": 1,'), /^statuslint: .*not-json\.json: not JSON: /],
      [fixture('recorded', 'mixed.har'), /^statuslint: .*mixed\.har: not a statuslint results file \(\/ must have required property 'schemaVersion'\); write one with --format json\n$/],
      [write('newer.json', JSON.stringify({ ...brokenServerResults(), schemaVersion: 4 })), /^statuslint: .*newer\.json: results schema version 4 is newer than this statuslint reads \(3\); upgrade statuslint\n$/],
      [write('no-summary.json', JSON.stringify({ ...brokenServerResults(), summary: undefined })), /^statuslint: .*no-summary\.json: not a statuslint results file \(\/ must have required property 'summary'\); write one with --format json\n$/],
    ];
    for (const [file, message] of cases) {
      const run = await runCli(['report', file]);
      assert.equal(run.code, 2, file);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    }
    const unknown = await runCli(['report', PROBE_RESULTS, '--format', 'pdf']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown format "pdf" \(use stylish, json, junit, sarif, markdown, html, github\)/);
  });

  it('never writes a credential the file holds', async () => {
    const file = write('leaky.json', JSON.stringify(withCredentials(brokenServerResults())));
    for (const format of REPORTERS.keys()) {
      const run = await runCli(['report', file, '--format', format]);
      for (const secret of Object.values(SECRETS)) assert.ok(!run.stdout.includes(secret), `${format}: ${secret}`);
    }
  });

  it('gives validate every format too', async () => {
    const out = join(scratch, 'validate.xml');
    const run = await runCli(['validate', fixture('recorded', 'mixed.har'), '--format', 'junit', '-o', out, '--format', 'markdown']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^## ❌ Not conformant: statuslint validate/);
    assert.match(readFileSync(out, 'utf8'), /<testsuite name="[^"]*mixed\.har" tests="\d+" failures="8"/);
  });
});
