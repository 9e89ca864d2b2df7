/**
 * Where `validate`'s time per response goes, stage by stage, in one process, each stage against a
 * bare `JSON.parse` of the same lines (no timed assertions anywhere):
 *
 *     node --import tsx bench/validate-stages.ts [--responses 100000] [--rounds 3] [--distinct]
 *
 * It generates the lines in memory (bench/generate-recorded.ts), then times, over all of them: the
 * bare parse; reading each line as a recorded response; judging it (every passive check); redacting
 * it; the policy (no config: what every run pays); the run digest; and each streaming format's `item`
 * pieces. Each stage gets the previous stage's output, so only its own work is timed. Rounds after the
 * first are what a long run settles to; the best round of each stage is printed.
 */
import { parseArgs } from 'node:util';
import { openPolicy } from '../conformance/policy/apply.js';
import { jsonLineResponse, type RecordedResponse } from '../conformance/recorded.js';
import { REPORTERS } from '../conformance/reporters/index.js';
import { redactItem, type ResultItem, resultsHeader, type Results } from '../conformance/results.js';
import { RunDigest } from '../conformance/run-digest.js';
import { compiledProfileOf } from '../conformance/validate.js';
import { itemOf } from '../conformance/validate-run.js';
import { statusBody } from './generate-recorded.js';

const { values: args } = parseArgs({
  options: {
    responses: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    distinct: { type: 'boolean', default: false },
  },
});
const count = Number(args.responses);
const rounds = Number(args.rounds);
const lines = Array.from({ length: count }, (_, i) => JSON.stringify(statusBody(i, args.distinct === true)));
const compiled = compiledProfileOf('kubernetes');
const head: Results = { ...resultsHeader('validate', 'kubernetes', new Date().toISOString()), items: [] };
const STREAMED_FORMATS = ['json', 'junit', 'sarif', 'github', 'stylish'];

const best = new Map<string, number>();
function timed<T>(stage: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  best.set(stage, Math.min(best.get(stage) ?? Infinity, ms));
  return result;
}

for (let round = 0; round < rounds; round++) {
  timed('bare JSON.parse (baseline)', () => {
    let codes = 0;
    for (const line of lines) codes += (JSON.parse(line) as { code?: number }).code ? 1 : 0;
    return codes;
  });
  const recorded: RecordedResponse[] = timed('read (parse + view)', () => lines.map((line, i) => jsonLineResponse(line, i, 'bench.jsonl', undefined)));
  const judged: ResultItem[] = timed('judge (passive checks)', () => recorded.map((response, i) => itemOf(response, i, compiled)));
  const redacted = timed('redact', () => judged.map(redactItem));
  const policy = openPolicy({ today: '2026-01-01' }, head);
  const kept = timed('policy (no config)', () => redacted.map((item) => policy.item(item)!));
  timed('digest', () => {
    const digest = new RunDigest(head);
    for (const item of kept) digest.add(item);
    return digest;
  });
  for (const format of STREAMED_FORMATS) {
    const stream = REPORTERS.get(format)!.open(head, { color: false, verbose: false });
    timed(`format ${format} (item)`, () => {
      let pieces = 0;
      for (const item of kept) for (const _piece of stream.item(item)) pieces++;
      return pieces;
    });
  }
}

const baseline = best.get('bare JSON.parse (baseline)')!;
process.stdout.write(`node ${process.version}; ${count} responses${args.distinct ? ' (distinct findings)' : ''}; best of ${rounds} rounds\n\n`);
process.stdout.write(`${'stage'.padEnd(28)} ${'ms'.padStart(8)} ${'µs/response'.padStart(12)} ${'× baseline'.padStart(11)}\n`);
for (const [stage, ms] of best) {
  process.stdout.write(`${stage.padEnd(28)} ${ms.toFixed(0).padStart(8)} ${((ms * 1000) / count).toFixed(2).padStart(12)} ${(ms / baseline).toFixed(2).padStart(10)}×\n`);
}
