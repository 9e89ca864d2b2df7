import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import check from '../../conformance/spec/checks/retry-after-documented.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { builtinProfile, indexOf } from '../../schemas/index.js';
import { failures } from '../helpers/check.js';
import { documentOf, responsePointer, runOn, specDocument, VERSIONS } from './documents.js';

const ok = { description: 'OK' };
const retryAfter = { type: 'integer' };

for (const version of VERSIONS) {
  describe(`retry-after-documented on OpenAPI ${version}`, () => {
    it('passes 429 and 503 responses that document Retry-After, in any letter case', () => {
      const document = specDocument(version, {
        paths: { '/pets': { get: { responses: { '200': ok, '429': { headers: { 'Retry-After': retryAfter } }, '503': { headers: { 'retry-after': retryAfter } } } } } },
      });
      assert.equal(runOn(check, document).outcome, 'pass');
    });

    it('asks a 503 without headers for Retry-After, at the response', () => {
      const document = specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '503': { description: 'Unavailable' } } } } } });
      assert.deepEqual(failures(runOn(check, document)), [{ checkId: 'retry-after-documented', pointer: '/paths/~1pets/get/responses/503', expected: 'Retry-After', received: 'no headers' }]);
    });

    it('asks a 429 with other headers for Retry-After, at its headers', () => {
      const document = specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '429': { headers: { 'X-RateLimit-Remaining': retryAfter } } } } } } });
      assert.deepEqual(failures(runOn(check, document)), [
        { checkId: 'retry-after-documented', pointer: '/paths/~1pets/get/responses/429/headers', expected: 'Retry-After', received: 'X-RateLimit-Remaining' },
      ]);
    });

    it('points at a shared response where it is written, once', () => {
      const data = documentOf(version, {
        responses: { Busy: { description: 'Busy' } },
        paths: { '/pets': { get: { responses: { '200': ok, '429': { ref: 'Busy' }, '503': { ref: 'Busy' } } } } },
      });
      assert.deepEqual(failures(runOn(check, specDocumentOf(data, 'x.json'))).map((f) => f.pointer), [responsePointer(version, 'Busy')]);
    });

    it('skips operations that document neither 429 nor 503', () => {
      assert.equal(runOn(check, specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '500': ok } } } } })).outcome, 'skip');
    });

    it('asks nothing of a 504: a status asks by itself only where the HTTP table says so, whatever codes may come with it', () => {
      // Kubernetes' `Timeout` (504) asks for guidance, but a document names the status, not the reason.
      assert.equal(runOn(check, specDocument(version, { paths: { '/pets': { get: { responses: { '200': ok, '504': { description: 'Timeout' } } } } } })).outcome, 'skip');
    });
  });
}

it('names in its description exactly the statuses the catalog asks retry guidance of', () => {
  const statuses = indexOf(builtinProfile('kubernetes')).retryGuidanceStatuses();
  assert.deepEqual(statuses, [429, 503]);
  assert.deepEqual([...check.description.matchAll(/`(\d{3})`/g)].map((m) => Number(m[1])), statuses);
});
