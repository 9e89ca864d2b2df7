// Arbitrary JSON, headers and statuses never make validate() throw, and every finding is well formed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { CHECK_CRASHED } from '../../conformance/check.js';
import { checkResponse, compiledProfileOf, validate, validateResponse } from '../../conformance/validate.js';
import { viewOfBody, viewOfText } from '../../conformance/exchange.js';
import { headers, httpStatus as status, profileNames as profiles, statusLike } from '../helpers/arbitraries.js';

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
      // validate() keeps a check that throws from losing the rest; here none may throw.
      const crashed = checkResponse(viewOfBody(body, httpStatus, hs), compiledProfileOf(profile)).filter((r) => r.outcome === 'skip' && r.reason.startsWith(CHECK_CRASHED));
      assert.deepEqual(crashed, []);
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
