import rule from '../../rules/http-status-matches-body.js';
import { ruleTester, typedRuleTester } from './rule-tester.js';

const notFound = "const notFound = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods \"web\" not found', reason: 'NotFound', code: 404 };";

/** One line of handler code after the shared `notFound` body. */
const withBody = (line: string): string => `${notFound}\n${line}`;

ruleTester.run('http-status-matches-body', rule, {
  valid: [
    // Express, all the ways of setting a status.
    withBody("app.get('/', (req, res) => res.status(404).json(notFound));"),
    withBody("app.get('/', (req, res) => { res.statusCode = 404; res.json(notFound); });"),
    withBody("app.get('/', (req, res) => { res.status(404); res.set('x-a', 'b'); return res.send(notFound); });"),
    // Node http.
    withBody("createServer((req, res) => { res.writeHead(404, { 'content-type': 'application/json' }); res.end(JSON.stringify(notFound)); });"),
    // Fastify, Koa, Hono.
    withBody("fastify.get('/', async (request, reply) => reply.code(404).send(notFound));"),
    withBody("router.get('/', async (ctx) => { ctx.status = 404; ctx.body = notFound; });"),
    withBody("app.get('/', (c) => c.json(notFound, 404));"),
    // Fetch API and Next.js.
    withBody('export async function GET() { return Response.json(notFound, { status: 404 }); }'),
    withBody('export async function GET() { return new Response(JSON.stringify(notFound), { status: 404 }); }'),
    withBody('export async function GET() { return NextResponse.json(notFound, { status: 404 }); }'),
    // NestJS.
    withBody('class PodsController { get() { throw new HttpException(notFound, 404); } }'),
    // The status is unknowable: a parameter, a status set in a branch, a body set with no status.
    withBody("function send(res, status) { res.status(status).json(notFound); }"),
    withBody("app.get('/', (req, res) => { if (req.query.strict) { res.status(409); } res.json(notFound); });"),
    withBody("app.get('/', (req, res) => res.json(notFound));"),
    withBody("router.get('/', async (ctx) => { ctx.body = notFound; });"),
    withBody("app.get('/', (c) => c.json(notFound));"),
    // Unknowable bodies.
    "app.get('/', (req, res) => res.status(409).json(req.body));",
    "function reply(res, body) { res.status(409).json(body); }",
    // Problem details that agree.
    "app.get('/', (req, res) => res.status(429).json({ type: 'about:blank', title: 'Too Many Requests', status: 429 }));",
    // Helpers called with what agrees, or with nothing known; a helper whose own body is reported there, not at each call.
    withBody("function send(res, status, body) { res.status(status).json(body); }\napp.get('/', (req, res) => send(res, 404, notFound));"),
    withBody("function send(res, status, body) { res.status(status).json(body); }\napp.get('/', (req, res) => send(res, req.status, req.body));"),
    // Status constants of well-known packages that agree with the body (issue #19).
    withBody("import { StatusCodes } from 'http-status-codes';\napp.get('/', (req, res) => res.status(StatusCodes.NOT_FOUND).json(notFound));"),
    withBody("import httpStatus from 'http-status';\napp.get('/', (req, res) => res.status(httpStatus.NOT_FOUND).json(notFound));"),
    "import { UnprocessableEntityException } from '@nestjs/common';\nclass UsersController { create() { throw new UnprocessableEntityException({ type: 'about:blank', title: 'Unprocessable Content', status: 422 }); } }",
    // A project's own module of the same names is not the package: its values are unknown.
    withBody("import { StatusCodes } from './status-codes';\napp.get('/', (req, res) => res.status(StatusCodes.CONFLICT).json(notFound));"),
    withBody("import { PayloadTooLargeException } from './errors';\nclass PodsController { get() { throw new PayloadTooLargeException(notFound); } }"),
    // Not ours: a fetch response being read.
    'const data = await (await fetch(url)).json();',
    // The envelope's error code is envelope-code-match's by default.
    "app.get('/', (req, res) => res.status(409).json({ error: 'not_found', message: 'x' }));",
    // A body with a reason that agrees, and no code.
    "app.get('/', (req, res) => res.status(409).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'AlreadyExists' }));",
  ],
  invalid: [
    {
      code: withBody("app.get('/', (req, res) => res.status(409).json(notFound));"),
      errors: [
        {
          messageId: 'codeMismatch',
          data: { status: 409, code: 404 },
          line: 2,
          column: 39,
          // The shared body is not edited from a handler.
          suggestions: [{ messageId: 'useHttpStatus', data: { status: 404 }, output: withBody("app.get('/', (req, res) => res.status(404).json(notFound));") }],
        },
      ],
    },
    {
      code: "app.get('/', (req, res) => { res.statusCode = 409; res.json({ kind: 'Status', reason: 'NotFound', code: 404 }); });",
      errors: [
        {
          messageId: 'codeMismatch',
          suggestions: [
            { messageId: 'useHttpStatus', output: "app.get('/', (req, res) => { res.statusCode = 404; res.json({ kind: 'Status', reason: 'NotFound', code: 404 }); });" },
            {
              messageId: 'useBodyStatus',
              data: { field: 'code', status: 409 },
              output: "app.get('/', (req, res) => { res.statusCode = 409; res.json({ kind: 'Status', reason: 'NotFound', code: 409 }); });",
            },
          ],
        },
      ],
    },
    {
      code: withBody("app.get('/', (req, res) => { res.status(503); res.set('x-a', 'b'); res.send(notFound); });"),
      errors: [{
        messageId: 'codeMismatch',
        data: { status: 503, code: 404 },
        suggestions: [{ messageId: 'useHttpStatus', output: withBody("app.get('/', (req, res) => { res.status(404); res.set('x-a', 'b'); res.send(notFound); });") }],
      }],
    },
    {
      code: withBody("createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(notFound)); });"),
      errors: [{
        messageId: 'codeMismatch',
        data: { status: 200, code: 404 },
        suggestions: [{
          messageId: 'useHttpStatus',
          output: withBody("createServer((req, res) => { res.writeHead(404, { 'content-type': 'application/json' }); res.end(JSON.stringify(notFound)); });"),
        }],
      }],
    },
    {
      code: withBody('createServer((req, res) => { const text = JSON.stringify(notFound); res.writeHead(500).end(text); });'),
      errors: [{
        messageId: 'codeMismatch',
        suggestions: [{ messageId: 'useHttpStatus', output: withBody('createServer((req, res) => { const text = JSON.stringify(notFound); res.writeHead(404).end(text); });') }],
      }],
    },
    {
      code: withBody("fastify.get('/', async (request, reply) => { reply.code(410); return reply.send(notFound); });"),
      errors: [{
        messageId: 'codeMismatch',
        suggestions: [{ messageId: 'useHttpStatus', output: withBody("fastify.get('/', async (request, reply) => { reply.code(404); return reply.send(notFound); });") }],
      }],
    },
    {
      // Koa lets the status follow the body.
      code: withBody("router.get('/', async (ctx) => { ctx.body = notFound; ctx.status = 400; });"),
      errors: [{
        messageId: 'codeMismatch',
        suggestions: [{ messageId: 'useHttpStatus', output: withBody("router.get('/', async (ctx) => { ctx.body = notFound; ctx.status = 404; });") }],
      }],
    },
    {
      code: withBody("app.get('/', (c) => c.json(notFound, { status: 422 }));"),
      errors: [{ messageId: 'codeMismatch', suggestions: [{ messageId: 'useHttpStatus', output: withBody("app.get('/', (c) => c.json(notFound, { status: 404 }));") }] }],
    },
    {
      code: withBody("app.get('/', (c) => { c.status(500); return c.json(notFound); });"),
      errors: [{
        messageId: 'codeMismatch',
        suggestions: [{ messageId: 'useHttpStatus', output: withBody("app.get('/', (c) => { c.status(404); return c.json(notFound); });") }],
      }],
    },
    {
      // A new Response is 200 unless told otherwise: that default is certain.
      code: withBody('export async function GET() { return NextResponse.json(notFound); }'),
      errors: [
        {
          messageId: 'codeMismatch',
          data: { status: 200, code: 404 },
          suggestions: [{ messageId: 'useHttpStatus', output: withBody('export async function GET() { return NextResponse.json(notFound, { status: 404 }); }') }],
        },
      ],
    },
    {
      code: withBody("export async function GET() { return new Response(JSON.stringify(notFound), { headers: { 'content-type': 'application/json' } }); }"),
      errors: [
        {
          messageId: 'codeMismatch',
          suggestions: [{
            messageId: 'useHttpStatus',
            output: withBody("export async function GET() { return new Response(JSON.stringify(notFound), { status: 404, headers: { 'content-type': 'application/json' } }); }"),
          }],
        },
      ],
    },
    {
      code: withBody('const status = 409;\nexport async function GET() { return Response.json(notFound, { status }); }'),
      errors: [{
        messageId: 'codeMismatch',
        line: 3,
        suggestions: [{ messageId: 'useHttpStatus', output: withBody('const status = 409;\nexport async function GET() { return Response.json(notFound, { status: 404 }); }') }],
      }],
    },
    {
      // NestJS: HttpStatus members and built-in exceptions, named after the catalog's reason phrases.
      code: `import { HttpException, HttpStatus } from '@nestjs/common';\n${notFound}\nclass PodsController { get() { throw new HttpException(notFound, HttpStatus.CONFLICT); } }`,
      errors: [
        {
          messageId: 'codeMismatch',
          data: { status: 409, code: 404 },
          suggestions: [{
            messageId: 'useHttpStatus',
            output: `import { HttpException, HttpStatus } from '@nestjs/common';\n${notFound}\nclass PodsController { get() { throw new HttpException(notFound, HttpStatus.NOT_FOUND); } }`,
          }],
        },
      ],
    },
    {
      code: `import { ConflictException } from '@nestjs/common';\n${notFound}\nclass PodsController { get() { throw new ConflictException(notFound); } }`,
      errors: [{ messageId: 'codeMismatch', data: { status: 409, code: 404 }, suggestions: [] }],
    },
    // Issue #19: a helper of the file's own, evaluated as if inlined and reported at its call.
    {
      code: withBody("function send(res, status, body) { res.status(status).json(body); }\napp.get('/', (req, res) => send(res, 409, notFound));"),
      errors: [{ messageId: 'codeMismatch', data: { status: 409, code: 404 }, line: 3, column: 28, suggestions: [] }],
    },
    {
      code: "const problem = (status, title) => ({ type: 'about:blank', title, status });\nconst reply = (res, status, title) => res.status(500).json(problem(status, title));\napp.get('/', (req, res) => reply(res, 404, 'Not Found'));",
      errors: [{ messageId: 'problemStatusMismatch', data: { status: 500, bodyStatus: 404 }, line: 3, suggestions: [] }],
    },
    // Issue #19: Nest's names that RFC 9110's titles do not give, resolved without type information.
    {
      code: `import { HttpException, HttpStatus } from '@nestjs/common';\n${notFound}\nclass PodsController { get() { throw new HttpException(notFound, HttpStatus.PAYLOAD_TOO_LARGE); } }`,
      errors: [
        {
          messageId: 'codeMismatch',
          data: { status: 413, code: 404 },
          suggestions: [{
            messageId: 'useHttpStatus',
            output: `import { HttpException, HttpStatus } from '@nestjs/common';\n${notFound}\nclass PodsController { get() { throw new HttpException(notFound, HttpStatus.NOT_FOUND); } }`,
          }],
        },
      ],
    },
    {
      code: "import { UnprocessableEntityException } from '@nestjs/common';\nclass UsersController { create() { throw new UnprocessableEntityException({ type: 'about:blank', title: 'Bad Request', status: 400 }); } }",
      errors: [{
        messageId: 'problemStatusMismatch',
        data: { status: 422, bodyStatus: 400 },
        suggestions: [{
          messageId: 'useBodyStatus',
          output: "import { UnprocessableEntityException } from '@nestjs/common';\nclass UsersController { create() { throw new UnprocessableEntityException({ type: 'about:blank', title: 'Bad Request', status: 422 }); } }",
        }],
      }],
    },
    // Status constants of http-status-codes and http-status, without type information; the suggestion keeps their terms.
    {
      code: withBody("import { StatusCodes } from 'http-status-codes';\napp.get('/', (req, res) => res.status(StatusCodes.CONFLICT).json(notFound));"),
      errors: [{
        messageId: 'codeMismatch',
        data: { status: 409, code: 404 },
        suggestions: [{
          messageId: 'useHttpStatus',
          output: withBody("import { StatusCodes } from 'http-status-codes';\napp.get('/', (req, res) => res.status(StatusCodes.NOT_FOUND).json(notFound));"),
        }],
      }],
    },
    {
      code: withBody("const httpStatus = require('http-status');\napp.get('/', (req, res) => res.status(httpStatus.UNPROCESSABLE_ENTITY).json(notFound));"),
      errors: [{
        messageId: 'codeMismatch',
        data: { status: 422, code: 404 },
        suggestions: [{
          messageId: 'useHttpStatus',
          output: withBody("const httpStatus = require('http-status');\napp.get('/', (req, res) => res.status(httpStatus.NOT_FOUND).json(notFound));"),
        }],
      }],
    },
    {
      code: withBody("import { status } from 'http-status';\nfastify.get('/', async (request, reply) => reply.code(status.PAYMENT_REQUIRED).send(notFound));"),
      errors: [{
        messageId: 'codeMismatch',
        data: { status: 402, code: 404 },
        suggestions: [{
          messageId: 'useHttpStatus',
          output: withBody("import { status } from 'http-status';\nfastify.get('/', async (request, reply) => reply.code(status.NOT_FOUND).send(notFound));"),
        }],
      }],
    },
    {
      // No code in the body: its reason says which status it means.
      code: "app.get('/', (req, res) => res.status(404).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'AlreadyExists' }));",
      errors: [
        {
          messageId: 'reasonMismatch',
          data: { status: 404, reason: 'AlreadyExists', expected: 409 },
          suggestions: [
            {
              messageId: 'useHttpStatus',
              output: "app.get('/', (req, res) => res.status(409).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'AlreadyExists' }));",
            },
            {
              messageId: 'useReasonForStatus',
              data: { reason: 'NotFound', status: 404 },
              output: "app.get('/', (req, res) => res.status(404).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'NotFound' }));",
            },
          ],
        },
      ],
    },
    {
      code: "app.get('/', (req, res) => res.status(200).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x' }));",
      errors: [{ messageId: 'failureSentAsSuccess', data: { status: 200 } }],
    },
    {
      code: "app.get('/', (req, res) => res.status(400).type('application/problem+json').json({ type: 'about:blank', title: 'Not Found', status: 404 }));",
      errors: [
        {
          messageId: 'problemStatusMismatch',
          data: { status: 400, bodyStatus: 404 },
          suggestions: [
            {
              messageId: 'useHttpStatus',
              output: "app.get('/', (req, res) => res.status(404).type('application/problem+json').json({ type: 'about:blank', title: 'Not Found', status: 404 }));",
            },
            {
              messageId: 'useBodyStatus',
              output: "app.get('/', (req, res) => res.status(400).type('application/problem+json').json({ type: 'about:blank', title: 'Not Found', status: 400 }));",
            },
          ],
        },
      ],
    },
    {
      code: "app.get('/', (req, res) => res.status(409).json({ error: 'not_found', message: 'x' }));",
      options: [{ checkEnvelopeError: true }],
      errors: [
        {
          messageId: 'envelopeErrorMismatch',
          data: { status: 409, code: 'not_found', expected: 404 },
          suggestions: [{ messageId: 'useHttpStatus', output: "app.get('/', (req, res) => res.status(404).json({ error: 'not_found', message: 'x' }));" }],
        },
      ],
    },
    {
      // Through `as const` constants, enums and spreads.
      code: [
        "const Reasons = { NotFound: 'NotFound' } as const;",
        'enum Code { NotFound = 404, Gone = 410 }',
        "const base = { kind: 'Status', apiVersion: 'v1', status: 'Failure' } as const;",
        "app.get('/', (req, res) => res.status(Code.Gone).json({ ...base, message: 'x', reason: Reasons.NotFound, code: Code.NotFound }));",
      ].join('\n'),
      errors: [
        {
          messageId: 'codeMismatch',
          line: 4,
          suggestions: [
            {
              messageId: 'useHttpStatus',
              output: [
                "const Reasons = { NotFound: 'NotFound' } as const;",
                'enum Code { NotFound = 404, Gone = 410 }',
                "const base = { kind: 'Status', apiVersion: 'v1', status: 'Failure' } as const;",
                "app.get('/', (req, res) => res.status(Code.NotFound).json({ ...base, message: 'x', reason: Reasons.NotFound, code: Code.NotFound }));",
              ].join('\n'),
            },
            {
              messageId: 'useBodyStatus',
              output: [
                "const Reasons = { NotFound: 'NotFound' } as const;",
                'enum Code { NotFound = 404, Gone = 410 }',
                "const base = { kind: 'Status', apiVersion: 'v1', status: 'Failure' } as const;",
                "app.get('/', (req, res) => res.status(Code.Gone).json({ ...base, message: 'x', reason: Reasons.NotFound, code: Code.Gone }));",
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // A local factory's body.
      code: "const gone = (name) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${name} is gone`, reason: 'Gone', code: 410 });\napp.get('/', (req, res) => res.status(404).json(gone(req.params.name)));",
      errors: [{
        messageId: 'codeMismatch',
        line: 2,
        suggestions: [{
          messageId: 'useHttpStatus',
          output: "const gone = (name) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${name} is gone`, reason: 'Gone', code: 410 });\napp.get('/', (req, res) => res.status(410).json(gone(req.params.name)));",
        }],
      }],
    },
  ],
});

ruleTester.run('http-status-matches-body with a profile whose envelope repeats the status', rule, {
  valid: [
    {
      code: "app.get('/', (req, res) => res.status(404).json({ code: 'NOT_FOUND', statusCode: 404, message: 'x' }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
    },
  ],
  invalid: [
    {
      code: "app.get('/', (req, res) => res.status(404).json({ code: 'NOT_FOUND', statusCode: 400, message: 'x' }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
      errors: [
        {
          messageId: 'envelopeStatusMismatch',
          data: { status: 404, field: 'statusCode', bodyStatus: 400 },
          suggestions: [
            { messageId: 'useHttpStatus', output: "app.get('/', (req, res) => res.status(400).json({ code: 'NOT_FOUND', statusCode: 400, message: 'x' }));" },
            { messageId: 'useBodyStatus', output: "app.get('/', (req, res) => res.status(404).json({ code: 'NOT_FOUND', statusCode: 404, message: 'x' }));" },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('http-status-matches-body with type information', rule, {
  valid: ["import { notFoundBody, HttpCode } from './constants.js';\ndeclare const res: any;\nres.status(HttpCode.NotFound).json(notFoundBody);"],
  invalid: [
    {
      // A body imported from another module, its values known only from its type.
      code: "import { notFoundBody, CONFLICT } from './constants.js';\ndeclare const res: any;\nres.status(CONFLICT).json(notFoundBody);",
      errors: [
        {
          messageId: 'codeMismatch',
          data: { status: 409, code: 404 },
          line: 3,
          suggestions: [{ messageId: 'useHttpStatus', output: "import { notFoundBody, CONFLICT } from './constants.js';\ndeclare const res: any;\nres.status(404).json(notFoundBody);" }],
        },
      ],
    },
  ],
});
