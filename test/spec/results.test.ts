import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { findingsOfItem } from '../../conformance/results.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, groupVersionOfPath, specResults } from '../../conformance/spec/run.js';
import { builtinProfile, createAjv } from '../../schemas/index.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const profile = builtinProfile('kubernetes');

async function resultsOf(file: string) {
  const document = await loadDocument(fixture('openapi', file));
  return { document, results: specResults({ profile, target: { server: document.source }, startedAt: new Date(), items: checkDocument(document, { profile }) }) };
}

describe('spec results', () => {
  it('a clean document in each version: every check passes or says why it skipped', async () => {
    for (const file of ['clean-2.0.json', 'clean-3.0.yaml', 'clean-3.1.yaml']) {
      const { results } = await resultsOf(file);
      assert.deepEqual(results.items.flatMap((i) => findingsOfItem(i).map((f) => `${i.title} ${f.checkId} ${f.pointer}`)), [], file);
      assert.ok(results.items.every((i) => i.checks.every((c) => c.outcome !== 'skip' || c.reason.length > 0)));
    }
  });

  it('an item for the document, then one per operation, located by its JSON pointer', async () => {
    const { results, document } = await resultsOf('clean-3.0.yaml');
    assert.equal(results.command, 'spec');
    assert.equal(results.target?.server, document.source);
    assert.deepEqual(
      results.items.map((i) => [i.title, i.location, i.groupVersion ?? null]),
      [
        ['OpenAPI 3.0 document', document.source, null],
        ['GET /apis/example.dev/v1/namespaces/{namespace}/widgets', '/paths/~1apis~1example.dev~1v1~1namespaces~1{namespace}~1widgets/get', 'example.dev/v1'],
        ['POST /apis/example.dev/v1/namespaces/{namespace}/widgets', '/paths/~1apis~1example.dev~1v1~1namespaces~1{namespace}~1widgets/post', 'example.dev/v1'],
        ['GET /apis/example.dev/v1/namespaces/{namespace}/widgets/{name}', '/paths/~1apis~1example.dev~1v1~1namespaces~1{namespace}~1widgets~1{name}/get', 'example.dev/v1'],
        ['DELETE /apis/example.dev/v1/namespaces/{namespace}/widgets/{name}', '/paths/~1apis~1example.dev~1v1~1namespaces~1{namespace}~1widgets~1{name}/delete', 'example.dev/v1'],
      ],
    );
    assert.equal(new Set(results.items.map((i) => i.id)).size, results.items.length);
    assert.ok(results.items.every((i) => (i as { document?: string }).document === document.source));
  });

  it('every finding points at a place that exists in the document, or at its parent for what is missing', async () => {
    const { results, document } = await resultsOf('findings-2.0.yaml');
    const findings = results.items.flatMap(findingsOfItem);
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.level, f.pointer]),
      [
        ['reason-enum-known', 'MUST', '/definitions/Error/properties/reason/enum/1'],
        // A named schema is where its problem is written: reported once, on the document.
        ['error-schema-compatible', 'MUST', '/definitions/Error'],
        ['error-schema-compatible', 'SHOULD', '/paths/~1pets~1{name}/get/responses/418'],
        ['documented-status-known', 'SHOULD', '/paths/~1pets~1{name}/get/responses/418'],
        ['retry-after-documented', 'SHOULD', '/paths/~1pets~1{name}/get/responses/429'],
      ],
    );
    for (const finding of findings) assert.notEqual(document.at(finding.pointer), undefined, finding.pointer);
  });

  it('is valid against schemas/results.schema.json', async () => {
    const validate = createAjv().compile(JSON.parse(readFileSync(`${repoRoot}/schemas/results.schema.json`, 'utf8')));
    for (const file of ['findings-2.0.yaml', 'clean-3.1.yaml']) {
      const { results } = await resultsOf(file);
      // As written: the json reporter adds the summary the schema requires.
      assert.ok(validate(JSON.parse(REPORTERS.get('json')!.render(results, { color: false }))), JSON.stringify(validate.errors?.slice(0, 3)));
    }
  });

  it('renders in every output format', async () => {
    const { results } = await resultsOf('findings-2.0.yaml');
    for (const [name, reporter] of REPORTERS) {
      const text = reporter.render(results, { color: false });
      assert.ok(text.length > 0, name);
    }
    const json = JSON.parse(REPORTERS.get('json')!.render(results, { color: false })) as typeof results;
    assert.deepEqual(json.items.map((i) => i.location), results.items.map((i) => i.location));
  });

  it('reads the Kubernetes group-version from a path', () => {
    assert.equal(groupVersionOfPath('/api/v1/namespaces/{namespace}/pods'), 'v1');
    assert.equal(groupVersionOfPath('/apis/apps/v1/deployments'), 'apps/v1');
    assert.equal(groupVersionOfPath('/apis/apps/'), undefined);
    assert.equal(groupVersionOfPath('/pets/{id}'), undefined);
  });
});
