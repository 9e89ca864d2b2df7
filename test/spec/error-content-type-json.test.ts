import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/error-content-type-json.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { failures } from '../helpers/check.js';
import { documentOf, responsePointer, runOn, specDocument, VERSIONS } from './documents.js';

const ok = { description: 'OK' };
const withTypes = (version: '2.0' | '3.0' | '3.1', mediaTypes: string[]) =>
  specDocument(version, { paths: { '/pets': { post: { responses: { '201': ok, '422': { schema: { $ref: 'Status' }, mediaTypes } } } } } });
const finding = (result: ReturnType<typeof runOn>) => (result.outcome === 'fail' ? result.findings.map((f) => [f.level, f.pointer, f.expected, f.received]) : []);
const where = (version: string): string => (version === '2.0' ? '/paths/~1pets/post/produces' : '/paths/~1pets/post/responses/422/content');

for (const version of VERSIONS) {
  describe(`error-content-type-json on OpenAPI ${version}`, () => {
    it('passes JSON error bodies, with parameters or as a +json type', () => {
      assert.equal(runOn(check, withTypes(version, ['application/json'])).outcome, 'pass');
      assert.equal(runOn(check, withTypes(version, ['application/json; charset=utf-8', 'application/yaml'])).outcome, 'pass');
      assert.equal(runOn(check, withTypes(version, ['application/problem+json']), undefined, 'problem').outcome, 'pass');
    });

    it('fails an error body documented only as HTML or text, where the types are declared', () => {
      assert.deepEqual(finding(runOn(check, withTypes(version, ['text/html', 'text/plain']))), [['MUST', where(version), 'application/json', 'text/html, text/plain']]);
    });

    it('asks problem details for application/problem+json, as SHOULD', () => {
      assert.deepEqual(finding(runOn(check, withTypes(version, ['application/json']), undefined, 'problem')), [['SHOULD', where(version), 'application/problem+json', 'application/json']]);
    });

    it('skips operations with no error response, or none that documents its types', () => {
      assert.equal(runOn(check, specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok } } } } })).outcome, 'skip');
      assert.equal(runOn(check, specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '401': { description: 'Unauthorized' } } } } } })).outcome, 'skip');
    });
  });
}

it('Swagger 2.0: the document\'s produces speaks for operations without their own', () => {
  const document = specDocument('2.0', { produces: ['application/xml'], paths: { '/pets': { get: { responses: { '200': ok, '404': { schema: { $ref: 'Status' } } } } } } });
  assert.deepEqual(failures(runOn(check, document)), [{ checkId: 'error-content-type-json', pointer: '/produces', expected: 'application/json', received: 'application/xml' }]);
});

it('Swagger 2.0: produces matters only when an error response has a body', () => {
  const document = specDocument('2.0', { produces: ['application/xml'], paths: { '/pets': { get: { responses: { '200': ok, '404': { description: 'Not found' } } } } } });
  assert.equal(runOn(check, document).outcome, 'skip');
});

it('OpenAPI 3: a shared response is judged once, where it is written', () => {
  for (const version of ['3.0', '3.1'] as const) {
    const data = documentOf(version, {
      responses: { Error: { schema: { $ref: 'Status' }, mediaTypes: ['text/plain'] } },
      paths: { '/pets/{name}': { put: { responses: { '200': ok, '404': { ref: 'Error' }, '409': { ref: 'Error' } } } } },
    });
    assert.deepEqual(failures(runOn(check, specDocumentOf(data, 'x.json'))), [
      { checkId: 'error-content-type-json', pointer: `${responsePointer(version, 'Error')}/content`, expected: 'application/json', received: 'text/plain' },
    ]);
  }
});
