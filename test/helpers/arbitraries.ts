// Generators of responses for property tests: arbitrary JSON shaped like the bodies each profile reads.
import fc from 'fast-check';
import { BUILTIN_PROFILES } from '../../schemas/builtin-profiles.js';

export const profileNames = fc.constantFrom(...BUILTIN_PROFILES);
export const httpStatus = fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined });
export const headers = fc.option(fc.dictionary(fc.constantFrom('content-type', 'retry-after', 'x-request-id', 'allow'), fc.string()), { nil: undefined });

/** Status-shaped values with arbitrary members: closer to real bodies than plain random JSON. */
export const statusLike = fc.record(
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
