// Issue #22: every format is written as the responses of a run arrive, in bounded memory, and reads
// exactly as the report of the same run held whole: the sections a format writes last but places first
// (JUnit's counts, SARIF's rules) go through temporary files, and the summaries come from the digest.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyPolicy } from '../../conformance/policy/apply.js';
import { baselineEntryOf } from '../../conformance/policy/baseline.js';
import { FORMAT_NAMES, REPORTERS } from '../../conformance/reporters/index.js';
import type { ResultItem, Results } from '../../conformance/results.js';
import { GROUPS_KEPT } from '../../conformance/run-digest.js';
import { brokenServerResults, validateResults } from './fixtures.js';
import { writtenAsStreamed } from '../helpers/streamed.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-streamed-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The run fed to the reports in small batches, as `validate` feeds them, sections held in files past 64 bytes. */
async function streamed(results: Results, format: string, verbose = false): Promise<string> {
  const batches: ResultItem[][] = [];
  // Batches of 1, 2, 3, 1, 2, 3… responses: one response alone and several written at once.
  for (let start = 0, size = 1; start < results.items.length; start += size, size = (size % 3) + 1) batches.push(results.items.slice(start, start + size));
  // What a streamed run keeps: the digest of every response, and only some responses as examples.
  return writtenAsStreamed(results, batches, format, join(scratch, `${format}-${Math.random().toString(36).slice(2)}`), verbose);
}

const held = (results: Results, format: string, verbose = false): string => REPORTERS.get(format)!.render(results, { color: false, verbose });

/** The validate fixture under a policy: a baseline that knows some findings, a waiver, a check turned off. */
function withPolicy(): Results {
  const results = validateResults();
  const entries = results.items.slice(0, 4).flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => baselineEntryOf(item, f)) : [])));
  return applyPolicy(results, {
    config: 'statuslint.config.yaml',
    today: '2026-06-01',
    checks: { 'content-type-json': 'off' },
    waivers: [{ name: 'messages', check: 'message-present', reason: 'the gateway drops messages' }],
    baseline: { file: 'statuslint.baseline.json', entries: [...entries, { ...entries[0]!, fingerprint: '0000000000000000' }] },
  });
}

describe('reports written as the responses arrive', () => {
  for (const format of FORMAT_NAMES) {
    it(`${format}: the same text as the run held whole`, async () => {
      assert.equal(await streamed(validateResults(), format), held(validateResults(), format));
      assert.equal(await streamed(withPolicy(), format), held(withPolicy(), format), 'policy');
      if (format === 'stylish') assert.equal(await streamed(validateResults(), format, true), held(validateResults(), format, true), 'verbose');
      // A probe run is held whole; JUnit groups its responses by probe, which a stream cannot.
      if (format !== 'junit') assert.equal(await streamed(brokenServerResults(), format), held(brokenServerResults(), format));
    });
  }

  it('the json is the results model: parsed, the same document whatever the key order', async () => {
    const document = JSON.parse(await streamed(validateResults(), 'json')) as Results & { summary: unknown };
    assert.deepEqual(document, JSON.parse(held(validateResults(), 'json')));
    assert.deepEqual(Object.keys(document).slice(0, 8), ['schemaVersion', 'tool', 'command', 'profile', 'startedAt', 'items', 'finishedAt', 'summary']);
    assert.equal(document.items.length, validateResults().items.length);
  });
});

/** A run whose every response has a problem of its own: more distinct problems than are grouped. */
function allDistinct(count: number): Results {
  const results = validateResults();
  const items: ResultItem[] = Array.from({ length: count }, (_, i) => ({
    id: `response-${i + 1}`,
    title: `GET /things/${i} → 404`,
    location: `things.jsonl:${i + 1}`,
    checks: [
      {
        checkId: 'reason-known',
        level: 'SHOULD',
        outcome: 'fail',
        findings: [{
          checkId: 'reason-known',
          level: 'SHOULD',
          pointer: '/reason',
          expected: 'a reason of the catalog',
          received: `Odd${i}`,
          message: `Received: \`reason: Odd${i}\`.`,
        }],
      },
    ],
  }));
  return { ...results, items };
}

describe('runs with more distinct problems than are grouped', () => {
  const results = allDistinct(GROUPS_KEPT + 100);

  it('github annotates the problems grouped and says how many findings were not', async () => {
    const text = await streamed(results, 'github');
    assert.equal(text, held(results, 'github'));
    assert.equal(text.split('\n').filter((line) => line.startsWith('::warning')).length, GROUPS_KEPT);
    assert.match(text, /^::notice title=statuslint validate%3A findings not annotated::100 findings past the first 1000 distinct problems are not annotated one by one/m);
  });

  it('markdown says how many findings were left out of its problems', async () => {
    const text = await streamed(results, 'markdown');
    assert.equal(text, held(results, 'markdown'));
    assert.match(text, /…and 100 more findings past the first 1000 distinct problems, not grouped/);
  });

  it('stylish lists every response, shared findings or not', async () => {
    const text = await streamed(results, 'stylish');
    assert.equal(text, held(results, 'stylish'));
    assert.equal(text.split('\n').filter((line) => /^things\.jsonl:\d+ {2}GET/.test(line)).length, GROUPS_KEPT + 100);
  });
});
