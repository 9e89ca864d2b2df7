import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/error-responses-documented.js';
import { BUILTIN_PROFILES, builtinProfile, httpStatusEntry, indexOf, requestErrorStatus } from '../../schemas/index.js';
import { failures } from '../helpers/check.js';
import { type OperationSpec, runOn, specDocument, STATUS_SCHEMAS, statusResponse, VERSIONS } from './documents.js';

const ok = { description: 'OK' };
const pet = { type: 'object', properties: { name: { type: 'string' } } };
/** A write that sends a pet. */
const writes = (...statuses: number[]): OperationSpec => ({ sends: pet, responses: errors(...statuses) });
const errors = (...statuses: number[]): OperationSpec['responses'] => Object.fromEntries([['200', ok], ...statuses.map((s) => [String(s), statusResponse()])]);
const missing = (...statuses: number[]): Array<{ expected: string; received: string }> => statuses.map((s) => ({ expected: String(s), received: 'undocumented' }));
const data = (result: ReturnType<typeof runOn>): Array<{ expected: string; received: string }> =>
  failures(result).map(({ expected, received }) => ({ expected: expected!, received: received! }));

for (const version of VERSIONS) {
  describe(`error-responses-documented on OpenAPI ${version}`, () => {
    it('passes a read of one object that documents 401, 403 and 404', () => {
      const document = specDocument(version, { secured: true, schemas: STATUS_SCHEMAS, paths: { '/pets/{name}': { get: { responses: errors(401, 403, 404) } } } });
      assert.equal(runOn(check, document).outcome, 'pass');
    });

    it('asks a read of one object for 401, 403 and 404, pointing at its responses', () => {
      const document = specDocument(version, { secured: true, schemas: STATUS_SCHEMAS, paths: { '/pets/{name}': { get: { responses: errors() } } } });
      const result = runOn(check, document);
      assert.deepEqual(data(result), missing(401, 403, 404));
      assert.ok(failures(result).every((f) => f.pointer === '/paths/~1pets~1{name}/get/responses'));
    });

    it('asks writes for 409 and 422, and a create under a parent for 404', () => {
      const document = specDocument(version, {
        secured: true,
        schemas: STATUS_SCHEMAS,
        paths: {
          '/owners/{owner}/pets': { post: writes(401, 403) },
          '/pets/{name}': { put: writes(401, 403, 404), patch: writes(401, 403, 404, 409), delete: { responses: errors(401, 403) } },
        },
      });
      assert.deepEqual(data(runOn(check, document, 'POST /owners/{owner}/pets')), missing(404, 409, 422));
      assert.deepEqual(data(runOn(check, document, 'PUT /pets/{name}')), missing(409, 422));
      assert.deepEqual(data(runOn(check, document, 'PATCH /pets/{name}')), missing(422));
      assert.deepEqual(data(runOn(check, document, 'DELETE /pets/{name}')), missing(404));
    });

    it('expects no 404 of a list: a GET of a literal path that answers a list', () => {
      const document = specDocument(version, {
        secured: true,
        schemas: { ...STATUS_SCHEMAS, PetList: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } } },
        paths: {
          '/owners/{owner}/pets': { get: { responses: { '200': { schema: { $ref: 'PetList' } }, '401': statusResponse(), '403': statusResponse() } } },
          '/owners/{owner}/pets/{name}/status': { get: { responses: { '200': { schema: { type: 'object' } }, '401': statusResponse(), '403': statusResponse() } } },
        },
      });
      assert.equal(runOn(check, document, 'GET /owners/{owner}/pets').outcome, 'pass');
      // A subresource read names one object although its path ends in a literal.
      assert.deepEqual(data(runOn(check, document, 'GET /owners/{owner}/pets/{name}/status')), missing(404));
    });

    it('reads the verb from x-kubernetes-action: no 404 for list, watch or deletecollection', () => {
      const kubernetes = (action: string): OperationSpec => ({ responses: errors(401), extra: { 'x-kubernetes-action': action } });
      const document = specDocument(version, {
        secured: true,
        paths: {
          '/api/v1/namespaces/{namespace}/configmaps': { get: kubernetes('list'), post: kubernetes('post'), delete: kubernetes('deletecollection') },
          '/api/v1/watch/namespaces/{namespace}/configmaps/{name}': { get: kubernetes('watch') },
          '/api/v1/namespaces/{namespace}/pods/{name}/exec': { post: kubernetes('connect') },
        },
      });
      assert.deepEqual(data(runOn(check, document, 'GET /api/v1/namespaces/{namespace}/configmaps')), missing(403));
      assert.deepEqual(data(runOn(check, document, 'DELETE /api/v1/namespaces/{namespace}/configmaps')), missing(403));
      assert.deepEqual(data(runOn(check, document, 'GET /api/v1/watch/namespaces/{namespace}/configmaps/{name}')), missing(403));
      assert.deepEqual(data(runOn(check, document, 'POST /api/v1/namespaces/{namespace}/configmaps')), missing(403, 404, 409, 422));
      // exec is a connect: no write conflicts, but the pod may be missing.
      assert.deepEqual(data(runOn(check, document, 'POST /api/v1/namespaces/{namespace}/pods/{name}/exec')), missing(403, 404));
    });

    it('expects no 401 or 403 without authentication, nor of an operation that opts out with security: []', () => {
      const open = specDocument(version, { paths: { '/pets/{name}': { get: { responses: errors() } } } });
      assert.deepEqual(data(runOn(check, open)), missing(404));
      const optedOut = specDocument(version, { secured: true, paths: { '/health': { get: { responses: errors(), security: [] } } } });
      assert.equal(runOn(check, optedOut).outcome, 'skip');
    });

    it('takes declared security schemes without a requirement, or a documented 401, as authentication', () => {
      // Kubernetes' OpenAPI v3 declares BearerToken without requiring it; its CRD documents declare nothing but 401.
      const schemesOnly = specDocument(version, { schemesOnly: true, paths: { '/api/v1/namespaces': { get: { responses: errors(401) } } } });
      assert.deepEqual(data(runOn(check, schemesOnly)), missing(403));
      const only401 = specDocument(version, { paths: { '/apis/example.dev/v1/widgets': { get: { responses: errors(401) } } } });
      assert.deepEqual(data(runOn(check, only401)), missing(403));
    });

    it('with the kubernetes profile, takes every /api and /apis path to authenticate', () => {
      // The OpenAPI v3 documents of aggregated API servers declare no security and document no error.
      const aggregated = specDocument(version, { paths: { '/apis/wardle.example.com/v1alpha1/flunders': { get: { responses: errors(), extra: { 'x-kubernetes-action': 'list' } } } } });
      assert.deepEqual(data(runOn(check, aggregated)), missing(401, 403));
      assert.equal(runOn(check, aggregated, undefined, 'envelope').outcome, 'skip');
    });

    it('does not count default as covering the statuses clients act on, and says so', () => {
      const document = specDocument(version, { secured: true, paths: { '/pets/{name}': { put: { sends: pet, responses: { '200': ok, default: statusResponse() } } } } });
      assert.deepEqual(data(runOn(check, document)), missing(401, 403, 404, 409, 422, 429));
    });

    it('asks 429 with Retry-After of an operation whose only error response is default, and of no other', () => {
      const document = specDocument(version, {
        paths: {
          '/pets': { get: { responses: { '200': ok, default: statusResponse() } } },
          '/pets/{name}': { get: { responses: { '200': ok, '404': statusResponse(), default: statusResponse() } } },
          // As Kubernetes documents its operations: a `401` and no `default`.
          '/owners': { get: { responses: { '200': ok, '401': statusResponse() } } },
          '/owners/{owner}': { get: { responses: { '200': ok, '304': { description: 'Not Modified' }, '404': statusResponse() } } },
        },
      });
      const listing = runOn(check, document, 'GET /pets');
      assert.deepEqual(data(listing), missing(429));
      // The catalog's why, and a hint that asks for the header a client waits by.
      const finding = listing.outcome === 'fail' ? listing.findings[0] : undefined;
      assert.ok(finding?.message.includes(`Expected: a \`429\` response as well: ${httpStatusEntry(429)?.operations?.why}.`), finding?.message);
      assert.match(finding?.hint ?? '', /^Add a `429` \(Too Many Requests\) response whose schema is .*, with a `Retry-After` header\.$/);
      // Another error status beside `default`, or no `default` at all: nothing asked of rate limits.
      assert.equal(runOn(check, document, 'GET /pets/{name}').outcome, 'pass');
      assert.deepEqual(data(runOn(check, document, 'GET /owners')), missing(403));
      assert.equal(runOn(check, document, 'GET /owners/{owner}').outcome, 'pass');
    });

    it('asks an invalid object of the status the profile gives validation: 400 for envelope, 422 for kubernetes', () => {
      const document = specDocument(version, { secured: true, paths: { '/pets': { post: writes(401, 403, 409) } } });
      assert.deepEqual(data(runOn(check, document)), missing(422));
      assert.deepEqual(data(runOn(check, document, undefined, 'envelope')), missing(400));
      const with400 = specDocument(version, { secured: true, paths: { '/pets': { post: writes(400, 401, 403, 409) } } });
      assert.equal(runOn(check, with400, undefined, 'envelope').outcome, 'pass');
    });

    it('counts a 400 whose schema lists invalid fields as the validation error (Open Zaak ValidatieFout, DRF, Spring)', () => {
      const shapes: Record<string, Record<string, unknown>> = {
        ValidatieFout: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' }, invalidParams: { type: 'array', items: { type: 'object' } } } },
        Drf: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        Spring: { type: 'object', properties: { status: { type: 'integer' }, errors: { type: 'array', items: { type: 'object' } } } },
      };
      for (const [name, schema] of Object.entries(shapes)) {
        const document = specDocument(version, {
          secured: true,
          schemas: { ...STATUS_SCHEMAS, [name]: schema },
          paths: { '/pets': { post: { sends: pet, responses: { '201': ok, '400': { schema: { $ref: name } }, '401': statusResponse(), '403': statusResponse(), '409': statusResponse() } } } },
        });
        assert.equal(runOn(check, document).outcome, 'pass', name);
      }
      // A 400 that lists nothing is a bad request, not a validation error.
      const plain = specDocument(version, {
        secured: true,
        paths: { '/pets': { post: { sends: pet, responses: { '201': ok, '400': statusResponse(), '401': statusResponse(), '403': statusResponse(), '409': statusResponse() } } } },
      });
      assert.deepEqual(data(runOn(check, plain)), missing(422));
    });

    it('asks a search nothing a write is asked: POST /zaken/_zoek, an operationId naming a query', () => {
      const document = specDocument(version, {
        secured: true,
        paths: {
          '/zaken/_zoek': { post: { sends: pet, responses: errors(401, 403) } },
          '/pets/query': { post: { sends: pet, responses: errors(401, 403) } },
          '/pets/things': { post: { sends: pet, responses: errors(401, 403), extra: { operationId: 'searchPets' } } },
          '/zaken': { post: { sends: pet, responses: errors(401, 403), extra: { operationId: 'zaak_create' } } },
        },
      });
      assert.equal(runOn(check, document, 'POST /zaken/_zoek').outcome, 'pass');
      assert.equal(runOn(check, document, 'POST /pets/query').outcome, 'pass');
      assert.equal(runOn(check, document, 'POST /pets/things').outcome, 'pass');
      assert.deepEqual(data(runOn(check, document, 'POST /zaken')), missing(409, 422));
    });

    it('asks an action that sends no body only what a read is asked: PUT /repos/{owner}/{repo}/vulnerability-alerts', () => {
      const document = specDocument(version, {
        secured: true,
        paths: { '/repos/{owner}/{repo}/vulnerability-alerts': { put: { responses: { '204': ok, '401': statusResponse(), '403': statusResponse() } } } },
      });
      assert.deepEqual(data(runOn(check, document)), missing(404));
    });
  });
}

it('counts a 4XX range as covering 401, 403, 404, 409 and 422 (OpenAPI 3)', () => {
  for (const version of ['3.0', '3.1'] as const) {
    const document = specDocument(version, { secured: true, paths: { '/pets/{name}': { patch: { sends: pet, responses: { '200': ok, '4XX': statusResponse() } } } } });
    assert.equal(runOn(check, document).outcome, 'pass', version);
    // A `5XX` beside `default` is an error response of its own: `default` is not the only one.
    const ranges = specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '5XX': statusResponse(), default: statusResponse() } } } } });
    assert.deepEqual(data(runOn(check, ranges)), [], version);
  }
});

it('points its hint at the document\'s own compatible Status schema', () => {
  const document = specDocument('3.0', { secured: true, schemas: STATUS_SCHEMAS, paths: { '/pets/{name}': { get: { responses: errors(401, 403) } } } });
  const result = runOn(check, document);
  assert.equal(result.outcome, 'fail');
  assert.match(result.outcome === 'fail' ? result.findings[0]!.hint! : '', /#\/components\/schemas\/Status/);
});

it('asks the catalog which statuses and why: each finding gives the `operations.why` of its status', () => {
  const document = specDocument('3.0', { secured: true, schemas: STATUS_SCHEMAS, paths: { '/pets/{name}': { patch: writes() } } });
  const result = runOn(check, document);
  assert.equal(result.outcome, 'fail');
  for (const finding of result.outcome === 'fail' ? result.findings : []) {
    const why = httpStatusEntry(Number(finding.expected))?.operations?.why;
    assert.ok(why && finding.message.endsWith(`${why}.`), finding.message);
  }
});

it('names in its description exactly the statuses the catalog says operations can meet, and the validation statuses of the built-in profiles', () => {
  const index = indexOf(builtinProfile('kubernetes'));
  const every = { authentication: true, authorization: true, 'names-object': true, 'default-error-only': true };
  const statuses = [...new Set((['read', 'create'] as const).flatMap((verb) => index.statusesForOperation(verb, every).map((s) => s.status)))].sort((a, b) => a - b);
  assert.deepEqual(statuses, [401, 403, 404, 409, 422, 429]);
  assert.deepEqual([...new Set(BUILTIN_PROFILES.map((name) => requestErrorStatus(builtinProfile(name), 'validation')))].sort(), [400, 422]);
  const named = [...new Set([...check.description.matchAll(/`(\d{3})`/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  assert.deepEqual(named, [400, ...statuses]);
});
