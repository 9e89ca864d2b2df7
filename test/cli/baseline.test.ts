/**
 * `--baseline FILE` and `--update-baseline`: a team accepts the findings it has today and fails only
 * on new ones. The file is written sorted, one finding a line; a run says how many findings are new,
 * known, and fixed since the baseline.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-baseline-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const RECORDING = join(scratch, 'mixed.har');
copyFileSync(fixture('recorded', 'mixed.har'), RECORDING);
const BASELINE = join(scratch, 'statuslint.baseline.json');

interface Har {
  log: { entries: Array<{ response: { content: { text: string } } }> };
}

/** The recording a week later: one problem fixed (entry 3's reason), one new (entry 1's). */
function laterRecording(): string {
  const har = JSON.parse(readFileSync(RECORDING, 'utf8')) as Har;
  const body = (i: number): Record<string, unknown> => JSON.parse(har.log.entries[i]!.response.content.text) as Record<string, unknown>;
  const fixed = { ...body(2), reason: 'NotFound' };
  const broken = { ...body(0), reason: 'AlreadyExists' };
  har.log.entries[2]!.response.content.text = JSON.stringify(fixed);
  har.log.entries[0]!.response.content.text = JSON.stringify(broken);
  const path = join(scratch, 'later.har');
  writeFileSync(path, JSON.stringify(har));
  return path;
}

const run = (...args: string[]) => runCli(['validate', '--no-config', ...args], { cwd: scratch });

describe('baselines', () => {
  it('are asked for by name: a missing file, or --update-baseline without one, is one line', async () => {
    const missing = await run(RECORDING, '--baseline', 'nope.json');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'statuslint: nope.json: no such baseline file; write one with --update-baseline\n');
    const nameless = await run(RECORDING, '--update-baseline');
    assert.equal(nameless.code, 2);
    assert.equal(nameless.stderr, 'statuslint: --update-baseline: needs a baseline file: give --baseline FILE (or `baseline:` in the config)\n');
  });

  it('--update-baseline writes every finding of the run; the next run knows them all and passes', async () => {
    const written = await run(RECORDING, '--baseline', BASELINE, '--update-baseline');
    assert.equal(written.code, 0, written.stdout);
    assert.equal(written.stderr, `statuslint: wrote ${BASELINE} (8 added, 0 removed)\n`);
    const entries = readFileSync(BASELINE, 'utf8').split('\n').filter((line) => line.startsWith('    {'));
    assert.equal(entries.length, 8);
    const again = await run(RECORDING, '--baseline', BASELINE);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /^0 new, 8 known, 0 fixed since the baseline .*statuslint\.baseline\.json$/m);
    assert.match(again.stdout, /^reported apart: known, waived and inherited findings do not fail the run$/m);
    assert.match(again.stdout, /✔ no problems in 13 responses/);
  });

  it('fails on a new finding only, and counts the one fixed since', async () => {
    const later = laterRecording();
    const result = await run(later, '--baseline', BASELINE, '--format', 'json');
    assert.equal(result.code, 1);
    const results = JSON.parse(result.stdout) as Results & { summary: { baseline: object; findings: object } };
    assert.deepEqual(results.summary.baseline, { new: 1, known: 7, fixed: 1 });
    assert.deepEqual(results.summary.findings, { MUST: 1, SHOULD: 0 });
    assert.deepEqual(results.policy?.baseline?.fixed.map((entry) => [entry.checkId, entry.subject]), [['reason-code-match', 'GET /apis/wardle.example.com/v1alpha1/namespaces/default/flunders/f1']]);
  });

  it('--update-baseline adds the new one and prunes the fixed one; the diff is those two lines', async () => {
    const before = readFileSync(BASELINE, 'utf8').split('\n');
    const update = await run(laterRecording(), '--baseline', BASELINE, '--update-baseline');
    assert.equal(update.code, 0);
    assert.match(update.stderr, /\(1 added, 1 removed\)\n$/);
    const after = readFileSync(BASELINE, 'utf8').split('\n');
    const removed = before.filter((line) => !after.includes(line));
    const added = after.filter((line) => !before.includes(line));
    assert.equal(removed.length, 1, removed.join('\n'));
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(removed[0]!, /"subject":"GET \/apis\/wardle\.example\.com\//);
    assert.match(added[0]!, /"subject":"GET \/api\/v1\/namespaces\/default\/pods\/missing"/);
  });

  it('are not updated from a run that was interrupted, which would prune what it never judged', async () => {
    const before = readFileSync(BASELINE, 'utf8');
    const saved = join(scratch, 'interrupted.json');
    await run(RECORDING, '--format', 'json', '-o', saved);
    writeFileSync(saved, JSON.stringify({ ...(JSON.parse(readFileSync(saved, 'utf8')) as object), interrupted: true, items: [] }));
    const report = await runCli(['report', saved, '--no-config', '--baseline', BASELINE, '--update-baseline']);
    assert.equal(report.code, 130);
    assert.equal(report.stderr, `statuslint: the run was interrupted: ${BASELINE} is left as it was\n`);
    assert.equal(readFileSync(BASELINE, 'utf8'), before);
  });

  it('a streamed validate --update-baseline writes the file and the report that the run held whole does', async () => {
    // An old baseline with an entry about a subject this recording does not hold (kept), and a waiver (its finding is not written).
    const elsewhere = { fingerprint: 'f'.repeat(16), checkId: 'schema', level: 'MUST', subject: 'GET /elsewhere', pointer: '' };
    const old = readFileSync(BASELINE, 'utf8').replace('"findings": [\n', `"findings": [\n    ${JSON.stringify(elsewhere)},\n`);
    const config = join(scratch, 'waiving.config.yaml');
    writeFileSync(config, 'waivers:\n  - check: content-type-json\n    reason: the proxy sets it\n');
    const later = laterRecording();
    const saved = join(scratch, 'held.json');
    await run(later, '--format', 'json', '-o', saved);
    const [streamedFile, heldFile] = [join(scratch, 'streamed.baseline.json'), join(scratch, 'held.baseline.json')];
    writeFileSync(streamedFile, old);
    writeFileSync(heldFile, old);
    const streamed = await runCli(['validate', later, '--config', config, '--baseline', streamedFile, '--update-baseline', '--format', 'json'], { cwd: scratch });
    const held = await runCli(['report', saved, '--config', config, '--baseline', heldFile, '--update-baseline', '--format', 'json'], { cwd: scratch });
    assert.equal(streamed.code, held.code, streamed.stderr);
    assert.equal(streamed.stderr.replace(streamedFile, 'FILE'), held.stderr.replace(heldFile, 'FILE'));
    // The two content-type-json entries are dropped: the waiver covers those findings now.
    assert.match(streamed.stderr, /\(0 added, 2 removed\)\n$/);
    assert.equal(readFileSync(streamedFile, 'utf8'), readFileSync(heldFile, 'utf8'));
    assert.match(readFileSync(streamedFile, 'utf8'), /GET \/elsewhere/);
    assert.doesNotMatch(readFileSync(streamedFile, 'utf8'), /content-type-json/);
    // The same judgements: findings, suppressions and what the policy records, the file names aside.
    const judged = (out: string, file: string) => {
      const results = JSON.parse(out.replaceAll(JSON.stringify(file).slice(1, -1), 'FILE')) as Results & { summary: unknown };
      return { items: results.items.map((item) => item.checks), policy: results.policy, summary: results.summary };
    };
    assert.deepEqual(judged(streamed.stdout, streamedFile), judged(held.stdout, heldFile));
  });

  it('apply to saved results too: report --baseline', async () => {
    const saved = join(scratch, 'saved.json');
    await run(laterRecording(), '--format', 'json', '-o', saved);
    const report = await runCli(['report', saved, '--no-config', '--baseline', BASELINE]);
    assert.equal(report.code, 0, report.stdout);
    assert.match(report.stdout, /^0 new, 8 known, 0 fixed since the baseline /m);
  });
});
