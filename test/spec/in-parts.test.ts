// Issue #22: `spec` sets each operation's item aside as it is checked and writes its reports from
// there, so that results of hundreds of thousands of operations are never held. What it
// writes must be what a run held whole writes: the same items, in the same order, in every format.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ItemSpool } from '../../cli/report-spool.js';
import { FORMAT_NAMES, REPORTERS } from '../../conformance/reporters/index.js';
import { loadDocument } from '../../conformance/spec/load.js';
import type { SpecDocument } from '../../conformance/spec/document.js';
import { type CheckDocumentOptions, checkDocument, checkDocumentInParts, type SpecResultItem, specResults } from '../../conformance/spec/run.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixture } from '../helpers/paths.js';
import { writtenAsStreamed } from '../helpers/streamed.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-spec-parts-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Documents with findings at places operations share (moved to the document's item) and without. */
const DOCUMENTS = ['petstore.yaml', 'findings-2.0.yaml', 'clean-3.0.yaml', 'clean-2.0.json'] as const;
const PROFILES = ['kubernetes', 'problem'] as const;

const startedAt = new Date('2026-06-01T10:00:00.000Z');

/**
 * A document of more operations than a batch holds, each with a finding of its own (a `409` served as
 * text) and one at a place they all share (the `NotFound` response, served as HTML).
 */
function manyOperations(count: number): string {
  const paths = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `/things/${i}`,
      { get: { responses: {
        '200': { description: 'OK' },
        '404': { $ref: '#/components/responses/NotFound' },
        '409': { description: 'Conflict', content: { 'text/plain': { schema: { type: 'string' } } } },
      } } },
    ]),
  );
  const notFound = { description: 'Not found', content: { 'text/html': { schema: { type: 'string' } } } };
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'many', version: '1' }, paths, components: { responses: { NotFound: notFound } } }, null, 2);
}

const many = join(scratch, 'many.json');
writeFileSync(many, manyOperations(250));

const spool = (): ItemSpool<SpecResultItem> => new ItemSpool<SpecResultItem>();

/** `checkDocument`, with the operations' items set aside in a temporary file until they are reported. */
function checkDocumentWithSpool(document: SpecDocument, options: CheckDocumentOptions): SpecResultItem[] {
  const parts = checkDocumentInParts(document, { ...options, store: spool() });
  return [...parts.batches()].flat();
}

const documentPaths = (): string[] => [...DOCUMENTS.map((file) => fixture('openapi', file)), many];

describe('spec in parts', () => {
  it('items set aside in a temporary file read back as the items held in memory, shared findings and positions included', async () => {
    let shared = 0;
    for (const file of documentPaths()) {
      for (const name of PROFILES) {
        const document = await loadDocument(file);
        const profile = builtinProfile(name);
        const held = checkDocument(document, { profile });
        assert.deepEqual(checkDocumentWithSpool(document, { profile }), held, `${file} ${name}`);
        shared += held[0]!.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : [])).filter((f) => f.operations).length;
        assert.ok(held.slice(1).every((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : [])).every((f) => f.line !== undefined)), `${file}: every operation finding located`);
      }
    }
    assert.ok(shared > 0, 'some findings are at places operations share');
  });

  it('each operation item is given once, in batches, after the document item', async () => {
    const document = await loadDocument(many);
    const parts = checkDocumentInParts(document, { profile: builtinProfile('problem'), store: spool() });
    const [first, ...batches] = [...parts.batches()];
    assert.deepEqual(first!.map((item) => item.location), [document.source], 'the document item alone, first');
    assert.ok(batches.length > 1, 'more than one batch');
    assert.equal(parts.operations, batches.flat().length);
    assert.deepEqual(
      batches.flat().map((item) => item.location),
      [...document.operations()].map((operation) => operation.pointer),
    );
  });

  for (const format of FORMAT_NAMES) {
    it(`${format}: the reports written as the operations are judged read as the run held whole`, async () => {
      for (const file of documentPaths()) {
        const document = await loadDocument(file);
        const profile = builtinProfile('problem');
        const heldRun = specResults({ profile, target: { server: document.source }, startedAt, items: checkDocument(document, { profile }) });
        const parts = checkDocumentInParts(document, { profile, store: spool() });
        assert.equal(await writtenAsStreamed(heldRun, parts.batches(), format, join(scratch, `${format}-${Math.random().toString(36).slice(2)}`)), REPORTERS.get(format)!.render(heldRun, { color: false }), `${file}`);
      }
    });
  }
});
