import rule from '../../rules/valid-reason.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('valid-reason', rule, {
  valid: [
    "const status = { kind: 'Status', reason: 'NotFound', code: 404 };",
    "const status = { kind: 'Status', reason: 'TooManyRequests', code: 429 };",
    // The empty reason is "unknown", and valid.
    "const status = { kind: 'Status', reason: '', code: 500 };",
    // Not Status-shaped: prose reasons of other APIs are none of this rule's business.
    "const result = { reason: 'user cancelled the upload', code: 499 };",
    "const close = { reason: 'Normal', code: 1000 };",
    // A cause type may be anything; only near misses of known ones are reported.
    "const status = { kind: 'Status', reason: 'Invalid', code: 422, details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec' }, { reason: 'MyOwnCause' }] } };",
    // Unknowable.
    'function fail(reason: string) { return { kind: "Status", reason, code: 404 }; }',
    // Issue #19: nothing reads the reason of a success; Kubernetes servers write free text there.
    "res.status(200).json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', reason: 'Deleted', code: 200 });",
    "const ok = { kind: 'Status', status: 'Success', reason: 'OK', code: 200 };",
    "const created = { kind: 'Status', reason: 'Created', code: 201 };",
  ],
  invalid: [
    {
      // The same reason on a failure is read, and unknown.
      code: "const gone = { kind: 'Status', status: 'Failure', reason: 'Deleted', code: 200 };",
      errors: [{ messageId: 'unknownReason', data: { reason: 'Deleted', profile: 'kubernetes', didYouMean: '' } }],
    },
    {
      code: "const gone = { kind: 'Status', reason: 'Deleted', code: 404 };",
      errors: [{ messageId: 'unknownReason' }],
    },
    {
      // Issue #19: a slip of the keyboard gets its correction, never another reason sharing a word
      // (`NotFund` is not `FieldValueNotFound`).
      code: "const status = { kind: 'Status', reason: 'NotFund', code: 404 };",
      errors: [
        {
          messageId: 'unknownReason',
          data: { reason: 'NotFund', profile: 'kubernetes', didYouMean: ' Did you mean `NotFound`?' },
          suggestions: [{ messageId: 'replaceReason', output: "const status = { kind: 'Status', reason: 'NotFound', code: 404 };" }],
        },
      ],
    },
    {
      // Differs in case only: the correction is certain, so it is a fix.
      code: "const status = { kind: 'Status', reason: 'Notfound', code: 404 };",
      output: "const status = { kind: 'Status', reason: 'NotFound', code: 404 };",
      errors: [
        {
          messageId: 'unknownReason',
          data: { reason: 'Notfound', profile: 'kubernetes', didYouMean: ' Did you mean `NotFound`?' },
          line: 1,
          column: 34,
          suggestions: [{ messageId: 'replaceReason', data: { reason: 'NotFound' }, output: "const status = { kind: 'Status', reason: 'NotFound', code: 404 };" }],
        },
      ],
    },
    {
      // A misspelling the catalog records (a real client predicate's name): fixed.
      code: 'const status = { kind: "Status", reason: "RequestEntityTooLargeError", code: 413 };',
      output: 'const status = { kind: "Status", reason: "RequestEntityTooLarge", code: 413 };',
      errors: [
        {
          messageId: 'unknownReason',
          suggestions: [{ messageId: 'replaceReason', output: 'const status = { kind: "Status", reason: "RequestEntityTooLarge", code: 413 };' }],
        },
      ],
    },
    {
      // Close but not certain: suggestions only.
      code: "const status = { kind: 'Status', reason: 'Conflicts', code: 409 };",
      output: null,
      errors: [
        {
          messageId: 'unknownReason',
          suggestions: [{ messageId: 'replaceReason', output: "const status = { kind: 'Status', reason: 'Conflict', code: 409 };" }],
        },
      ],
    },
    {
      // Nothing close: reported without a guess.
      code: "const status = { kind: 'Status', reason: 'Kaput', code: 500 };",
      errors: [{ messageId: 'unknownReason', data: { reason: 'Kaput', profile: 'kubernetes', didYouMean: '' }, suggestions: [] }],
    },
    {
      // A container reason is a real Kubernetes word, but no client knows it as an API error.
      code: "const status = { kind: 'Status', status: 'Failure', reason: 'CrashLoopBackOff', code: 503 };",
      errors: [
        {
          messageId: 'workloadReason',
          data: { reason: 'CrashLoopBackOff', place: 'container waiting reason', didYouMean: ' Did you mean `ServiceUnavailable`?' },
          suggestions: [{ messageId: 'replaceReason', output: "const status = { kind: 'Status', status: 'Failure', reason: 'ServiceUnavailable', code: 503 };" }],
        },
      ],
    },
    {
      code: "const status = { reason: 'OOMKilled', code: 500, message: 'out of memory' };",
      errors: [
        {
          messageId: 'workloadReason',
          data: { reason: 'OOMKilled', place: 'container terminated reason', didYouMean: ' Did you mean `ServerTimeout`, `StorageReadError` or `InternalError`?' },
          suggestions: [
            { messageId: 'replaceReason', output: "const status = { reason: 'ServerTimeout', code: 500, message: 'out of memory' };" },
            { messageId: 'replaceReason', output: "const status = { reason: 'StorageReadError', code: 500, message: 'out of memory' };" },
            { messageId: 'replaceReason', output: "const status = { reason: 'InternalError', code: 500, message: 'out of memory' };" },
          ],
        },
      ],
    },
    {
      // Without a code, nothing to suggest instead of a pod phase.
      code: "const status = { kind: 'Status', reason: 'Pending' };",
      errors: [{ messageId: 'workloadReason', data: { reason: 'Pending', place: 'pod phase', didYouMean: '' }, suggestions: [] }],
    },
    {
      // Through a constant: reported where it is used, suggested there, never fixed behind the constant's back.
      code: "const Reasons = { Missing: 'Notfound' } as const;\nconst status = { kind: 'Status', reason: Reasons.Missing, code: 404 };",
      output: null,
      errors: [
        {
          messageId: 'unknownReason',
          line: 2,
          suggestions: [{ messageId: 'replaceReason', output: "const Reasons = { Missing: 'Notfound' } as const;\nconst status = { kind: 'Status', reason: 'NotFound', code: 404 };" }],
        },
      ],
    },
    {
      // A near miss of a cause type.
      code: "const status = { kind: 'Status', reason: 'Invalid', code: 422, details: { causes: [{ reason: 'FieldValueInvlaid', field: 'spec.replicas' }] } };",
      errors: [
        {
          messageId: 'unknownCauseReason',
          suggestions: [
            {
              messageId: 'replaceReason',
              output: "const status = { kind: 'Status', reason: 'Invalid', code: 422, details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas' }] } };",
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('valid-reason with a profile of the user\'s own', rule, {
  valid: [
    {
      code: "const status = { kind: 'Status', reason: 'QuotaExhausted', code: 429 };",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-kubernetes.yaml' } },
    },
  ],
  invalid: [
    {
      code: "const status = { kind: 'Status', reason: 'QuotaExhausteed', code: 429 };",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-kubernetes.yaml' } },
      errors: [
        {
          messageId: 'unknownReason',
          data: { reason: 'QuotaExhausteed', profile: 'acme-kubernetes', didYouMean: ' Did you mean `QuotaExhausted`?' },
          suggestions: [{ messageId: 'replaceReason', output: "const status = { kind: 'Status', reason: 'QuotaExhausted', code: 429 };" }],
        },
      ],
    },
  ],
});
