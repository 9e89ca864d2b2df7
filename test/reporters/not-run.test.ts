// probe --openapi: every report says which probes were left out and why, each reason in its own words.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { REPORTERS } from '../../conformance/reporters/index.js';
import type { Results } from '../../conformance/results.js';
import { notRunByReason } from '../../conformance/summary.js';
import { validateResults } from './fixtures.js';

const WRITES = 'a server that skipped validation would store it: run with --allow-writes against a test instance';
const BOUNDED = '`id` is at most 5: any value it takes may name an object';

function withNotRun(): Results {
  return {
    ...validateResults(),
    command: 'probe',
    api: { document: 'users.yaml', operations: 3 },
    notRun: [
      { probeId: 'missing-field', operation: 'POST /users', reason: WRITES },
      { probeId: 'no-credentials', operation: 'POST /users', reason: WRITES },
      { probeId: 'unknown-id', operation: 'DELETE /users/{id}', reason: BOUNDED },
    ],
  };
}

it('groups the probes left out by reason, most first', () => {
  assert.deepEqual(notRunByReason(withNotRun()), [
    { reason: WRITES, probeIds: ['missing-field', 'no-credentials'], count: 2 },
    { reason: BOUNDED, probeIds: ['unknown-id'], count: 1 },
  ]);
});

it('stylish, markdown and html name each reason with its probes, not "need --allow-writes" for all', () => {
  const results = withNotRun();
  const stylish = REPORTERS.get('stylish')!.render(results, { color: false });
  assert.match(stylish, /not run: 2 probes \(missing-field, no-credentials\): a server that skipped validation would store it/);
  assert.match(stylish, /not run: 1 probe \(unknown-id\): `id` is at most 5: any value it takes may name an object/);
  const markdown = REPORTERS.get('markdown')!.render(results, { color: false });
  assert.match(markdown, /2 probes not run \(`missing-field`, `no-credentials`\): a server that skipped validation would store it/);
  // The reason quotes the document's names: escaped, as all text that reaches Markdown from a document.
  assert.match(markdown, /1 probe not run \(`unknown-id`\): \\`id\\` is at most 5/);
  const html = REPORTERS.get('html')!.render(results, { color: false });
  assert.match(html, /<b>1 probe<\/b> not run \(unknown-id\): `id` is at most 5: any value it takes may name an object/);
});
