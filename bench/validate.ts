/**
 * Validation throughput, measured side by side in one run (no timed assertions anywhere):
 * - validate() with all its checks on already-parsed clean Status bodies vs a plain compiled ajv schema;
 * - JSON.parse + validate() vs JSON.parse alone, on the same bytes.
 * Run: node --import tsx bench/validate.ts
 */
import { compileProfileOf, validateResponse } from './support.js';
import { bodySchemaFor, builtinProfile, createAjv } from '../schemas/index.js';
import { viewOfBody } from '../conformance/exchange.js';

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

function rate(label: string, rounds: number, work: () => void): number {
  work(); // warm up
  const started = performance.now();
  for (let r = 0; r < rounds; r++) work();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (rounds * bodies.length) / seconds;
  process.stdout.write(`${label.padEnd(48)} ${(perSecond / 1e6).toFixed(2).padStart(6)} M/s\n`);
  return perSecond;
}

const compiled = compileProfileOf(builtinProfile('kubernetes'));
const plain = createAjv({ allErrors: false }).compile(bodySchemaFor(builtinProfile('kubernetes'))!);
let sink = 0;

process.stdout.write(`node ${process.version}, ${bodies.length} clean Status bodies per round\n\n`);
const ajvAlone = rate('plain compiled ajv schema (parsed bodies)', 300, () => {
  for (const body of bodies) sink += plain(body) ? 1 : 0;
});
const full = rate('validate(): every check (parsed bodies)', 60, () => {
  for (const body of bodies) sink += validateResponse(viewOfBody(body, 404, headers), compiled).length;
});
const parseOnly = rate('JSON.parse alone', 300, () => {
  for (const text of texts) sink += (JSON.parse(text) as { code: number }).code;
});
const parseAndValidate = rate('JSON.parse + validate()', 60, () => {
  for (const text of texts) sink += validateResponse(viewOfBody(JSON.parse(text), 404, headers), compiled).length;
});

process.stdout.write(`\nvalidate() vs plain ajv:            ${(ajvAlone / full).toFixed(2)}x slower\n`);
process.stdout.write(`parse+validate vs parse alone:      ${(parseOnly / parseAndValidate).toFixed(2)}x the time (goal ≤ 1.3x)\n`);
process.stdout.write(`validate() throughput vs goal 3M/s: ${(full / 3e6).toFixed(2)} of the goal\n`);
if (sink === -1) process.stdout.write('');
