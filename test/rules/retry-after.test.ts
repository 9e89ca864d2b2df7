import rule from '../../rules/retry-after.js';
import { ruleTester } from './rule-tester.js';

const tooMany = "{ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'slow down', reason: 'TooManyRequests', code: 429 }";

ruleTester.run('retry-after', rule, {
  valid: [
    "app.get('/', (req, res) => res.status(429).set('Retry-After', '30').json({ error: 'rate_limited', message: 'x' }));",
    "app.get('/', (req, res) => { res.setHeader('retry-after', 30); res.status(503).end(); });",
    "fastify.get('/', async (request, reply) => reply.code(429).headers({ 'Retry-After': 5 }).send({ message: 'x' }));",
    "createServer((req, res) => { res.writeHead(503, { 'Retry-After': '120' }); res.end(); });",
    "export async function GET() { return new Response(null, { status: 503, headers: { 'Retry-After': '10' } }); }",
    "export async function GET() { return Response.json({ message: 'x' }, { status: 429, headers: new Headers([['Retry-After', '1']]) }); }",
    "app.get('/', (c) => c.json({ message: 'x' }, 429, { 'Retry-After': '1' }));",
    // details.retryAfterSeconds answers it for a Status.
    `app.get('/', (req, res) => res.status(429).json({ ...${tooMany}, details: { retryAfterSeconds: 30 } }));`,
    // Headers we cannot read, a body we cannot read, a status we cannot know: no report.
    "app.get('/', (req, res) => res.status(429).set(limits.headers()).json({ message: 'x' }));",
    "app.get('/', (req, res) => res.status(429).json(limiter.body()));",
    'function send(res, status) { res.status(status).json({ message: "x" }); }',
    "export async function GET() { return Response.json({ message: 'x' }, { status: 429, headers }); }",
    // A helper that mentions it near the response.
    "app.get('/', (req, res) => { applyRetryAfter(res, 30); res.status(429).json({ message: 'x' }); });",
    // NestJS sets headers with a decorator.
    "class Api { @Header('Retry-After', '60') @Get() get() { throw new HttpException({ message: 'x' }, 429); } }",
    // Other statuses need nothing.
    "app.get('/', (req, res) => res.status(404).json({ message: 'x' }));",
    // The envelope's `timeout` asks for backoff, not for Retry-After, and neither does 504 alone.
    "app.get('/', (req, res) => res.status(504).json({ error: 'timeout', message: 'x' }));",
    { code: "app.get('/', (req, res) => res.status(503).json({ message: 'x' }));", options: [{ level: 'must' }] },
    { code: "app.get('/', (req, res) => res.status(503).json({ message: 'x' }));", options: [{ level: 'must', statusAlone: true }] },
    // Issue #19: a bare 503 is a health or readiness probe's answer far more often than a "come back
    // later"; only a code that asks for guidance (or `statusAlone`) makes it a finding.
    "app.get('/healthz', (req, res) => res.status(503).json({ status: 'not ready', checks }));",
    "app.get('/', (req, res) => res.status(503).send('down for maintenance'));",
    "createServer((req, res) => { res.writeHead(503, { 'content-type': 'text/plain' }); res.end('busy'); });",
    "app.get('/', (c) => c.json({ error: 'upstream down' }, 503));",
    "class Health { @Get() check() { throw new ServiceUnavailableException('database not configured'); } }",
    // Advice that mentions Retry-After asks nothing: only `retryAfter: expected` (or the retry-after recovery) does.
    {
      code: "app.get('/', (req, res) => res.json({ code: 'BUSY', message: 'x' }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
    },
  ],
  invalid: [
    {
      code: "app.get('/', (req, res) => res.status(429).json({ error: 'rate_limited', message: 'x' }));",
      errors: [{ messageId: 'missingRetryAfter', data: { what: 'A 429 response', seconds: '' }, line: 1, column: 39 }],
    },
    {
      code: "app.get('/', (req, res) => res.sendStatus(429));",
      errors: [{ messageId: 'missingRetryAfter', column: 43 }],
    },
    {
      // Issue #19: a bare 503 on request (the `strict` config asks).
      code: "app.get('/', (req, res) => res.status(503).send('down for maintenance'));",
      options: [{ statusAlone: true }],
      errors: [{ messageId: 'retryAfterRecommended', data: { what: 'A 503 response', seconds: '' } }],
    },
    {
      // The reason says it even when the status is unknown.
      code: `app.get('/', (req, res) => res.json(${tooMany}));`,
      errors: [{ messageId: 'missingRetryAfter', data: { what: 'A `TooManyRequests` response', seconds: ' or `details.retryAfterSeconds`' }, column: 28 }],
    },
    {
      code: "app.get('/', (req, res) => res.status(500).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'ServerTimeout', code: 500 }));",
      errors: [{ messageId: 'retryAfterRecommended', data: { what: 'A `ServerTimeout` response', seconds: ' or `details.retryAfterSeconds`' } }],
    },
    {
      // The live check `retry-guidance` asks the same of this response (test/unit/parity.test.ts).
      code: "app.get('/', (req, res) => res.status(504).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'Timeout', code: 504 }));",
      errors: [{ messageId: 'retryAfterRecommended', data: { what: 'A `Timeout` response', seconds: ' or `details.retryAfterSeconds`' } }],
    },
    {
      // The status asks as much as the reason: the message names the status.
      code: "app.get('/', (req, res) => res.status(503).json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'x', reason: 'ServiceUnavailable', code: 503 }));",
      errors: [{ messageId: 'retryAfterRecommended', data: { what: 'A 503 response', seconds: ' or `details.retryAfterSeconds`' } }],
    },
    {
      // The reason asks more than the status: it decides, and is named.
      code: `app.get('/', (req, res) => res.status(503).json(${tooMany}));`,
      errors: [{ messageId: 'missingRetryAfter', data: { what: 'A `TooManyRequests` response', seconds: ' or `details.retryAfterSeconds`' } }],
    },
    {
      code: "createServer((req, res) => { res.writeHead(503, { 'content-type': 'text/plain' }); res.end('busy'); });",
      options: [{ statusAlone: true }],
      errors: [{ messageId: 'retryAfterRecommended' }],
    },
    {
      code: "fastify.get('/', async (request, reply) => reply.code(429).send({ message: 'x' }));",
      errors: [{ messageId: 'missingRetryAfter' }],
    },
    {
      code: "router.get('/', async (ctx) => { ctx.status = 429; ctx.body = { message: 'x' }; });",
      errors: [{ messageId: 'missingRetryAfter' }],
    },
    {
      code: "app.get('/', (c) => c.json({ message: 'x' }, 503));",
      options: [{ level: 'should', statusAlone: true }],
      errors: [{ messageId: 'retryAfterRecommended' }],
    },
    {
      code: "export async function GET() { return NextResponse.json({ message: 'x' }, { status: 429, headers: { 'content-type': 'application/json' } }); }",
      errors: [{ messageId: 'missingRetryAfter' }],
    },
    {
      code: 'class Api { get() { throw new HttpException({ message: "x" }, 429); } }',
      errors: [{ messageId: 'missingRetryAfter' }],
    },
    {
      // A user's envelope code whose recovery is "retry after".
      code: "app.get('/', (req, res) => res.json({ code: 'RATE_LIMITED', message: 'x' }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
      errors: [{ messageId: 'missingRetryAfter', data: { what: 'A `RATE_LIMITED` response', seconds: '' } }],
    },
    {
      // A user's code the profile marks `retryAfter: expected`.
      code: "app.get('/', (req, res) => res.json({ code: 'WARMING_UP', message: 'x' }));",
      settings: { statuslint: { profile: 'test/rules/fixtures/custom-envelope.json' } },
      errors: [{ messageId: 'retryAfterRecommended' }],
    },
  ],
});
