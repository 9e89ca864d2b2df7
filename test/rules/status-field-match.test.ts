import rule from '../../rules/status-field-match.js';
import { ruleTester } from './rule-tester.js';

/** An Express helper whose status and body are both parameters, as real handlers write it. */
const HELPER = 'function respond(res, status, body) {\n  return res.status(status).json(body);\n}\n';

ruleTester.run('status-field-match', rule, {
  valid: [
    // The body states the status sent, in each of the fields and frameworks.
    "app.get('/', (req, res) => res.status(404).json({ status: 404, message: 'no such order' }));",
    "fastify.get('/', async (request, reply) => reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'x' }));",
    "app.get('/', (c) => c.json({ code: 409, message: 'taken' }, 409));",
    'export async function GET() { return NextResponse.json({ error: { code: 404, message: "x" } }, { status: 404 }); }',
    "router.get('/', async (ctx) => { ctx.status = 403; ctx.body = { statusCode: 403, message: 'x' }; });",
    // Strings state something else: an outcome word, an error code.
    "app.get('/', (req, res) => res.status(500).json({ status: 'error', code: 'E_INTERNAL', message: 'x' }));",
    // A numeric code that is no HTTP status: an API's own error number.
    "app.get('/', (req, res) => res.status(400).json({ code: 10012, message: 'bad coupon' }));",
    // One success stated as another: no error gone wrong.
    "app.post('/', (req, res) => res.status(201).json({ status: 200, data: req.body }));",
    // Kubernetes `Status` and problem details: http-status-matches-body judges them by the catalog.
    "app.get('/', (req, res) => res.status(409).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound', code: 404 }));",
    "app.get('/', (req, res) => res.status(409).json({ type: 'about:blank', title: 'Not Found', status: 404 }));",
    // The status is unknowable: a parameter, a status set in one branch; or the body is.
    "function send(res, status) { res.status(status).json({ status: 404 }); }",
    "app.get('/', (req, res) => { if (req.query.strict) { res.status(409); } res.json({ status: 404 }); });",
    "app.get('/', (req, res) => res.status(500).json(req.body));",
    // Helpers called with what agrees, or with nothing known.
    `${HELPER}app.get('/', (req, res) => respond(res, 404, { status: 404, message: 'x' }));`,
    `${HELPER}app.get('/', (req, res) => respond(res, req.status, { status: 404 }));`,
    // Express's `next(err)`: the status it sends is the error's own.
    "app.use((req, res, next) => next({ status: 401, message: 'sign in' }));",
    // The file's error handler decides what `next(err)` sends: here the status the error states, read either way.
    "app.get('/', (req, res, next) => next({ statusCode: 404, message: 'x' }));\napp.use((err, req, res, next) => res.status(err.statusCode ?? err.status ?? 500).json({ statusCode: err.statusCode }));",
    // `next` of another kind: an iterator, a function of the file's own.
    'const next = (x) => x;\nnext({ status: 401, statusCode: 500 });',
    // A profile that names the status field hands it to http-status-matches-body.
    {
      code: "app.get('/', (req, res) => res.status(500).json({ error: 'internal', message: 'x', statusCode: 404 }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
    },
  ],
  invalid: [
    {
      // `next(err)` judged by the file's error handler, which sends 500 for an error without a `status`.
      code: "app.get('/', (req, res, next) => next({ statusCode: 404, message: 'x' }));\napp.use((err, req, res, next) => res.status(err.status || 500).json({ statusCode: err.statusCode }));",
      errors: [{ messageId: 'statusFieldMismatch', data: { status: 500, field: 'statusCode', stated: 404 }, line: 1, column: 34, suggestions: [] }],
    },
    {
      code: "app.get('/', (req, res) => res.status(500).json({ status: 404, message: 'no such order' }));",
      errors: [
        {
          messageId: 'statusFieldMismatch',
          data: { status: 500, field: 'status', stated: 404 },
          line: 1,
          column: 51,
          suggestions: [
            { messageId: 'useHttpStatus', data: { status: 404 }, output: "app.get('/', (req, res) => res.status(404).json({ status: 404, message: 'no such order' }));" },
            {
              messageId: 'useBodyStatus',
              data: { field: 'status', status: 500 },
              output: "app.get('/', (req, res) => res.status(500).json({ status: 500, message: 'no such order' }));",
            },
          ],
        },
      ],
    },
    {
      // Next.js: the status written in the body instead of the init, sent as 200.
      code: "export async function GET() { return NextResponse.json({ error: 'Not found', status: 404 }); }",
      errors: [
        {
          messageId: 'statusFieldMismatch',
          data: { status: 200, field: 'status', stated: 404 },
          suggestions: [
            {
              messageId: 'useHttpStatus',
              data: { status: 404 },
              output: "export async function GET() { return NextResponse.json({ error: 'Not found', status: 404 }, { status: 404 }); }",
            },
            {
              messageId: 'useBodyStatus',
              data: { field: 'status', status: 200 },
              output: "export async function GET() { return NextResponse.json({ error: 'Not found', status: 200 }); }",
            },
          ],
        },
      ],
    },
    {
      // A nested envelope; a Fastify reply; a constant body reported where it is sent.
      code: "const gone = { error: { code: 410, message: 'expired' } };\nfastify.get('/', async (request, reply) => reply.code(404).send(gone));",
      errors: [{
        messageId: 'statusFieldMismatch',
        data: { status: 404, field: 'error.code', stated: 410 },
        line: 2,
        column: 55,
        suggestions: [{
          messageId: 'useHttpStatus',
          data: { status: 410 },
          output: "const gone = { error: { code: 410, message: 'expired' } };\nfastify.get('/', async (request, reply) => reply.code(410).send(gone));",
        }],
      }],
    },
    {
      // Hono, Koa: `statusCode` and a numeric `code` both disagreeing are two findings.
      code: "app.get('/', (c) => c.json({ statusCode: 400, code: 422, message: 'x' }, 500));",
      errors: [
        {
          messageId: 'statusFieldMismatch',
          data: { status: 500, field: 'statusCode', stated: 400 },
          suggestions: [
            { messageId: 'useHttpStatus', data: { status: 400 }, output: "app.get('/', (c) => c.json({ statusCode: 400, code: 422, message: 'x' }, 400));" },
            {
              messageId: 'useBodyStatus',
              data: { field: 'statusCode', status: 500 },
              output: "app.get('/', (c) => c.json({ statusCode: 500, code: 422, message: 'x' }, 500));",
            },
          ],
        },
        {
          messageId: 'statusFieldMismatch',
          data: { status: 500, field: 'code', stated: 422 },
          suggestions: [
            { messageId: 'useHttpStatus', data: { status: 422 }, output: "app.get('/', (c) => c.json({ statusCode: 400, code: 422, message: 'x' }, 422));" },
            { messageId: 'useBodyStatus', data: { field: 'code', status: 500 }, output: "app.get('/', (c) => c.json({ statusCode: 400, code: 500, message: 'x' }, 500));" },
          ],
        },
      ],
    },
    {
      code: "router.get('/', async (ctx) => { ctx.status = 200; ctx.body = { statusCode: 503, message: 'down' }; });",
      errors: [
        {
          messageId: 'statusFieldMismatch',
          data: { status: 200, field: 'statusCode', stated: 503 },
          suggestions: [
            {
              messageId: 'useHttpStatus',
              data: { status: 503 },
              output: "router.get('/', async (ctx) => { ctx.status = 503; ctx.body = { statusCode: 503, message: 'down' }; });",
            },
            {
              messageId: 'useBodyStatus',
              data: { field: 'statusCode', status: 200 },
              output: "router.get('/', async (ctx) => { ctx.status = 200; ctx.body = { statusCode: 200, message: 'down' }; });",
            },
          ],
        },
      ],
    },
    {
      // A helper of the file's own, evaluated as if inlined and reported at its call, without suggestions.
      code: `${HELPER}app.get('/', (req, res) => respond(res, 403, { status: 401, message: 'Not Admin' }));`,
      errors: [{ messageId: 'statusFieldMismatch', data: { status: 403, field: 'status', stated: 401 }, line: 4, column: 28, suggestions: [] }],
    },
    {
      // Options-object statuses: `logAndRespond(res, body, { status: 429 })`, with the default when none is given.
      code: "function logAndRespond(res, body, { status = 500 } = {}) { console.error(body); res.status(status).json(body); }\napp.get('/a', (req, res) => logAndRespond(res, { status: 404 }, { status: 429 }));\napp.get('/b', (req, res) => logAndRespond(res, { status: 404 }));",
      errors: [
        { messageId: 'statusFieldMismatch', data: { status: 429, field: 'status', stated: 404 }, line: 2, suggestions: [] },
        { messageId: 'statusFieldMismatch', data: { status: 500, field: 'status', stated: 404 }, line: 3, suggestions: [] },
      ],
    },
    {
      // Express's `next(err)`, sent with `err.status`: a `statusCode` that says otherwise.
      code: "app.use((req, res, next) => next({ status: 500, statusCode: 404, message: 'x' }));",
      errors: [
        {
          messageId: 'statusFieldMismatch',
          data: { status: 500, field: 'statusCode', stated: 404 },
          suggestions: [
            { messageId: 'useHttpStatus', data: { status: 404 }, output: "app.use((req, res, next) => next({ status: 404, statusCode: 404, message: 'x' }));" },
            {
              messageId: 'useBodyStatus',
              data: { field: 'statusCode', status: 500 },
              output: "app.use((req, res, next) => next({ status: 500, statusCode: 500, message: 'x' }));",
            },
          ],
        },
      ],
    },
  ],
});
