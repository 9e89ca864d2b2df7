import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/documented-status-known.js';
import { runOn, specDocument, statusResponse, VERSIONS } from './documents.js';

const onMethod = (version: '2.0' | '3.0' | '3.1', method: string, ...statuses: string[]) =>
  specDocument(version, { paths: { '/pets': { [method]: { responses: Object.fromEntries(statuses.map((s) => [s, statusResponse()])) } } } });
const withStatuses = (version: '2.0' | '3.0' | '3.1', ...statuses: string[]) => onMethod(version, 'post', ...statuses);
const findings = (result: ReturnType<typeof runOn>) => (result.outcome === 'fail' ? result.findings.map((f) => [f.level, f.pointer, f.expected, f.received]) : []);

for (const version of VERSIONS) {
  describe(`documented-status-known on OpenAPI ${version}`, () => {
    it('passes catalog statuses and default', () => {
      assert.equal(runOn(check, withStatuses(version, '201', '400', '404', '409', '422', '429', '503', 'default')).outcome, 'pass');
    });

    it('passes registered statuses the catalog gives no guidance for: 207 Multi-Status, redirects, 205', () => {
      assert.equal(runOn(check, withStatuses(version, '201', '207', '205', '301', '302', '303', '308')).outcome, 'pass');
    });

    it('passes 304 Not Modified on a GET and a HEAD', () => {
      assert.equal(runOn(check, onMethod(version, 'get', '200', '304', '404')).outcome, 'pass');
      assert.equal(runOn(check, onMethod(version, 'head', '200', '304')).outcome, 'pass');
    });

    it('asks about 304 on a write: no conditional GET or HEAD gets it', () => {
      for (const method of ['post', 'put', 'patch', 'delete']) {
        assert.deepEqual(findings(runOn(check, onMethod(version, method, '200', '304'))), [['SHOULD', `/paths/~1pets/${method}/responses/304`, `a status a ${method.toUpperCase()} can answer`, '304']]);
      }
    });

    it('asks about 206 on anything but a GET: only GET has ranges', () => {
      assert.equal(runOn(check, onMethod(version, 'get', '200', '206', '416')).outcome, 'pass');
      assert.deepEqual(findings(runOn(check, onMethod(version, 'put', '200', '206'))), [['SHOULD', '/paths/~1pets/put/responses/206', 'a status a PUT can answer', '206']]);
    });

    it('asks about a status the registry does not hold (418 is unused), as SHOULD', () => {
      assert.deepEqual(findings(runOn(check, withStatuses(version, '201', '418', '509'))), [
        ['SHOULD', '/paths/~1pets/post/responses/418', 'registered status', '418'],
        ['SHOULD', '/paths/~1pets/post/responses/509', 'registered status', '509'],
      ]);
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
