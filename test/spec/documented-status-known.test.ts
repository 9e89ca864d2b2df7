import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/documented-status-known.js';
import { runOn, specDocument, statusResponse, VERSIONS } from './documents.js';

const withStatuses = (version: '2.0' | '3.0' | '3.1', ...statuses: string[]) =>
  specDocument(version, { paths: { '/pets': { post: { responses: Object.fromEntries(statuses.map((s) => [s, statusResponse()])) } } } });
const findings = (result: ReturnType<typeof runOn>) => (result.outcome === 'fail' ? result.findings.map((f) => [f.level, f.pointer, f.expected, f.received]) : []);

for (const version of VERSIONS) {
  describe(`documented-status-known on OpenAPI ${version}`, () => {
    it('passes catalog statuses and default', () => {
      assert.equal(runOn(check, withStatuses(version, '201', '400', '404', '409', '422', '429', '503', 'default')).outcome, 'pass');
    });

    it('asks about a real status the catalog lacks, as SHOULD', () => {
      assert.deepEqual(findings(runOn(check, withStatuses(version, '201', '418'))), [['SHOULD', '/paths/~1pets/post/responses/418', 'catalog status', '418']]);
    });

    it('fails a key that is no HTTP status, as MUST', () => {
      assert.deepEqual(findings(runOn(check, withStatuses(version, '201', '600', '20'))), [
        ['MUST', '/paths/~1pets/post/responses/20', 'HTTP status', '20'],
        ['MUST', '/paths/~1pets/post/responses/600', 'HTTP status', '600'],
      ]);
    });
  });
}

it('accepts 4XX ranges in OpenAPI 3 only, and only in capitals', () => {
  assert.equal(runOn(check, withStatuses('3.0', '201', '4XX', '5XX')).outcome, 'pass');
  assert.equal(runOn(check, withStatuses('3.1', '201', '4XX')).outcome, 'pass');
  assert.deepEqual(findings(runOn(check, withStatuses('3.0', '201', '4xx'))), [['MUST', '/paths/~1pets/post/responses/4xx', 'HTTP status', '4xx']]);
  assert.deepEqual(findings(runOn(check, withStatuses('2.0', '201', '4XX'))), [['MUST', '/paths/~1pets/post/responses/4XX', 'HTTP status', '4XX']]);
});

it('ignores Swagger 2.0 vendor extensions among responses', () => {
  const document = withStatuses('2.0', '200');
  const responses = (document.root.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)['/pets']!.post!.responses;
  responses['x-internal'] = { note: 'not a response' };
  assert.equal(runOn(check, document).outcome, 'pass');
});
