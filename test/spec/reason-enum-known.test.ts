import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/reason-enum-known.js';
import { failures } from '../helpers/check.js';
import { runOn, schemaPointer, specDocument, STATUS_CAUSE_SCHEMA, STATUS_DETAILS_SCHEMA, STATUS_SCHEMA, VERSIONS, type Version } from './documents.js';

const ok = { description: 'OK' };
type Schema = Record<string, unknown>;
const withReason = (reason: Schema, extra: Schema = {}): Schema => ({ ...STATUS_SCHEMA, properties: { ...(STATUS_SCHEMA.properties as Schema), reason, ...extra } });
const documentWith = (version: Version, schemas: Record<string, Schema>, responses: Record<string, unknown> = { '200': ok }) =>
  specDocument(version, {
    schemas: { StatusDetails: STATUS_DETAILS_SCHEMA, StatusCause: STATUS_CAUSE_SCHEMA, ...schemas },
    paths: { '/pets': { get: { responses: responses as never } } },
  });

for (const version of VERSIONS) {
  describe(`reason-enum-known on OpenAPI ${version}`, () => {
    it('passes catalog reasons, the empty reason included', () => {
      assert.equal(runOn(check, documentWith(version, { Status: withReason({ type: 'string', enum: ['', 'NotFound', 'AlreadyExists', 'Conflict'] }) })).outcome, 'pass');
    });

    it('suggests the catalog spelling of a misspelt reason, at its place in the enum', () => {
      assert.deepEqual(failures(runOn(check, documentWith(version, { Status: withReason({ type: 'string', enum: ['NotFound', 'AlreadyExist'] }) }))), [
        { checkId: 'reason-enum-known', pointer: `${schemaPointer(version, 'Status')}/properties/reason/enum/1`, expected: 'AlreadyExists', received: 'AlreadyExist' },
      ]);
    });

    it('refuses pod and container reasons and reads const too', () => {
      assert.deepEqual(failures(runOn(check, documentWith(version, { Status: withReason({ type: 'string', const: 'CrashLoopBackOff' }) }))), [
        {
          checkId: 'reason-enum-known',
          pointer: `${schemaPointer(version, 'Status')}/properties/reason/const`,
          expected: 'an API reason',
          received: 'CrashLoopBackOff',
        },
      ]);
    });

    it('checks cause reasons against the cause catalog', () => {
      const cause = {
        ...STATUS_CAUSE_SCHEMA,
        properties: { ...(STATUS_CAUSE_SCHEMA.properties as Schema), reason: { type: 'string', enum: ['FieldValueInvalid', 'FieldValueBogus'] } },
      };
      assert.deepEqual(failures(runOn(check, documentWith(version, { Status: STATUS_SCHEMA, StatusCause: cause }))).map((f) => [f.pointer, f.received]), [
        [`${schemaPointer(version, 'StatusCause')}/properties/reason/enum/1`, 'FieldValueBogus'],
      ]);
    });

    it('leaves schemas that are not error bodies alone: a condition may enumerate pod reasons', () => {
      const condition = {
        type: 'object',
        properties: { type: { type: 'string' }, status: { type: 'string' }, reason: { type: 'string', enum: ['CrashLoopBackOff'] }, message: { type: 'string' } },
      };
      assert.equal(runOn(check, documentWith(version, { Status: STATUS_SCHEMA, PodCondition: condition })).outcome, 'skip');
    });

    it('checks a schema an error response uses, whatever its shape', () => {
      const inline = { type: 'object', properties: { reason: { type: 'string', enum: ['NotFound', 'Missing'] } } };
      const result = runOn(check, documentWith(version, { Status: STATUS_SCHEMA }, { '200': ok, '404': { schema: inline } }));
      assert.deepEqual(failures(result).map((f) => f.received), ['Missing']);
    });

    it('knows the envelope profile\'s code field and codes', () => {
      const envelope = { type: 'object', properties: { error: { type: 'string', enum: ['not_found', 'notfound'] }, message: { type: 'string' }, requestId: { type: 'string' } } };
      assert.deepEqual(
        failures(runOn(check, documentWith(version, { Error: envelope }), undefined, 'envelope')).map((f) => [f.expected, f.received]),
        [['not_found', 'notfound']],
      );
    });

    it('skips documents whose error schemas enumerate nothing, and the problem profile', () => {
      assert.equal(runOn(check, documentWith(version, { Status: STATUS_SCHEMA })).outcome, 'skip');
      assert.equal(runOn(check, documentWith(version, { Status: withReason({ type: 'string', enum: ['Bogus'] }) }), undefined, 'problem').outcome, 'skip');
    });
  });
}
