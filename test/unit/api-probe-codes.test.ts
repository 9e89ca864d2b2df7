// Every code an API probe expects is a code of the built-in catalogs, with the status the probe
// expects it at: a misspelt or moved code would leave the probe asking for what no profile sends.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ApiOperation } from '../../conformance/api/operations.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { builtinProfile, indexOf } from '../../schemas/index.js';
import { profileFromDocument } from '../../schemas/catalog.js';

const catalogs = [indexOf(builtinProfile('envelope')), indexOf(builtinProfile('kubernetes'))];
const PROFILES = [builtinProfile('kubernetes'), builtinProfile('envelope'), builtinProfile('problem')];

// `expect` reads only the declared responses (valid-read's success status); the rest is a plain operation.
const operation: ApiOperation = {
  method: 'post',
  path: '/widgets/{name}',
  pointer: '/paths/~1widgets~1{name}/post',
  title: 'POST /widgets/{name}',
  parameters: [],
  body: undefined,
  secured: true,
  responses: [{ status: '201', mediaTypes: ['application/json'] }],
  pathMethods: ['POST'],
};

it('every code an API probe expects is in the envelope or Kubernetes catalog, at the status it expects', () => {
  const wrong: string[] = [];
  let named = 0;
  for (const probe of API_PROBES) {
    for (const profile of PROFILES) {
      const kind = profile.name;
      const { status, codes } = probe.expect(operation, profile);
      for (const code of codes) {
        named++;
        const statuses = catalogs.map((index) => index.errorCode(code)?.httpStatus).filter((s) => s !== undefined);
        if (!statuses.includes(status)) wrong.push(`${probe.id} (${kind}): \`${code}\` at ${status}, the catalogs have ${statuses.length > 0 ? statuses.join(', ') : 'no such code'}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(named > 0);
});

it('a Kubernetes expectation names a Kubernetes reason first', () => {
  // `expectedCodes` keeps the codes the profile pairs with the status; for a Status the reason must be among them.
  const kubernetes = indexOf(builtinProfile('kubernetes'));
  for (const probe of API_PROBES) {
    const { status, codes } = probe.expect(operation, kubernetes.profile);
    if (codes.length === 0) continue;
    assert.ok(codes.some((code) => kubernetes.errorCode(code)?.httpStatus === status), `${probe.id}: ${codes.join(', ')} at ${status}`);
  }
});

it('a profile names the status of its request errors; unset ones come from what it extends, then the HTTP table', () => {
  // FastAPI answers all four with 422, where statuslint expected 400 and 415 of every non-Kubernetes API (issue 20).
  const statusOf = (profile: Parameters<(typeof API_PROBES)[number]['expect']>[1]) =>
    Object.fromEntries(['missing-field', 'missing-query-param', 'missing-path-param', 'malformed-json', 'wrong-content-type'].map((id) => [id, API_PROBES.find((p) => p.id === id)!.expect(operation, profile).status]));
  assert.deepEqual(statusOf(builtinProfile('envelope')), { 'missing-field': 400, 'missing-query-param': 400, 'missing-path-param': 400, 'malformed-json': 400, 'wrong-content-type': 415 });
  assert.deepEqual(statusOf(builtinProfile('kubernetes')), { 'missing-field': 422, 'missing-query-param': 400, 'missing-path-param': 400, 'malformed-json': 400, 'wrong-content-type': 415 });
  const own = profileFromDocument({ name: 'own', extends: 'envelope', body: { kind: 'none' }, requestErrors: { validation: 422, parameter: 422, malformedBody: 422, mediaType: 422 } }, 'test');
  assert.deepEqual(statusOf(own), { 'missing-field': 422, 'missing-query-param': 422, 'missing-path-param': 422, 'malformed-json': 422, 'wrong-content-type': 422 });
  const partly = profileFromDocument({ name: 'partly', extends: 'kubernetes', body: { kind: 'kubernetes-status' }, requestErrors: { mediaType: 400 } }, 'test');
  assert.deepEqual(statusOf(partly), { 'missing-field': 422, 'missing-query-param': 400, 'missing-path-param': 400, 'malformed-json': 400, 'wrong-content-type': 400 });
});
