import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiOperationsOf, documentBasePath, documentServer, effectiveSecurityRequired } from '../../conformance/api/operations.js';
import { type ApiProbeContext, safetyOf } from '../../conformance/api/probe.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { admitsString, SampleTooLarge, sampleValue, unknownValue } from '../../conformance/api/values.js';
import { specDocumentOf } from '../../conformance/spec/load.js';

const v3 = specDocumentOf(
  {
    openapi: '3.0.3',
    info: { title: 'clusters', version: '1' },
    servers: [{ url: '/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Cluster: {
          type: 'object',
          required: ['name', 'region'],
          properties: { name: { type: 'string', pattern: '^[a-z0-9-]+$' }, region: { type: 'string', enum: ['eu', 'us'] }, nodes: { type: 'integer' } },
        },
      },
    },
    paths: {
      '/clusters': {
        get: { parameters: [{ name: 'region', in: 'query', required: true, schema: { type: 'string' }, example: 'eu' }], responses: { '200': { description: 'ok' } } },
        post: {
          'x-statuslint-body-limit': 4096,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Cluster' } } } },
          responses: { '201': { description: 'created' }, '409': { description: 'exists', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/clusters/{name}': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        get: { responses: { '200': { description: 'ok' } } },
        delete: { security: [], responses: { '204': { description: 'gone' } } },
      },
      '/clusters/{name}/nodes/{node}': {
        get: {
          parameters: [
            { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'node', in: 'path', required: true, schema: { type: 'integer', maximum: 10 } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/regions/{region}': { get: { parameters: [{ name: 'region', in: 'path', required: true, schema: { enum: ['eu', 'us'] } }], responses: { '200': { description: 'ok' } } } },
    },
  },
  'clusters.yaml',
);

const operations = apiOperationsOf(v3);
const operation = (title: string) => operations.find((o) => o.title === title)!;
const probe = (id: string) => API_PROBES.find((p) => p.id === id)!;
const contextFor = (title: string): ApiProbeContext => ({ operation: operation(title), document: v3, salt: 'abcdef012345', bodyLimit: 1024 * 1024 });

describe('operations of a document', () => {
  it('reads parameters (path-level and own), bodies, security, declared responses and methods per path', () => {
    const post = operation('POST /clusters');
    assert.equal(post.body?.required, true);
    assert.deepEqual(post.body?.mediaTypes, ['application/json']);
    assert.deepEqual(post.responses, [{ status: '201', mediaTypes: [] }, { status: '409', mediaTypes: ['application/json'] }]);
    assert.equal(post.bodyLimit, 4096);
    assert.deepEqual(post.pathMethods, ['GET', 'POST']);
    assert.equal(post.secured, true);
    assert.equal(operation('DELETE /clusters/{name}').secured, false, '`security: []` opts out');
    assert.deepEqual(operation('GET /clusters/{name}').parameters.map((p) => [p.in, p.name, p.required]), [['path', 'name', true]]);
  });

  it('is secured only where its effective `security` asks for a scheme, not wherever schemes are declared (issue 20)', () => {
    // FastAPI's shape: schemes under components, `security` on the operations that use one, none at the root.
    const fastapi = specDocumentOf(
      {
        openapi: '3.1.0',
        info: { title: 'items', version: '1' },
        components: { securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } } },
        paths: {
          '/items': { get: { responses: { '200': { description: 'ok' } } } },
          '/items/{id}': {
            delete: { security: [{ HTTPBearer: [] }], responses: { '204': { description: 'gone' } } },
            get: { security: [{}, { HTTPBearer: [] }], responses: { '200': { description: 'ok' } } },
          },
        },
      },
      'items.json',
    );
    const secured = Object.fromEntries(apiOperationsOf(fastapi).map((o) => [o.title, o.secured]));
    assert.deepEqual(secured, { 'GET /items': false, 'DELETE /items/{id}': true, 'GET /items/{id}': false });
    assert.equal(effectiveSecurityRequired(fastapi, { security: [] }), false);
    assert.equal(probe('no-credentials').appliesTo(apiOperationsOf(fastapi)[0]!, fastapi), 'the operation requires no authentication');
  });

  it('takes the server from the document: an absolute URL, or a relative prefix for --server', () => {
    assert.equal(documentServer(v3), undefined);
    assert.equal(documentBasePath(v3), '/v1');
    const swagger = specDocumentOf({ swagger: '2.0', info: { title: 't', version: '1' }, host: 'api.example.com', basePath: '/v2', schemes: ['https'], paths: {} }, 's.json');
    assert.equal(documentServer(swagger), 'https://api.example.com/v2');
  });

  it('reads a Swagger 2.0 body parameter and its consumes', () => {
    const swagger = specDocumentOf(
      {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        consumes: ['application/json'],
        paths: { '/pets': { post: { parameters: [{ in: 'body', name: 'pet', required: true, schema: { type: 'object', required: ['name'] } }], responses: { '201': { description: 'ok' } } } } },
      },
      's.json',
    );
    const [post] = apiOperationsOf(swagger);
    assert.deepEqual(post!.body?.mediaTypes, ['application/json']);
    assert.deepEqual(post!.body?.schema?.value, { type: 'object', required: ['name'] });
  });
});

describe('values', () => {
  it('builds valid values: required members only, enums, formats, bounds', () => {
    assert.deepEqual(sampleValue(v3, { $ref: '#/components/schemas/Cluster' }), { name: 'statuslint', region: 'eu' });
    assert.equal(sampleValue(v3, { type: 'integer', minimum: 5 }), 5);
    assert.equal(sampleValue(v3, { type: 'string', format: 'uuid' }), '3fa85f64-5717-4562-b3fc-2c963f66afa6');
    assert.equal(sampleValue(v3, { type: 'string', maxLength: 4 }), 'stat');
  });

  it('makes ids no object has, of the right type, that the schema takes', () => {
    assert.deepEqual(unknownValue(v3, { type: 'string' }, 'abc'), { value: 'statuslint-missing-abc' });
    assert.deepEqual(unknownValue(v3, { type: 'string', format: 'uuid' }, 'abcdef012345'), { value: '00000000-0000-4000-8000-abcdef012345' });
    assert.deepEqual(unknownValue(v3, { type: 'string', pattern: '^[a-z0-9]+$' }, 'abc'), { value: 'statuslintmissingabc' });
    assert.deepEqual(unknownValue(v3, { type: 'string', minLength: 40 }, 'abc'), { value: 'statuslint-missing-abcxxxxxxxxxxxxxxxxxx' });
    assert.deepEqual(unknownValue(v3, { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, 'abcdef'), { value: String(900_000_001 + (0xabcdef % 99_999_999)) });
    assert.deepEqual(unknownValue(v3, { type: 'integer', multipleOf: 1000 }, 'abcdef'), { value: String(Math.ceil((900_000_000 + (0xabcdef % 99_999_999)) / 1000) * 1000) });
  });

  it('builds no sample over the budget, however the schema nests its sizes', () => {
    for (const schema of [
      { type: 'string', minLength: 2_000_000_000 },
      { type: 'array', minItems: 50_000_000 },
      { type: 'array', minItems: 2000, items: { type: 'array', minItems: 1000, items: { type: 'integer' } } },
      { type: 'array', minItems: 200, items: { type: 'string', minLength: 10_000 } },
    ]) {
      assert.throws(() => sampleValue(v3, schema), SampleTooLarge, JSON.stringify(schema));
    }
    assert.equal((sampleValue(v3, { type: 'string', minLength: 1_000_000 }) as string).length, 1_000_000);
    assert.deepEqual(unknownValue(v3, { type: 'string', minLength: 1_000_000_000 }, 'abc'), { none: 'is at least 1000000000 characters: longer than an id statuslint sends (2048)' });
  });

  it('tells whether a JSON string may be a valid body: doubt counts as yes', () => {
    const takes = (schema: unknown): boolean => admitsString(v3, schema);
    for (const schema of [undefined, {}, { type: 'string' }, { type: ['null', 'string'] }, { oneOf: [{ type: 'object' }, { type: 'string' }] }, { enum: [1, 'a'] }, { const: 'x' }, { allOf: [{ description: 'd' }] }]) {
      assert.equal(takes(schema), true, JSON.stringify(schema));
    }
    for (const schema of [{ type: 'object' }, { $ref: '#/components/schemas/Cluster' }, { properties: { a: {} } }, { items: {} }, { type: 'array' }, { enum: [1, 2] }, { anyOf: [{ type: 'integer' }, { type: 'object' }] }, { allOf: [{ type: 'string' }, { type: 'object' }] }]) {
      assert.equal(takes(schema), false, JSON.stringify(schema));
    }
  });

  it('makes none where every value may name an object, or none is known to fit', () => {
    // Once `maximum: 5` gave 5, and the DELETE of the unknown-id probe deleted object 5.
    assert.deepEqual(unknownValue(v3, { type: 'integer', minimum: 1, maximum: 5 }, 'abcdef'), { none: 'is at most 5: any value it takes may name an object' });
    assert.deepEqual(unknownValue(v3, { enum: ['eu', 'us'] }, 'abc'), { none: 'is an enum: any of its values may name an object' });
    assert.deepEqual(unknownValue(v3, { type: 'string', maxLength: 8 }, 'abcdef012345'), { none: 'is at most 8 characters: too short for a value surely unknown' });
    assert.deepEqual(unknownValue(v3, { type: 'string', pattern: '^[0-9]{3}$' }, 'abcdef012345'), { none: 'has a `pattern` that no value surely unknown matches' });
    assert.deepEqual(unknownValue(v3, { type: 'string', format: 'date' }, 'abc'), { none: 'has format `date`: no value of it is surely unknown' });
    // RE2 runs no backreference or lookaround; a backtracking engine is never the fallback.
    assert.match(String((unknownValue(v3, { type: 'string', pattern: '^(a+)\\1$' }, 'abc') as { none: string }).none), /linear-time engine cannot run/);
    assert.match(String((unknownValue(v3, { type: 'string', pattern: '^(?=.*[0-9]).+$' }, 'abc') as { none: string }).none), /linear-time engine cannot run/);
  });
});

describe('the probes break one thing each', () => {
  it('unknown-id: the last path parameter only; left out, with the reason, where no value is surely unknown', () => {
    assert.equal(probe('unknown-id').request(contextFor('GET /clusters/{name}')).path, '/clusters/00000000-0000-4000-8000-abcdef012345');
    assert.equal(probe('unknown-id').leftOut!(contextFor('GET /clusters/{name}')), undefined);
    assert.equal(probe('unknown-id').leftOut!(contextFor('GET /clusters/{name}/nodes/{node}')), '`node` is at most 10: any value it takes may name an object');
    assert.equal(probe('unknown-id').leftOut!(contextFor('GET /regions/{region}')), '`region` is an enum: any of its values may name an object');
    assert.equal(probe('unknown-id').appliesTo(operation('POST /clusters'), v3), 'only reads and deletes ask for an unknown id');
  });

  it('missing-field: a valid body without its first required member', () => {
    const request = probe('missing-field').request(contextFor('POST /clusters'));
    assert.deepEqual(JSON.parse(String(request.body)), { region: 'eu' });
    assert.equal(request.headers?.['content-type'], 'application/json');
  });

  it('missing-query-param: everything but the required query parameter', () => {
    assert.equal(probe('missing-query-param').request(contextFor('GET /clusters')).path, '/clusters');
    assert.equal(probe('valid-read').request(contextFor('GET /clusters')).path, '/clusters?region=eu');
  });

  it('missing-path-param: an inner parameter left empty', () => {
    assert.equal(probe('missing-path-param').request(contextFor('GET /clusters/{name}/nodes/{node}')).path, '/clusters//nodes/1');
    assert.equal(probe('missing-path-param').optional, true);
  });

  it('body-too-large: one byte over the limit, as a JSON string', () => {
    const body = probe('body-too-large').request({ ...contextFor('POST /clusters'), bodyLimit: 4096 }).body as Buffer;
    assert.equal(body.length, 4097);
    assert.equal(typeof JSON.parse(body.toString()), 'string');
  });

  it('method-not-allowed: GET where the path lacks it, else an empty PATCH, only with --allow-writes; never DELETE', () => {
    const item = probe('method-not-allowed').request(contextFor('GET /clusters/{name}'));
    assert.deepEqual([item.method, item.body], ['PATCH', undefined]);
    assert.equal(safetyOf(probe('method-not-allowed'), operation('GET /clusters/{name}')), 'write-if-ignored');
    const nodes = specDocumentOf({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/x': { get: {}, patch: {}, post: {}, put: {}, responses: {} } } }, 'x.json');
    assert.match(String(probe('method-not-allowed').appliesTo(apiOperationsOf(nodes)[0]!, nodes)), /declares every method/);
  });

  it('wrong-content-type: text under a media type the operation does not take', () => {
    assert.equal(probe('wrong-content-type').request(contextFor('POST /clusters')).headers?.['content-type'], 'text/plain');
  });

  it('no-credentials: only where the document asks for them', () => {
    assert.equal(probe('no-credentials').request(contextFor('GET /clusters/{name}')).anonymous, true);
    assert.equal(probe('no-credentials').appliesTo(operation('DELETE /clusters/{name}'), v3), 'the operation requires no authentication');
  });

  it('requests leave out headers a document may not set (routing, credentials, framing, method overrides)', () => {
    const names = ['Host', 'X-Forwarded-Host', 'Authorization', 'Proxy-Authorization', 'Cookie', 'Connection', 'Transfer-Encoding', 'X-HTTP-Method-Override', 'Bad Name', 'X-Tenant', 'X-Injected'];
    const document = specDocumentOf(
      {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/x': {
            get: {
              parameters: [
                ...names.map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' }, example: name === 'X-Injected' ? 'a\r\nHost: evil.example' : 'value' })),
                { name: 'a=1; admin', in: 'cookie', required: true, schema: { type: 'string' }, example: 'yes' },
                { name: 'theme', in: 'cookie', required: true, schema: { type: 'string' }, example: 'dark' },
              ],
              responses: {},
            },
          },
        },
      },
      'h.json',
    );
    const [get] = apiOperationsOf(document);
    const request = probe('valid-read').request({ operation: get!, document, salt: 'abcdef012345', bodyLimit: 1024 });
    assert.deepEqual(request.headers, { 'x-tenant': 'value', cookie: 'theme=dark' });
  });

  it('create-existing: only a create that declares a 409, the same body twice', () => {
    const context = contextFor('POST /clusters');
    assert.deepEqual(probe('create-existing').setup!(context), probe('create-existing').request(context));
  });
});
