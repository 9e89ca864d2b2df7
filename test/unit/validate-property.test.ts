// Arbitrary JSON, headers and statuses never make validate() throw, and every finding is well formed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { validate, validateResponse } from '../../conformance/validate.js';
import { viewOfText } from '../../conformance/exchange.js';

const profiles = fc.constantFrom('kubernetes', 'envelope', 'problem');
const status = fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined });
const headers = fc.option(fc.dictionary(fc.constantFrom('content-type', 'retry-after', 'x-request-id', 'allow'), fc.string()), { nil: undefined });

/** Status-shaped values with arbitrary members: closer to real bodies than plain random JSON. */
const statusLike = fc.record(
  {
    kind: fc.oneof(fc.constant('Status'), fc.jsonValue()),
    apiVersion: fc.oneof(fc.constant('v1'), fc.jsonValue()),
    status: fc.oneof(fc.constantFrom('Success', 'Failure'), fc.jsonValue()),
    reason: fc.oneof(fc.constantFrom('NotFound', 'AlreadyExists', 'CrashLoopBackOff', 'Notfound', ''), fc.jsonValue()),
    code: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.jsonValue()),
    message: fc.jsonValue(),
    details: fc.oneof(fc.record({ causes: fc.array(fc.record({ reason: fc.jsonValue(), field: fc.jsonValue() })), retryAfterSeconds: fc.jsonValue() }), fc.jsonValue()),
    type: fc.jsonValue(),
    object: fc.jsonValue(),
    error: fc.oneof(fc.constantFrom('not_found', 'timeout', 'nope'), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

function wellFormed(findings: ReturnType<typeof validate>): void {
  for (const f of findings) {
    assert.match(f.checkId, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(f.level === 'MUST' || f.level === 'SHOULD');
    assert.equal(typeof f.pointer, 'string');
    assert.match(f.message, /^Received: /);
  }
}

it('validate() takes any JSON value for any profile, status and headers', () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), statusLike), profiles, status, headers, (body, profile, httpStatus, hs) => {
      wellFormed(validate(body, { profile, ...(httpStatus !== undefined ? { httpStatus } : {}), ...(hs ? { headers: hs } : {}) }));
    }),
    { numRuns: 1500 },
  );
});

it('validateResponse() takes any text, including invalid JSON and lone surrogates', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v))), profiles, status, headers, (text, profile, httpStatus, hs) => {
      wellFormed(validateResponse(viewOfText(text, httpStatus, hs), { profile }));
    }),
    { numRuns: 1500 },
  );
});
