import rule from '../../rules/status-consistency.js';
import { ruleTester } from './rule-tester.js';

ruleTester.run('status-consistency', rule, {
  valid: [
    "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods \"web\" not found', reason: 'NotFound', code: 404 };",
    "const status = { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 200 };",
    // A base meant to be spread is partial on purpose; the objects built from it are judged.
    "const base = { kind: 'Status', apiVersion: 'v1', status: 'Failure' } as const;\nconst notFound = { ...base, message: 'gone', reason: 'NotFound', code: 404 };",
    // Unknown spreads hide what the object holds: nothing is "missing".
    'function fail(extra: object) { return { kind: "Status", ...extra, code: 404 }; }',
    // Unknowable status.
    "function fail(status: string) { return { kind: 'Status', apiVersion: 'v1', status, message: 'x', code: 404 }; }",
    // Not a Status.
    "const job = { kind: 'Job', status: 'Complete', code: 500 };",
    // A bare reason and code may go to a helper that adds the rest: nothing is "missing".
    "fail(res, { reason: 'NotFound', code: 404 });",
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 };",
      options: [{ requireMessage: false }],
    },
  ],
  invalid: [
    {
      code: "const status = { kind: 'Status', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 };",
      output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 };",
      errors: [{ messageId: 'missingApiVersion', line: 1, column: 18 }],
    },
    {
      // Laid out one property per line: the fix keeps the layout.
      code: 'const status = {\n  kind: "Status",\n  status: "Failure",\n  message: "x",\n  code: 500,\n};',
      output: 'const status = {\n  kind: "Status",\n  apiVersion: "v1",\n  status: "Failure",\n  message: "x",\n  code: 500,\n};',
      errors: [{ messageId: 'missingApiVersion', line: 2 }],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'meta.k8s.io/v1', status: 'Failure', message: 'x', code: 500 };",
      output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', code: 500 };",
      errors: [{ messageId: 'wrongApiVersion', data: { value: 'meta.k8s.io/v1' } }],
    },
    {
      // Case only: certain, fixed.
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'failure', message: 'x', code: 500 };",
      output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', code: 500 };",
      errors: [{ messageId: 'invalidStatus', data: { value: 'failure' } }],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Error', message: 'x', code: 500 };",
      errors: [
        {
          messageId: 'invalidStatus',
          suggestions: [{ messageId: 'useFailure', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', code: 500 };" }],
        },
      ],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'OK' };",
      errors: [
        {
          messageId: 'invalidStatus',
          suggestions: [
            { messageId: 'useFailure', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure' };" },
            { messageId: 'useSuccess', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Success' };" },
          ],
        },
      ],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Success', message: 'x', reason: 'Conflict', code: 409 };",
      errors: [
        {
          messageId: 'successWithErrorCode',
          data: { code: 409 },
          column: 52,
          suggestions: [{ messageId: 'useFailure', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'Conflict', code: 409 };" }],
        },
      ],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 200 };",
      errors: [
        {
          messageId: 'failureWithSuccessCode',
          data: { code: 200 },
          suggestions: [
            {
              messageId: 'useCode',
              data: { code: 404, reason: 'NotFound' },
              output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 };",
            },
            { messageId: 'useSuccess', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Success', message: 'x', reason: 'NotFound', code: 200 };" },
          ],
        },
      ],
    },
    {
      // client-go decodes `code` as an int32: a string fails the whole response.
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: '404' };",
      output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 };",
      errors: [{ messageId: 'codeNotNumber', data: { value: '404' } }],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', message: 'x', reason: 'NotFound', code: 404 };",
      errors: [
        {
          messageId: 'missingStatus',
          data: { code: 404 },
          suggestions: [{ messageId: 'addFailure', output: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 };" }],
        },
      ],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 };",
      errors: [{ messageId: 'missingMessage', line: 1, column: 16 }],
    },
    {
      code: "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: '', reason: 'NotFound', code: 404 };",
      errors: [{ messageId: 'missingMessage', column: 71 }],
    },
    {
      // Everything at once, through a spread of a shared base: reported on the object built from it.
      code: "const base = { kind: 'Status', status: 'Failure' } as const;\nconst gone = { ...base, reason: 'Gone', code: 410 };",
      errors: [
        { messageId: 'missingApiVersion', line: 2 },
        { messageId: 'missingMessage', line: 2 },
      ],
    },
  ],
});
