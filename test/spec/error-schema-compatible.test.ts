import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/error-schema-compatible.js';
import { failures } from '../helpers/check.js';
import { runOn, schemaPointer, specDocument, STATUS_SCHEMAS, VERSIONS, type Version } from './documents.js';

const ok = { description: 'OK' };
const withError = (version: Version, schemas: Record<string, Record<string, unknown>>, schema: Record<string, unknown> = { $ref: 'Error' }) =>
  specDocument(version, { schemas: { ...STATUS_SCHEMAS, ...schemas }, paths: { '/pets/{name}': { get: { responses: { '200': ok, '404': { schema } } } } } });
const object = (properties: Record<string, unknown>): Record<string, unknown> => ({ type: 'object', properties });
const STATUS_MEMBERS = {
  kind: { type: 'string' },
  apiVersion: { type: 'string' },
  status: { type: 'string' },
  message: { type: 'string' },
  reason: { type: 'string' },
  code: { type: 'integer' },
};

for (const version of VERSIONS) {
  describe(`error-schema-compatible on OpenAPI ${version}`, () => {
    it('passes Kubernetes\' Status, referenced or inline', () => {
      assert.equal(runOn(check, withError(version, {}, { $ref: 'Status' })).outcome, 'pass');
      assert.equal(runOn(check, withError(version, {}, object(STATUS_MEMBERS))).outcome, 'pass');
    });

    it('judges structure, not names: a Status split over allOf passes', () => {
      const split = { allOf: [{ $ref: 'TypeMeta' }, object({ status: { type: 'string' }, message: { type: 'string' }, reason: { type: 'string' }, code: { type: 'integer' } })] };
      assert.equal(runOn(check, withError(version, { Error: split, TypeMeta: object({ kind: { type: 'string' }, apiVersion: { type: 'string' } }) })).outcome, 'pass');
    });

    it('reports the required members a schema lacks as one MUST finding, at the schema', () => {
      const result = runOn(check, withError(version, { Error: object({ message: { type: 'string' }, code: { type: 'integer' } }) }));
      assert.deepEqual(failures(result), [
        {
          checkId: 'error-schema-compatible',
          pointer: schemaPointer(version, 'Error'),
          expected: 'kind: string, apiVersion: string, status: string, reason: string',
          received: 'missing',
        },
      ]);
      assert.equal(result.outcome === 'fail' && result.findings[0]!.level, 'MUST');
    });

    it('reports a missing message as SHOULD, a number code as SHOULD and a string code as MUST, at the member', () => {
      const { message: _message, ...noMessage } = STATUS_MEMBERS;
      const result = runOn(check, withError(version, { Error: object({ ...noMessage, code: { type: 'number' } }) }));
      assert.deepEqual(
        result.outcome === 'fail' ? result.findings.map((f) => [f.level, f.pointer, f.expected, f.received]) : [],
        [
          ['SHOULD', schemaPointer(version, 'Error'), 'message: string', 'missing'],
          ['SHOULD', `${schemaPointer(version, 'Error')}/properties/code`, 'code: integer', 'number'],
        ],
      );
      const stringCode = runOn(check, withError(version, { Error: object({ ...STATUS_MEMBERS, code: { type: 'string' } }) }));
      assert.deepEqual(stringCode.outcome === 'fail' ? stringCode.findings.map((f) => [f.level, f.expected, f.received]) : [], [['MUST', 'code: integer', 'string']]);
    });

    it('reports a schema that is not an object', () => {
      assert.deepEqual(failures(runOn(check, withError(version, {}, { type: 'string' }))), [
        {
          checkId: 'error-schema-compatible',
          pointer: '/paths/~1pets~1{name}/get/responses/404' + (version === '2.0' ? '/schema' : '/content/application~1json/schema'),
          expected: 'object',
          received: 'string',
        },
      ]);
    });

    it('asks an error response with no schema for one, as SHOULD', () => {
      const document = specDocument(version, { paths: { '/pets/{name}': { get: { responses: { '200': ok, '401': { description: 'Unauthorized' } } } } } });
      const result = runOn(check, document);
      assert.deepEqual(failures(result), [{ checkId: 'error-schema-compatible', pointer: '/paths/~1pets~1{name}/get/responses/401', expected: 'Status', received: 'no schema' }]);
      assert.equal(result.outcome === 'fail' && result.findings[0]!.level, 'SHOULD');
    });

    it('judges a schema shared by several responses once, naming it by where it is written', () => {
      const document = specDocument(version, {
        schemas: { ...STATUS_SCHEMAS, Error: object({ message: { type: 'string' } }) },
        paths: { '/pets/{name}': { put: { responses: { '200': ok, '404': { schema: { $ref: 'Error' } }, '409': { schema: { $ref: 'Error' } }, default: { schema: { $ref: 'Error' } } } } } },
      });
      const result = runOn(check, document);
      assert.equal(failures(result).length, 1);
      assert.match(result.outcome === 'fail' ? result.findings[0]!.message : '', new RegExp(`the error response schema \`${schemaPointer(version, 'Error').replace('/', '#/')}\``));
    });

    it('requires every branch of a oneOf to be compatible', () => {
      const result = runOn(check, withError(version, { Other: object({ error: { type: 'string' } }) }, { oneOf: [{ $ref: 'Status' }, { $ref: 'Other' }] }));
      assert.deepEqual(
        result.outcome === 'fail' ? result.findings.map((f) => [f.level, f.pointer]) : [],
        [
          ['MUST', schemaPointer(version, 'Other')],
          ['SHOULD', schemaPointer(version, 'Other')],
        ],
      );
    });

    it('asks no schema of an error response to HEAD, which has no body', () => {
      const document = specDocument(version, { paths: { '/pets/{name}': { head: { responses: { '200': ok, '404': { description: 'Not found' } } }, get: { responses: { '200': ok, '404': { description: 'Not found' } } } } } });
      assert.equal(runOn(check, document, 'HEAD /pets/{name}').outcome, 'pass');
      assert.deepEqual(failures(runOn(check, document, 'GET /pets/{name}')).map((f) => f.received), ['no schema']);
    });

    it('skips an operation without error responses', () => {
      const document = specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok } } } } });
      assert.equal(runOn(check, document).outcome, 'skip');
    });

    it('knows the envelope profile: code and message fields, and the request id it requires', () => {
      const envelope = object({ error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } });
      assert.equal(runOn(check, withError(version, { Error: envelope }), undefined, 'envelope').outcome, 'pass');
      const noRequestId = object({ error: { type: 'string' }, message: { type: 'string' } });
      assert.deepEqual(
        failures(runOn(check, withError(version, { Error: noRequestId }), undefined, 'envelope')).map((f) => [f.expected, f.received]),
        [['requestId: string', 'missing']],
      );
    });

    it('knows problem details: title and an integer status required, type and detail recommended', () => {
      const full = object({
        type: { type: 'string', format: 'uri-reference' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
      });
      assert.equal(runOn(check, withError(version, { Problem: full }, { $ref: 'Problem' }), undefined, 'problem').outcome, 'pass');
      const bare = runOn(check, withError(version, { Problem: object({ title: { type: 'string' }, status: { type: 'string' } }) }, { $ref: 'Problem' }), undefined, 'problem');
      assert.deepEqual(
        bare.outcome === 'fail' ? bare.findings.map((f) => [f.level, f.expected, f.received]) : [],
        [
          ['SHOULD', 'type: string, detail: string', 'missing'],
          ['MUST', 'status: integer', 'string'],
        ],
      );
    });
  });
}

it('accepts 3.1 type arrays with null, and a $ref with a sibling description', () => {
  const nullable = { type: 'object', properties: { ...STATUS_MEMBERS, message: { type: ['string', 'null'] }, code: { type: ['integer', 'null'] } } };
  assert.equal(runOn(check, withError('3.1', { Error: nullable }, { $ref: 'Error', description: 'The error' })).outcome, 'pass');
});

it('leaves non-JSON error content to error-content-type-json (OpenAPI 3)', () => {
  for (const version of ['3.0', '3.1'] as const) {
    const document = specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '500': { schema: { type: 'string' }, mediaTypes: ['text/html'] } } } } } });
    assert.equal(runOn(check, document).outcome, 'pass', version);
  }
});

it('hints at the document\'s compatible named schema', () => {
  const document = specDocument('2.0', { paths: { '/pets': { get: { responses: { '200': ok, '500': { description: 'Oops' } } } } } });
  const result = runOn(check, document);
  assert.match(result.outcome === 'fail' ? result.findings[0]!.hint! : '', /Reference `#\/definitions\/Status`/);
});
