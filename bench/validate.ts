/**
 * Validation throughput, measured side by side in one run (no timed assertions anywhere):
 * - validate() with all its checks on already-parsed clean Status bodies vs a plain compiled ajv schema;
 * - JSON.parse + validate() vs JSON.parse alone, on the same bytes.
 *
 *     node --import tsx bench/validate.ts [--rounds 5]
 *
 * Passes over the bodies (one pass: each body once) of all workloads are interleaved in a rotating
 * order; rates are from the median pass, ratios the median of ratios of passes run side by side.
 */
import { parseArgs } from 'node:util';
import { compileProfileOf, median, mib, peakRss, validateResponse } from './support.js';
import { bodySchemaFor, builtinProfile, createAjv } from '../schemas/index.js';
import { viewOfBody } from '../conformance/exchange.js';
import { validate } from '../conformance/validate.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Math.max(1, Number(args.rounds));

const bodies = Array.from({ length: 1000 }, (_, i) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `configmaps "object-${i}" not found`,
  reason: 'NotFound',
  details: { name: `object-${i}`, kind: 'configmaps' },
  code: 404,
}));
const texts = bodies.map((b) => JSON.stringify(b));
const headers = { 'content-type': 'application/json' };

const compiled = compileProfileOf(builtinProfile('kubernetes'));
const plain = createAjv({ allErrors: false }).compile(bodySchemaFor(builtinProfile('kubernetes'))!);
let sink = 0;

interface Workload {
  label: string;
  work: () => void;
  /** Milliseconds of each pass over the 1,000 bodies, in the order run. */
  passes: number[];
}

const workload = (label: string, work: () => void): Workload => ({ label, work, passes: [] });
const ajvAlone = workload('plain compiled ajv schema (parsed bodies)', () => {
  for (const body of bodies) sink += plain(body) ? 1 : 0;
});
const full = workload('validate(): every check (parsed bodies)', () => {
  for (const body of bodies) sink += validateResponse(viewOfBody(body, 404, headers), compiled).length;
});
const publicApi = workload('validate(body, { httpStatus, headers }), public API', () => {
  for (const body of bodies) sink += validate(body, { httpStatus: 404, headers }).length;
});
const parseOnly = workload('JSON.parse alone', () => {
  for (const text of texts) sink += (JSON.parse(text) as { code: number }).code;
});
const parseAndValidate = workload('JSON.parse + validate()', () => {
  for (const text of texts) sink += validateResponse(viewOfBody(JSON.parse(text), 404, headers), compiled).length;
});
const workloads = [ajvAlone, full, publicApi, parseOnly, parseAndValidate];

// Warm every path up before timing, so no pass pays for compiling another.
for (const w of workloads) for (let i = 0; i < 20; i++) w.work();

// Passes of every workload interleaved, in a rotating order: on a shared machine the load changes from
// second to second, and a pass is compared only with the passes run right beside it.
const passesPerRound = 20;
for (let round = 0; round < rounds; round++) {
  for (let pass = 0; pass < passesPerRound; pass++) {
    for (let k = 0; k < workloads.length; k++) {
      const w = workloads[(pass + k) % workloads.length]!;
      const started = performance.now();
      w.work();
      w.passes.push(performance.now() - started);
    }
  }
}

const perSecond = (ms: number): number => (bodies.length * 1000) / ms;
/** Median of the time ratios of passes run side by side. */
const paired = (top: Workload, bottom: Workload): number => median(top.passes.map((ms, i) => ms / bottom.passes[i]!));
const row = (w: Workload): string => {
  const typical = median(w.passes);
  const fastest = Math.min(...w.passes);
  return `${w.label.padEnd(52)} ${(perSecond(typical) / 1e6).toFixed(2).padStart(6)} M/s (${((typical * 1e6) / bodies.length).toFixed(0).padStart(5)} ns)   fastest pass ${(perSecond(fastest) / 1e6).toFixed(2).padStart(5)} M/s`;
};

process.stdout.write(`node ${process.version}, ${bodies.length} clean Status bodies; ${rounds} rounds of ${passesPerRound} interleaved passes; medians\n\n`);
for (const w of workloads) process.stdout.write(`${row(w)}\n`);
process.stdout.write(`\nvalidate() vs plain ajv:             ${paired(full, ajvAlone).toFixed(2)}x the time\n`);
process.stdout.write(`public validate() vs plain ajv:      ${paired(publicApi, ajvAlone).toFixed(2)}x the time\n`);
process.stdout.write(`parse+validate vs parse alone:       ${paired(parseAndValidate, parseOnly).toFixed(2)}x the time (goal ≤ 1.3x)\n`);
process.stdout.write(`validate() throughput vs goal 3 M/s: ${(perSecond(median(full.passes)) / 3e6).toFixed(2)} of the goal (fastest pass: ${(perSecond(Math.min(...full.passes)) / 3e6).toFixed(2)})\n`);
process.stdout.write(`peak RSS of this process: ${mib(peakRss())}\n`);
if (sink === -1) process.stdout.write('');
