import assert from 'node:assert/strict';
import { it } from 'node:test';
import { escapeToken, joinPointer, localPointer, tokensOf } from '../../conformance/spec/document.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { InputError } from '../../schemas/errors.js';

it('escapes and reads JSON pointer tokens (RFC 6901)', () => {
  assert.equal(escapeToken('/api/v1/pods'), '~1api~1v1~1pods');
  assert.equal(escapeToken('a~b'), 'a~0b');
  assert.equal(joinPointer('/paths', '/pets/{id}', 'get'), '/paths/~1pets~1{id}/get');
  assert.deepEqual(tokensOf('/paths/~1pets~1{id}/get/a~0b'), ['paths', '/pets/{id}', 'get', 'a~b']);
});

it('reads local references, percent-decoded, and nothing else', () => {
  assert.equal(localPointer('#/definitions/Status'), '/definitions/Status');
  assert.equal(localPointer('#/paths/~1pets~1%7Bid%7D'), '/paths/~1pets~1{id}');
  assert.equal(localPointer('#'), '');
  assert.equal(localPointer('other.yaml#/Error'), undefined);
  assert.equal(localPointer('#anchor'), undefined);
});

const document = specDocumentOf(
  {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: { '/pets': { $ref: '#/components/x-paths/pets' } },
    components: {
      'x-paths': { pets: { get: { responses: { '404': { $ref: '#/components/responses/NotFound' } } } } },
      responses: { NotFound: { $ref: '#/components/responses/Missing' }, Missing: { description: 'missing' } },
    },
  },
  'refs.json',
);

it('follows chains of references and says where the value is written', () => {
  const [operation] = [...document.operations()];
  assert.equal(operation?.pointer, '/components/x-paths/pets/get');
  assert.equal(operation?.title, 'GET /pets');
  const [response] = document.responsesOf(operation!);
  assert.deepEqual({ status: response!.status, pointer: response!.pointer, at: response!.response.pointer, ref: response!.response.ref }, {
    status: '404',
    pointer: '/components/x-paths/pets/get/responses/404',
    at: '/components/responses/Missing',
    ref: '#/components/responses/Missing',
  });
});

it('refuses a reference that comes back to itself', () => {
  const looping = specDocumentOf({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {}, definitions: { A: { $ref: '#/definitions/B' }, B: { $ref: '#/definitions/A' } } }, 'loop.json');
  assert.throws(() => looping.resolve({ $ref: '#/definitions/A' }, '/x'), (e: unknown) => e instanceof InputError && /refers back to itself/.test(e.message));
});

it('follows a long line of references once, whichever link a walk starts from, and says where each ends', () => {
  const links = 2000;
  // Every read of a link's `$ref` is counted: a checker walks the components from each link.
  let reads = 0;
  const link = (target: string): object =>
    Object.defineProperty({}, '$ref', {
      enumerable: true,
      get: () => {
        reads++;
        return target;
      },
    });
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < links - 1; i++) schemas[`L${i}`] = link(`#/definitions/L${i + 1}`);
  schemas[`L${links - 1}`] = { type: 'object' };
  const line = specDocumentOf({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {}, definitions: schemas }, 'line.json');
  reads = 0;
  for (let i = links - 1; i >= 0; i -= 7) {
    const found = line.resolve(schemas[`L${i}`], `/definitions/L${i}`);
    const expected = i === links - 1 ? { value: { type: 'object' }, pointer: `/definitions/L${i}` } : { value: { type: 'object' }, pointer: `/definitions/L${links - 1}`, ref: `#/definitions/L${links - 1}` };
    assert.deepEqual(found, expected, `from L${i}`);
  }
  for (let i = 0; i < links; i++) line.resolve(schemas[`L${i}`], `/definitions/L${i}`);
  // A few reads a link (about 4); following the line from each of them again took about links² / 2.
  assert.ok(reads <= 8 * links, `${reads} reads of $ref for ${links} links`);
  // What a walk is given is its own: changing it changes nothing the document holds.
  const first = line.resolve({ $ref: '#/definitions/L0' }, '/x');
  first.pointer = '/elsewhere';
  assert.equal(line.resolve({ $ref: '#/definitions/L0' }, '/x').pointer, `/definitions/L${links - 1}`);
});

it('still refuses a loop reached through a line already followed', () => {
  const looping = specDocumentOf({
    swagger: '2.0',
    info: { title: 't', version: '1' },
    paths: {},
    definitions: { A: { $ref: '#/definitions/B' }, B: { $ref: '#/definitions/C' }, C: { type: 'string' }, D: { $ref: '#/definitions/E' }, E: { $ref: '#/definitions/D' } },
  }, 'loop.json');
  assert.equal(looping.resolve({ $ref: '#/definitions/A' }, '/x').pointer, '/definitions/C');
  assert.throws(() => looping.resolve({ $ref: '#/definitions/D' }, '/x'), (e: unknown) => e instanceof InputError && /refers back to itself/.test(e.message));
  assert.throws(() => looping.resolve({ $ref: '#/definitions/E' }, '/x'), (e: unknown) => e instanceof InputError && /refers back to itself/.test(e.message));
});
