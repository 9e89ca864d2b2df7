/**
 * `statuslint spec` on the Swagger Petstore and on documents written in the shapes of four public API
 * descriptions (GitHub REST, Stripe, Zalando Nakadi, Open Zaak; their licences or size keep the
 * originals out of this repository), finding by finding. Kubernetes' own documents, served by a real
 * kube-apiserver, are `kube-apiserver.test.ts`'s.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOfItem } from '../../conformance/results.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument } from '../../conformance/spec/run.js';
import { resolveProfile } from '../../schemas/index.js';
import { fixture } from '../helpers/paths.js';

type Row = [title: string, checkId: string, level: string, pointer: string, expected: string | undefined, received: string | undefined, operations?: string[]];

async function findingsOf(file: string, profile: string): Promise<Row[]> {
  const document = await loadDocument(file.includes('/') ? fixture('openapi', file) : fixture('openapi', 'shapes', file));
  return checkDocument(document, { profile: resolveProfile(profile) }).flatMap((item) =>
    findingsOfItem(item).map((f): Row => {
      const row: Row = [item.title, f.checkId, f.level, f.pointer, f.expected, f.received];
      if (f.operations) row.push(f.operations);
      return row;
    }),
  );
}

describe('GitHub-shaped, with the built-in github profile', () => {
  it('passes 304 on reads, 301, and `{message, documentation_url}` errors; reports the shared 503 once; asks 304 off a PUT and the unregistered 418', async () => {
    assert.deepEqual(await findingsOf('github.yaml', 'github'), [
      // Its one error example out of line with the schema it illustrates (`status` is a string there), once for the four operations that show it.
      [
        'OpenAPI 3.0 document',
        'error-examples-valid',
        'SHOULD',
        '/components/examples/not-found-without-message/value',
        'valid against #/components/schemas/basic-error',
        '/status must be string',
        ['GET /repos/{owner}/{repo}', 'POST /repos/{owner}/{repo}/issues', 'PUT /user/starred/{owner}/{repo}', 'POST /repos/{owner}/{repo}/pages/deployments'],
      ],
      ['OpenAPI 3.0 document', 'retry-after-documented', 'SHOULD', '/components/responses/service_unavailable', 'Retry-After', 'no headers', ['POST /repos/{owner}/{repo}/issues', 'GET /search/code']],
      ['POST /repos/{owner}/{repo}/issues', 'error-responses-documented', 'SHOULD', '/paths/~1repos~1{owner}~1{repo}~1issues/post/responses', '409', 'undocumented'],
      // An action that sends no body: no 409 or 422 asked, but what its path names may be missing.
      ['PUT /repos/{owner}/{repo}/vulnerability-alerts', 'error-responses-documented', 'SHOULD', '/paths/~1repos~1{owner}~1{repo}~1vulnerability-alerts/put/responses', '404', 'undocumented'],
      ['PUT /user/starred/{owner}/{repo}', 'documented-status-known', 'SHOULD', '/paths/~1user~1starred~1{owner}~1{repo}/put/responses/304', 'a status a PUT can answer', '304'],
      ['POST /repos/{owner}/{repo}/pages/deployments', 'error-schema-compatible', 'SHOULD', '/paths/~1repos~1{owner}~1{repo}~1pages~1deployments/post/responses/409', 'error envelope', 'no schema'],
      ['POST /repos/{owner}/{repo}/pages/deployments', 'error-schema-compatible', 'SHOULD', '/paths/~1repos~1{owner}~1{repo}~1pages~1deployments/post/responses/418', 'error envelope', 'no schema'],
      ['POST /repos/{owner}/{repo}/pages/deployments', 'documented-status-known', 'SHOULD', '/paths/~1repos~1{owner}~1{repo}~1pages~1deployments/post/responses/418', 'registered status', '418'],
    ]);
  });
});

describe('Stripe-shaped', () => {
  const missingStatuses: Row[] = [
    ['GET /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/get/responses', '401', 'undocumented'],
    ['GET /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/get/responses', '403', 'undocumented'],
    // `default` is every operation's only error response: nothing says it was rate-limited, or how long to wait.
    ['GET /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/get/responses', '429', 'undocumented'],
    // Stripe answers an invalid request with 400.
    ['POST /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/post/responses', '400', 'undocumented'],
    ['POST /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/post/responses', '401', 'undocumented'],
    ['POST /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/post/responses', '403', 'undocumented'],
    ['POST /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/post/responses', '409', 'undocumented'],
    ['POST /v1/charges', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges/post/responses', '429', 'undocumented'],
    ['GET /v1/charges/search', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1search/get/responses', '401', 'undocumented'],
    ['GET /v1/charges/search', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1search/get/responses', '403', 'undocumented'],
    ['GET /v1/charges/search', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1search/get/responses', '429', 'undocumented'],
    ['GET /v1/charges/{charge}', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1{charge}/get/responses', '401', 'undocumented'],
    ['GET /v1/charges/{charge}', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1{charge}/get/responses', '403', 'undocumented'],
    ['GET /v1/charges/{charge}', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1{charge}/get/responses', '404', 'undocumented'],
    ['GET /v1/charges/{charge}', 'error-responses-documented', 'SHOULD', '/paths/~1v1~1charges~1{charge}/get/responses', '429', 'undocumented'],
  ];

  it('with the stripe profile, the nested `{error: {code, message}}` is compatible; `default` stands in for no status clients act on, 429 included', async () => {
    assert.deepEqual(await findingsOf('stripe.yaml', 'stripe'), missingStatuses);
  });

  it('with the flat envelope profile, the shared error schema is reported once, naming every operation', async () => {
    const every = ['GET /v1/charges', 'POST /v1/charges', 'GET /v1/charges/search', 'GET /v1/charges/{charge}'];
    assert.deepEqual(await findingsOf('stripe.yaml', 'envelope'), [
      ['OpenAPI 3.0 document', 'error-schema-compatible', 'MUST', '/components/schemas/error', 'message: string, requestId: string', 'missing', every],
      ['OpenAPI 3.0 document', 'error-schema-compatible', 'MUST', '/components/schemas/api_errors', 'error: string', 'object', every],
      ...missingStatuses,
    ]);
  });
});

describe('Nakadi-shaped, with the problem profile', () => {
  it('reports the document-wide `produces` once; passes the 207 Multi-Status and the 422 batch results as validation; keeps the array 422 body', async () => {
    assert.deepEqual(await findingsOf('nakadi.yaml', 'problem'), [
      ['OpenAPI 2.0 document', 'error-content-type-json', 'SHOULD', '/produces', 'application/problem+json', 'application/json', ['GET /event-types', 'GET /event-types/{name}', 'POST /event-types/{name}/events']],
      ['POST /event-types/{name}/events', 'error-schema-compatible', 'MUST', '/paths/~1event-types~1{name}~1events/post/responses/422/schema', 'object', 'array'],
    ]);
  });
});

describe('Open Zaak-shaped, with the problem profile', () => {
  it('takes 400 ValidatieFout as the validation error, and POST /zaken/_zoek as a search, not a create', async () => {
    assert.deepEqual(await findingsOf('openzaak.yaml', 'problem'), []);
  });
});

describe('the Swagger Petstore itself, with the envelope profile', () => {
  it('reports its shared Error schema once, and asks what `default` leaves unnamed, 429 among it', async () => {
    assert.deepEqual(await findingsOf('./petstore.yaml', 'envelope'), [
      ['OpenAPI 3.0 document', 'error-schema-compatible', 'MUST', '/components/schemas/Error', 'error: string, requestId: string', 'missing', ['GET /pets', 'POST /pets', 'GET /pets/{petId}']],
      // Each operation's only error response is `default`: none says it was rate-limited.
      ['GET /pets', 'error-responses-documented', 'SHOULD', '/paths/~1pets/get/responses', '429', 'undocumented'],
      ['POST /pets', 'error-responses-documented', 'SHOULD', '/paths/~1pets/post/responses', '400', 'undocumented'],
      ['POST /pets', 'error-responses-documented', 'SHOULD', '/paths/~1pets/post/responses', '409', 'undocumented'],
      ['POST /pets', 'error-responses-documented', 'SHOULD', '/paths/~1pets/post/responses', '429', 'undocumented'],
      ['GET /pets/{petId}', 'error-responses-documented', 'SHOULD', '/paths/~1pets~1{petId}/get/responses', '404', 'undocumented'],
      ['GET /pets/{petId}', 'error-responses-documented', 'SHOULD', '/paths/~1pets~1{petId}/get/responses', '429', 'undocumented'],
    ]);
  });
});
