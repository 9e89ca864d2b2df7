import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baselineEntryOf, parseBaseline, renderBaseline, updatedBaseline } from '../../conformance/policy/baseline.js';
import { applyPolicy } from '../../conformance/policy/apply.js';
import type { BaselineEntry } from '../../conformance/policy/record.js';
import { createAjv } from '../../schemas/compile.js';
import { baselineJsonSchema } from '../../schemas/baseline-schema.js';
import { brokenServerResults } from '../reporters/fixtures.js';

const entriesOf = (): BaselineEntry[] => {
  const results = applyPolicy(brokenServerResults(), { today: '2026-06-01' });
  return results.items.flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => baselineEntryOf(item, f)) : [])));
};

describe('baseline files', () => {
  it('are sorted by check, probe and subject, one finding a line, the same whatever the order given', () => {
    const entries = entriesOf();
    const text = renderBaseline(entries);
    assert.equal(renderBaseline([...entries].reverse()), text);
    const lines = text.split('\n');
    assert.equal(lines[1], '  "$schema": "https://statuslint.dev/schemas/baseline.schema.json",');
    const entryLines = lines.filter((line) => line.startsWith('    {'));
    assert.equal(entryLines.length, new Set(entries.map((e) => e.fingerprint)).size);
    const checks = entryLines.map((line) => (JSON.parse(line.replace(/,$/, '')) as BaselineEntry).checkId);
    assert.deepEqual(checks, [...checks].sort());
    assert.ok(createAjv().validate(baselineJsonSchema(), JSON.parse(text)));
    assert.deepEqual(parseBaseline(text, 'b.json').map((e) => e.fingerprint).sort(), [...new Set(entries.map((e) => e.fingerprint))].sort());
    assert.equal(renderBaseline([]), '{\n  "$schema": "https://statuslint.dev/schemas/baseline.schema.json",\n  "baselineVersion": 1,\n  "findings": []\n}\n');
  });

  it('that are not baselines are one line naming the file and the place', () => {
    assert.throws(() => parseBaseline('{', 'b.json'), /^InputError: not a baseline: not JSON/);
    assert.throws(() => parseBaseline('{"baselineVersion": 2, "findings": []}', 'b.json'), (e: Error & { toLine(): string }) => e.toLine() === 'b.json: not a statuslint baseline (/baselineVersion must be 1); write one with --update-baseline');
    assert.throws(() => parseBaseline('{"baselineVersion": 1, "findings": [{"fingerprint": "x"}]}', 'b.json'), /\/findings\/0/);
  });

  it('are updated with the run\'s findings: new ones added, fixed ones removed, others kept', () => {
    const results = applyPolicy(brokenServerResults(), { today: '2026-06-01' });
    const current = entriesOf();
    const fixed: BaselineEntry = { ...current[0]!, fingerprint: 'ffffffffffffffff' };
    const unexamined: BaselineEntry = { ...current[0]!, fingerprint: 'eeeeeeeeeeeeeeee', subject: 'secrets' };
    const previous = [...current.slice(5), fixed, unexamined];
    const update = updatedBaseline(results.items, previous);
    const fingerprints = new Set(update.entries.map((e) => e.fingerprint));
    assert.ok(current.every((e) => fingerprints.has(e.fingerprint)), 'every finding of the run');
    assert.equal(fingerprints.has('ffffffffffffffff'), false, 'examined again and not found: removed');
    assert.equal(fingerprints.has('eeeeeeeeeeeeeeee'), true, 'about a subject this run did not look at: kept');
    assert.deepEqual([update.added, update.removed], [new Set(current.slice(0, 5).map((e) => e.fingerprint)).size, 1]);
  });

  it('hold no finding a waiver covers', () => {
    const results = applyPolicy(brokenServerResults(), { today: '2026-06-01', waivers: [{ check: 'allow-header', reason: 'r' }] });
    assert.equal(updatedBaseline(results.items, []).entries.some((e) => e.checkId === 'allow-header'), false);
  });
});
