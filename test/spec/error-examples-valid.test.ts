import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/error-examples-valid.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { failures } from '../helpers/check.js';
import { runOn, VERSIONS, type Version } from './documents.js';

type Json = Record<string, unknown>;

const ERROR = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string' }, code: { type: 'string', pattern: '^(a+)+$' }, status: { type: 'integer' } },
};

/** One GET with a 404 whose JSON body has these examples (3.x: `examples` entries; 2.0: the one example). */
function withExamples(version: Version, examples: Record<string, unknown>, mediaType = 'application/json'): ReturnType<typeof specDocumentOf> {
  const info = { title: 'Pets', version: '1' };
  if (version === '2.0') {
    const [first] = Object.values(examples);
    return specDocumentOf(
      {
        swagger: '2.0',
        info,
        produces: [mediaType],
        paths: { '/pets': { get: { responses: {
          '200': { description: 'OK' },
          '404': { description: 'Not found', schema: { $ref: '#/definitions/Error' }, ...(first === undefined ? {} : { examples: { [mediaType]: first } }) },
        } } } },
        definitions: { Error: ERROR },
      },
      'a.json',
    );
  }
  const entries = Object.fromEntries(Object.entries(examples).map(([name]) => [name, { $ref: `#/components/examples/${name}` }]));
  return specDocumentOf(
    {
      openapi: version === '3.0' ? '3.0.3' : '3.1.0',
      info,
      paths: { '/pets': { get: { responses: {
        '200': { description: 'OK' },
        '404': { description: 'Not found', content: { [mediaType]: { schema: { $ref: '#/components/schemas/Error' }, examples: entries } } },
      } } } },
      components: { schemas: { Error: ERROR }, examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])) },
    },
    'a.json',
  );
}

const examplePointer = (version: Version, name: string): string => (version === '2.0' ? '/paths/~1pets/get/responses/404/examples/application~1json' : `/components/examples/${name}/value`);

for (const version of VERSIONS) {
  describe(`error-examples-valid on OpenAPI ${version}`, () => {
    it('passes an example that fits its schema', () => {
      assert.equal(runOn(check, withExamples(version, { found: { message: 'Not Found', status: 404 } })).outcome, 'pass');
    });

    it('fails an example that breaks its schema, at the example, saying where', () => {
      assert.deepEqual(failures(runOn(check, withExamples(version, { bad: { status: '404' } }))), [
        {
          checkId: 'error-examples-valid',
          pointer: examplePointer(version, 'bad'),
          expected: `valid against ${version === '2.0' ? '#/definitions/Error' : '#/components/schemas/Error'}`,
          received: "/ must have required property 'message'",
        },
      ]);
    });

    it('runs a pattern in linear time: a backtracking pattern on a crafted value is judged, not stuck', () => {
      const crafted = { message: 'x', code: `${'a'.repeat(5000)}!` };
      assert.deepEqual(failures(runOn(check, withExamples(version, { crafted }))).map((f) => f.received), ['/code must match pattern "^(a+)+$"']);
    });

    it('skips what it cannot judge: no example, or a body that is not JSON', () => {
      assert.equal(runOn(check, withExamples(version, {})).outcome, 'skip');
      assert.equal(runOn(check, withExamples(version, { bad: '<error/>' }, 'application/xml')).outcome, 'skip');
    });
  });
}

it('reads OpenAPI 3.0 `nullable` as allowing null', () => {
  const document = specDocumentOf(
    {
      openapi: '3.0.3',
      info: { title: 'Pets', version: '1' },
      paths: { '/pets': { get: { responses: { '404': {
        description: 'Not found',
        content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string', nullable: true } } }, example: { message: null } } },
      } } } } },
    },
    'a.json',
  );
  assert.equal(runOn(check, document).outcome, 'pass');
});

it('judges an inline example too, once per place it is written', () => {
  const bad: Json = { message: 7 };
  const document = specDocumentOf(
    {
      openapi: '3.1.0',
      info: { title: 'Pets', version: '1' },
      paths: { '/pets': { get: { responses: { '404': { description: 'Not found', content: { 'application/json': { schema: ERROR, example: bad } } } } } } },
    },
    'a.json',
  );
  assert.deepEqual(failures(runOn(check, document)).map((f) => [f.pointer, f.received]), [['/paths/~1pets/get/responses/404/content/application~1json/example', '/message must be string']]);
});
