import rule from '../../rules/envelope-code-match.js';
import { ruleTester } from './rule-tester.js';

/** An Express helper whose status and code are both parameters, as real handlers write it. */
const HELPER = "function errorResponse(res, code, message, status) {\n  return res.status(status).json({ error: code, message });\n}\n";

const envelopeProfile = { statuslint: { profile: 'envelope' } };
const customProfile = { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } };
/** The same codes nested as Google-style and Stripe-like APIs nest them: `{ error: { code, message } }`. */
const nestedProfile = { statuslint: { profile: 'test/rules/fixtures/nested-envelope.json' } };

ruleTester.run('envelope-code-match', rule, {
  valid: [
    "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'no such pod', requestId: req.id }));",
    "export async function GET() { return Response.json({ error: 'conflict', message: 'stale version' }, { status: 409 }); }",
    // Prose in `error` is not a code.
    "app.get('/', (req, res) => res.status(500).json({ error: 'Something went wrong', message: 'x' }));",
    // Without a chosen envelope profile, an API's own codes far from every known one are its business.
    "app.get('/', (req, res) => res.status(402).json({ error: 'payment_required', message: 'x' }));",
    // Not a response: a React state update, a log line.
    "setState({ error: 'not_fuond' });",
    "logger.warn({ error: 'not_found' });",
    // Unknowable status, unknowable code.
    "function send(res, status) { res.status(status).json({ error: 'not_found', message: 'x' }); }",
    'function send(res, code) { res.status(404).json({ error: code, message: "x" }); }',
    // requestId is only required when asked for.
    "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x' }));",
    { code: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x', requestId: req.id }));", options: [{ requireRequestId: true }] },
    { code: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found' }));", options: [{ requireMessage: false }] },
    // Another convention's code, without a chosen envelope profile: its fields are its own business.
    "app.get('/', (req, res) => res.status(401).json({ error: 'invalid_token' }));",
    // A base spread into complete envelopes.
    "const base = { error: 'not_found' };\napp.get('/', (req, res) => res.status(404).json({ ...base, message: 'x' }));",
    // Issue #19: a helper of the file's own, called with literals that agree; or with nothing known.
    `${HELPER}app.get('/', (req, res) => errorResponse(res, 'forbidden', 'Not an admin', 403));`,
    `${HELPER}app.get('/', (req, res) => errorResponse(res, req.code, req.message, req.status));`,
    // A function of the same name that is not this file's: unknowable.
    "app.get('/', (req, res) => errorResponse(res, 'forbidden', 'Not an admin', 401));",
    // Issue #19: a project with a convention of its own is not misspelling the catalog's snake case,
    // and a status's reason phrase in `error` is prose, not a code.
    "app.get('/', (req, res) => res.status(404).json({ error: 'notFound', message: 'x' }));",
    "app.get('/', (req, res) => res.status(404).json({ error: 'NOT_FOUND', message: 'x' }));",
    "app.get('/', (req, res) => res.status(401).json({ error: 'Unauthorized' }));",
    "export async function GET() { return Response.json({ error: 'Unauthorized', message: 'Unauthorized' }, { status: 401 }); }",
    // Its own code in the catalog's convention, sharing words with a catalog code: another code, not a typo.
    "app.get('/', (req, res) => res.status(404).json({ error: 'user_not_found', message: 'x' }));",
    // With a profile whose code field is `code`, a Zod issue and a tRPC error's options are not envelopes.
    { code: "schema.superRefine((value, ctx) => { ctx.addIssue({ code: 'custom', message: 'too short' }); });", settings: customProfile },
    { code: "throw new TRPCError({ code: 'NOT_FUOND', message: 'no such post' });", settings: customProfile },
    { code: "app.get('/', (req, res) => res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'x' } }));", settings: nestedProfile },
  ],
  invalid: [
    {
      // A code field given as a JSON pointer is read where it is nested.
      code: "app.get('/', (req, res) => res.status(404).json({ error: { code: 'RATE_LIMITED', message: 'x' } }));",
      settings: nestedProfile,
      errors: [
        {
          messageId: 'statusMismatch',
          data: { code: 'RATE_LIMITED', expected: 429, status: 404 },
          suggestions: [
            { messageId: 'useStatus', output: "app.get('/', (req, res) => res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'x' } }));" },
          ],
        },
      ],
    },
    {
      // A chosen envelope profile judges every code, and suggests only corrections, never `helm_not_found`.
      code: "app.get('/', (req, res) => res.status(404).json({ error: 'notFound', message: 'x', requestId: req.id }));",
      settings: envelopeProfile,
      errors: [
        {
          messageId: 'unknownErrorCode',
          data: { code: 'notFound', profile: 'envelope', didYouMean: ' Did you mean `not_found`?' },
          suggestions: [{ messageId: 'replaceErrorCode', output: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x', requestId: req.id }));" }],
        },
      ],
    },
    {
      code: "app.get('/', (req, res) => res.status(404).json({ error: 'user_not_found', message: 'x', requestId: req.id }));",
      settings: envelopeProfile,
      errors: [{ messageId: 'unknownErrorCode', data: { code: 'user_not_found', profile: 'envelope', didYouMean: '' }, suggestions: [] }],
    },
    {
      // An envelope built before it is handed to a call is still one.
      code: "const body = { code: 'NOT_FUOND', message: 'x' };\nreply(body);",
      settings: customProfile,
      errors: [{
        messageId: 'unknownErrorCode',
        data: { code: 'NOT_FUOND', profile: 'acme-envelope', didYouMean: ' Did you mean `NOT_FOUND`?' },
        suggestions: [{ messageId: 'replaceErrorCode', output: "const body = { code: 'NOT_FOUND', message: 'x' };\nreply(body);" }],
      }],
    },
    {
      // The helper evaluated as if inlined, reported at the call.
      code: `${HELPER}app.get('/', (req, res) => errorResponse(res, 'forbidden', 'Not an admin', 401));`,
      errors: [{ messageId: 'statusMismatch', data: { code: 'forbidden', expected: 403, status: 401 }, line: 4, column: 28, suggestions: [] }],
    },
    {
      // Helpers calling helpers, arrow functions, the Fetch API.
      code: "const respond = (body, status) => Response.json(body, { status });\nconst fail = (code, status) => respond({ error: code, message: 'failed' }, status);\nexport async function GET() { return fail('not_found', 409); }",
      errors: [{ messageId: 'statusMismatch', data: { code: 'not_found', expected: 404, status: 409 }, line: 3, suggestions: [] }],
    },
    {
      // A near miss passed as an argument.
      code: `${HELPER}app.get('/', (req, res) => errorResponse(res, 'not_fuond', 'x', 404));`,
      errors: [{ messageId: 'unknownErrorCode', line: 4, suggestions: [] }],
    },
    {
      code: "app.get('/', (req, res) => res.status(409).json({ error: 'not_found', message: 'x' }));",
      errors: [
        {
          messageId: 'statusMismatch',
          data: { code: 'not_found', expected: 404, status: 409 },
          line: 1,
          column: 39,
          suggestions: [
            { messageId: 'useStatus', data: { status: 404 }, output: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x' }));" },
            { messageId: 'replaceErrorCode', data: { code: 'conflict' }, output: "app.get('/', (req, res) => res.status(409).json({ error: 'conflict', message: 'x' }));" },
            {
              messageId: 'replaceErrorCode',
              data: { code: 'already_exists' },
              output: "app.get('/', (req, res) => res.status(409).json({ error: 'already_exists', message: 'x' }));",
            },
            {
              messageId: 'replaceErrorCode',
              data: { code: 'drain_in_progress' },
              output: "app.get('/', (req, res) => res.status(409).json({ error: 'drain_in_progress', message: 'x' }));",
            },
          ],
        },
      ],
    },
    {
      // The default 200 of a new Response.
      code: "export async function GET() { return Response.json({ error: 'forbidden', message: 'x' }); }",
      errors: [
        {
          messageId: 'statusMismatch',
          data: { code: 'forbidden', expected: 403, status: 200 },
          suggestions: [{ messageId: 'useStatus', output: "export async function GET() { return Response.json({ error: 'forbidden', message: 'x' }, { status: 403 }); }" }],
        },
      ],
    },
    {
      // A typo of a known code, even without a chosen profile.
      code: "app.get('/', (req, res) => res.status(404).json({ error: 'not_fuond', message: 'x' }));",
      errors: [
        {
          messageId: 'unknownErrorCode',
          data: { code: 'not_fuond', profile: 'envelope', didYouMean: ' Did you mean `not_found`?' },
          suggestions: [{ messageId: 'replaceErrorCode', output: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x' }));" }],
        },
      ],
    },
    {
      // With the envelope profile chosen, every unknown code is reported, and envelopes anywhere count.
      code: "const failure = { error: 'payment_required', message: 'x' };",
      settings: envelopeProfile,
      errors: [{ messageId: 'unknownErrorCode', data: { code: 'payment_required', profile: 'envelope', didYouMean: '' }, suggestions: [] }],
    },
    {
      code: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found' }));",
      errors: [{ messageId: 'missingMessage', data: { field: 'message' }, column: 49 }],
    },
    {
      code: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x' }));",
      options: [{ requireRequestId: true }],
      errors: [{ messageId: 'missingRequestId', data: { field: 'requestId' } }],
    },
    {
      // A profile's own field names and codes.
      code: "app.get('/', (req, res) => res.status(404).json({ code: 'RATE_LIMITED', message: 'x' }));",
      settings: customProfile,
      errors: [
        {
          messageId: 'statusMismatch',
          data: { code: 'RATE_LIMITED', expected: 429, status: 404 },
          suggestions: [
            { messageId: 'useStatus', output: "app.get('/', (req, res) => res.status(429).json({ code: 'RATE_LIMITED', message: 'x' }));" },
            { messageId: 'replaceErrorCode', data: { code: 'NOT_FOUND' }, output: "app.get('/', (req, res) => res.status(404).json({ code: 'NOT_FOUND', message: 'x' }));" },
          ],
        },
      ],
    },
    {
      // A factory used by two handlers: one report.
      code: "const notFound = (message) => ({ error: 'not_fonud', message });\napp.get('/a', (req, res) => res.status(404).json(notFound('a')));\napp.get('/b', (req, res) => res.status(404).json(notFound('b')));",
      errors: [{
        messageId: 'unknownErrorCode',
        line: 1,
        suggestions: [{
          messageId: 'replaceErrorCode',
          output: "const notFound = (message) => ({ error: 'not_found', message });\napp.get('/a', (req, res) => res.status(404).json(notFound('a')));\napp.get('/b', (req, res) => res.status(404).json(notFound('b')));",
        }],
      }],
    },
    {
      // Koa and Node http.
      code: "router.get('/', async (ctx) => { ctx.status = 500; ctx.body = { error: 'timeout', message: 'x' }; });",
      errors: [{ messageId: 'statusMismatch', data: { code: 'timeout', expected: 504, status: 500 }, suggestions: [
        { messageId: 'useStatus', output: "router.get('/', async (ctx) => { ctx.status = 504; ctx.body = { error: 'timeout', message: 'x' }; });" },
        { messageId: 'replaceErrorCode', output: "router.get('/', async (ctx) => { ctx.status = 500; ctx.body = { error: 'internal_error', message: 'x' }; });" },
        { messageId: 'replaceErrorCode', output: "router.get('/', async (ctx) => { ctx.status = 500; ctx.body = { error: 'context_switch_failed', message: 'x' }; });" },
        { messageId: 'replaceErrorCode', output: "router.get('/', async (ctx) => { ctx.status = 500; ctx.body = { error: 'context_list_failed', message: 'x' }; });" },
        { messageId: 'replaceErrorCode', output: "router.get('/', async (ctx) => { ctx.status = 500; ctx.body = { error: 'helm_not_found', message: 'x' }; });" },
      ] }],
    },
    {
      code: "createServer((req, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'method_not_allowed', message: 'x' })); });",
      errors: [{ messageId: 'statusMismatch', data: { code: 'method_not_allowed', expected: 405, status: 400 }, suggestions: [
        {
          messageId: 'useStatus',
          output: "createServer((req, res) => { res.writeHead(405, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'method_not_allowed', message: 'x' })); });",
        },
        {
          messageId: 'replaceErrorCode',
          output: "createServer((req, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'bad_request', message: 'x' })); });",
        },
        {
          messageId: 'replaceErrorCode',
          output: "createServer((req, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'invalid_parameter', message: 'x' })); });",
        },
        {
          messageId: 'replaceErrorCode',
          output: "createServer((req, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'missing_path_param', message: 'x' })); });",
        },
        {
          messageId: 'replaceErrorCode',
          output: "createServer((req, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: 'missing_query_param', message: 'x' })); });",
        },
      ] }],
    },
  ],
});
