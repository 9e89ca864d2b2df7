import rule from '../../rules/reason-code-match.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

ruleTester.run('reason-code-match', rule, {
  valid: [
    "const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'gone', reason: 'NotFound', code: 404 };",
    "const conflict = { reason: 'Conflict', code: 409 };",
    // The empty reason means "unknown": clients fall back to the code.
    "const unknown = { kind: 'Status', reason: '', code: 503 };",
    // Not in the catalog: valid-reason reports it.
    "const typo = { kind: 'Status', reason: 'Notfound', code: 409 };",
    // Unknowable values are never guessed.
    'function fail(reason: string, code: number) { return { kind: "Status", reason, code }; }',
    "function fail(code: number) { return { kind: 'Status', reason: 'NotFound', code }; }",
    // Not a Status: a WebSocket close reason.
    "ws.close({ reason: 'AlreadyExists', code: 4000 });",
    // A mismatch in a shared base is reported on the base, not again on each object spreading it.
    {
      code: "const base = { kind: 'Status', reason: 'NotFound', code: 404 };\nconst withMessage = { ...base, message: 'pods \"web\" not found' };",
    },
  ],
  invalid: [
    {
      // The bug this rule exists for: a 404 that `errors.IsAlreadyExists` calls "already exists".
      code: "const status = { kind: 'Status', reason: 'AlreadyExists', code: 404 };",
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          data: { reason: 'AlreadyExists', expected: 409, code: 404 },
          line: 1,
          column: 59,
          suggestions: [
            { messageId: 'useReasonCode', data: { expected: 409 }, output: "const status = { kind: 'Status', reason: 'AlreadyExists', code: 409 };" },
            { messageId: 'useReasonForCode', data: { reason: 'NotFound', code: 404 }, output: "const status = { kind: 'Status', reason: 'NotFound', code: 404 };" },
          ],
        },
      ],
    },
    {
      // A reason and a code that look like a Status are judged without `kind`.
      code: 'send({ reason: "Conflict", code: 422 });',
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          suggestions: [
            { messageId: 'useReasonCode', output: 'send({ reason: "Conflict", code: 409 });' },
            { messageId: 'useReasonForCode', output: 'send({ reason: "Invalid", code: 422 });' },
          ],
        },
      ],
    },
    {
      // Through `as const` objects and enums; the suggestions keep to the constants.
      code: [
        "const Reasons = { NotFound: 'NotFound', Conflict: 'Conflict' } as const;",
        'enum Code { NotFound = 404, Conflict = 409 }',
        "const status = { kind: 'Status', reason: Reasons.NotFound, code: Code.Conflict };",
      ].join('\n'),
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          line: 3,
          suggestions: [
            {
              messageId: 'useReasonCode',
              output: [
                "const Reasons = { NotFound: 'NotFound', Conflict: 'Conflict' } as const;",
                'enum Code { NotFound = 404, Conflict = 409 }',
                "const status = { kind: 'Status', reason: Reasons.NotFound, code: Code.NotFound };",
              ].join('\n'),
            },
            {
              messageId: 'useReasonForCode',
              data: { reason: 'AlreadyExists', code: 409 },
              output: [
                "const Reasons = { NotFound: 'NotFound', Conflict: 'Conflict' } as const;",
                'enum Code { NotFound = 404, Conflict = 409 }',
                "const status = { kind: 'Status', reason: 'AlreadyExists', code: Code.Conflict };",
              ].join('\n'),
            },
            {
              messageId: 'useReasonForCode',
              data: { reason: 'Conflict', code: 409 },
              output: [
                "const Reasons = { NotFound: 'NotFound', Conflict: 'Conflict' } as const;",
                'enum Code { NotFound = 404, Conflict = 409 }',
                "const status = { kind: 'Status', reason: Reasons.Conflict, code: Code.Conflict };",
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // A spread base and a code written here: reported on the code, and the shared base is left alone.
      code: "const base = { kind: 'Status', reason: 'NotFound' } as const;\nconst status = { ...base, code: 409 };",
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          line: 2,
          column: 27,
          suggestions: [{ messageId: 'useReasonCode', output: "const base = { kind: 'Status', reason: 'NotFound' } as const;\nconst status = { ...base, code: 404 };" }],
        },
      ],
    },
    {
      // Shorthand properties and template literals.
      code: 'const code = 404;\nconst status = { kind: `Status`, reason: `Expired`, code };',
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          data: { reason: 'Expired', expected: 410, code: 404 },
          line: 2,
          suggestions: [
            { messageId: 'useReasonCode', output: 'const code = 404;\nconst status = { kind: `Status`, reason: `Expired`, code: 410 };' },
            { messageId: 'useReasonForCode', output: 'const code = 404;\nconst status = { kind: `Status`, reason: `NotFound`, code };' },
          ],
        },
      ],
    },
    {
      code: "const code = 500;\nconst status = { kind: 'Status', reason: `Gone`, code };",
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          suggestions: [
            { messageId: 'useReasonCode', output: "const code = 500;\nconst status = { kind: 'Status', reason: `Gone`, code: 410 };" },
            { messageId: 'useReasonForCode', output: "const code = 500;\nconst status = { kind: 'Status', reason: `ServerTimeout`, code };" },
            { messageId: 'useReasonForCode', output: "const code = 500;\nconst status = { kind: 'Status', reason: `StorageReadError`, code };" },
            { messageId: 'useReasonForCode', output: "const code = 500;\nconst status = { kind: 'Status', reason: `InternalError`, code };" },
          ],
        },
      ],
    },
    {
      // A local factory's result is resolved; its own literal is where the defect is written.
      code: "const notFound = () => ({ kind: 'Status', reason: 'NotFound', code: 409 });",
      errors: [{ messageId: 'reasonCodeMismatch', suggestions: [
        { messageId: 'useReasonCode', output: "const notFound = () => ({ kind: 'Status', reason: 'NotFound', code: 404 });" },
        { messageId: 'useReasonForCode', output: "const notFound = () => ({ kind: 'Status', reason: 'AlreadyExists', code: 409 });" },
        { messageId: 'useReasonForCode', output: "const notFound = () => ({ kind: 'Status', reason: 'Conflict', code: 409 });" },
      ] }],
    },
  ],
});

ruleTester.run('reason-code-match without type information', rule, {
  // Constants from another module are unknowable without types: no report, no guess.
  valid: ["import { Reasons, CONFLICT } from './constants.js';\nconst status = { kind: 'Status', reason: Reasons.NotFound, code: CONFLICT };"],
  invalid: [],
});

typedRuleTester.run('reason-code-match with type information', rule, {
  valid: ["import { Reasons, HttpCode } from './constants.js';\nconst status = { kind: 'Status', reason: Reasons.NotFound, code: HttpCode.NotFound };"],
  invalid: [
    {
      code: "import { Reasons, CONFLICT } from './constants.js';\nconst status = { kind: 'Status', reason: Reasons.NotFound, code: CONFLICT };",
      errors: [
        {
          messageId: 'reasonCodeMismatch',
          data: { reason: 'NotFound', expected: 404, code: 409 },
          line: 2,
          suggestions: [
            {
              messageId: 'useReasonCode',
              output: "import { Reasons, CONFLICT } from './constants.js';\nconst status = { kind: 'Status', reason: Reasons.NotFound, code: 404 };",
            },
            {
              messageId: 'useReasonForCode',
              output: "import { Reasons, CONFLICT } from './constants.js';\nconst status = { kind: 'Status', reason: Reasons.AlreadyExists, code: CONFLICT };",
            },
            {
              messageId: 'useReasonForCode',
              output: "import { Reasons, CONFLICT } from './constants.js';\nconst status = { kind: 'Status', reason: 'Conflict', code: CONFLICT };",
            },
          ],
        },
      ],
    },
  ],
});
