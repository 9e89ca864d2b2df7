import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import check from '../../conformance/spec/checks/refs-resolve.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument } from '../../conformance/spec/run.js';
import { findingsOfItem } from '../../conformance/results.js';
import { resolveProfile } from '../../schemas/index.js';
import { failures } from '../helpers/check.js';
import { fixture } from '../helpers/paths.js';
import { runOn, specDocument, VERSIONS } from './documents.js';

for (const version of VERSIONS) {
  it(`refs-resolve on OpenAPI ${version}: passes a document whose $refs all lead somewhere, fails one that names nothing`, () => {
    const ok = specDocument(version, { paths: { '/pets': { get: { responses: { '200': { description: 'OK' }, '404': { schema: { $ref: 'Status' } } } } } } });
    assert.equal(runOn(check, ok).outcome, 'pass');
    const broken = specDocument(version, { paths: { '/pets': { get: { responses: { '200': { description: 'OK' }, '404': { schema: { $ref: 'Stauts' } } } } } } });
    const schema = version === '2.0' ? '/paths/~1pets/get/responses/404/schema' : '/paths/~1pets/get/responses/404/content/application~1json/schema';
    const ref = version === '2.0' ? '#/definitions/Stauts' : '#/components/schemas/Stauts';
    assert.deepEqual(failures(runOn(check, broken)), [{ checkId: 'refs-resolve', pointer: `${schema}/$ref`, expected: 'a $ref that can be followed', received: ref }]);
  });
}

it('reports each broken $ref of an Open Zaak-shaped document once, at its line, and checks the rest', async () => {
  const document = await loadDocument(fixture('openapi', 'broken-refs', 'main.yaml'), { externalRefs: 'any', timeoutMs: 10_000 });
  const items = checkDocument(document, { profile: resolveProfile('problem') });
  const findings = items.flatMap(findingsOfItem);
  const common = join('test', 'fixtures', 'openapi', 'broken-refs', 'common.yaml');
  assert.deepEqual(
    findings.filter((f) => f.checkId === 'refs-resolve').map((f) => [f.line, f.received, f.message.includes(`in ${common} at`)]).sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]))),
    [
      [21, '#/components/schemas/Kode', true],
      [21, 'common.yaml#/components/schemas/Fuot', false],
      [29, 'https://geo.unreachable.invalid/schemas/geojson.yaml#/definitions/Geometry', false],
      [30, 'kenmerken.yaml', false],
      [31, '#/components/schemas/Sattus', false],
    ],
  );
  // The 404's problem details came from common.yaml and are judged compatible; the 500's schema was set aside, and is not judged again.
  assert.deepEqual(findings.filter((f) => f.checkId !== 'refs-resolve'), []);
});
