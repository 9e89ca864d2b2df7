// Rules run on every keystroke over half-written code: no input may make them throw.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../rules/index.js';

const SNIPPETS = [
  '',
  'res.status().json();',
  'res.status(404).json();',
  'res.json(...args);',
  'c.json(...args);',
  'c.json(body, ...rest);',
  'new Response();',
  'new Response(...parts);',
  'Response.json();',
  'new HttpException();',
  'new NotFoundException();',
  'JSON.stringify();',
  'res.end(JSON.stringify());',
  'Object.freeze();',
  'const a = a; res.status(a).json(a);',
  'const a = b, b = a; res.status(404).json({ kind: "Status", reason: a, code: b });',
  'function f() { return f(); } res.status(404).json(f());',
  'const f = () => f; res.status(404).json(f());',
  'const o = { ...o, kind: "Status", code: 404 };',
  'const o = { [o.k]: 1, kind: "Status", reason: "NotFound", code: 404 };',
  'const k = "reason"; const o = { kind: "Status", [k]: "Notfound", code: 404 };',
  'const o = { get reason() { return "x"; }, kind: "Status", code: 404 };',
  'const o = { reason() {}, kind: "Status", code: 404 };',
  'const o = { kind: "Status", reason: `${x}`, code: -404 };',
  'const o = { kind: "Status", reason: 1n, code: 404n };',
  'const o = { kind: "Status", reason: /re/, code: null };',
  'const o = { kind: "Status", status: "Failure", code: 1e400 };',
  'const o = { kind: "Status", status: undefined, details: { causes: [null, , { reason: "FieldValueInvlaid" }] } };',
  'const o = { kind: "Status", details: { causes: [...x] } };',
  'enum E { A = "NotFound", B = A, C } const o = { kind: "Status", reason: E.A, code: E.C };',
  'enum E { A = 1 << 2, B } const o = { kind: "Status", reason: "NotFound", code: E.B };',
  'declare enum D { X } const o = { kind: "Status", code: D.X, reason: D.Y };',
  'const { a: { b } } = x; const o = { kind: "Status", reason: b, code: 404 };',
  'const [a] = x; const o = { kind: "Status", reason: a, code: 404 };',
  'let s = 404; s = 409; res.status(s).json({ kind: "Status", reason: "NotFound", code: 404 });',
  'var s; res.status(s).json({});',
  'res?.status(404)?.json?.({ kind: "Status", reason: "NotFound", code: 409 });',
  'res["status"](404)["json"]({ kind: "Status", reason: "NotFound", code: 409 });',
  'this.body = { error: "not_fuond" }; this.status = 404;',
  'ctx.body = ctx.body; ctx.status = ctx.status;',
  'x.body += 1;',
  '(a, b).body = 1;',
  'switch (x) { case 1: res.status(429); res.json({}); }',
  'class A { static { res.status(429).send(); } }',
  'label: { res.status(404); break label; } res.json({ kind: "Status", reason: "NotFound", code: 409 });',
  'for (;;) res.status(503).end();',
  'async function* g() { yield res.status(429).json({ error: "x" }); }',
  'res.writeHead(503, "Busy", ...h).end();',
  'res.writeHead(503, "Busy", { "Retry-After": 1 }).end();',
  'new Response(null, { status: 503, headers: [["Retry-After"], [x, y], ...z] });',
  'new Response(null, { ...init });',
  'new Response(null, { status: 503, headers: new Headers() });',
  'Response.json({ type: "x", status: "404" }, { status: 404 });',
  'import * as ns from "@nestjs/common"; throw new ns.HttpException({}, ns.HttpStatus.NOT_FOUND);',
  'import { HttpStatus as S } from "@nestjs/common"; throw new HttpException({ kind: "Status", reason: "NotFound", code: 404 }, S.GONE);',
  'import d from "x"; res.status(d.status).json(d);',
  'export default { kind: "Status", reason: "Pending" };',
  'const t = `a${`b${"c"}`}`; const o = { kind: "Status", reason: t, code: 404 };',
  'const o = { kind: "Status", reason: "NotFound", code: 404 } satisfies object as unknown as never;',
  'type T = { reason: "NotFound"; code: 409 }; declare const t: T; res.status(409).json(t);',
];

const linter = new Linter({ configType: 'flat' });
const configs = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as never } },
  { ...plugin.configs.strict, files: ['**/*.ts', '**/*.js'] },
] as Linter.Config[];

for (const [index, snippet] of SNIPPETS.entries()) {
  it(`does not throw on snippet ${index}: ${snippet.slice(0, 60)}`, () => {
    const messages = linter.verify(snippet, configs, 'input.ts');
    const crashes = messages.filter((m) => m.fatal && !/Parsing error/.test(m.message));
    assert.deepEqual(crashes, []);
  });
}

it('does not throw on every prefix of a realistic handler (half-typed code)', () => {
  const handler = [
    "import { HttpException, HttpStatus } from '@nestjs/common';",
    "const base = { kind: 'Status', apiVersion: 'v1', status: 'Failure' } as const;",
    "app.get('/pods/:name', (req, res) => {",
    '  if (!req.params.name) {',
    "    res.status(400).set('x-request-id', req.id);",
    "    return res.json({ ...base, message: 'name is required', reason: 'BadRequest', code: 400 });",
    '  }',
    "  res.status(429).json({ error: 'rate_limited', message: 'slow down' });",
    '});',
    'export async function GET() { return NextResponse.json({ ...base, reason: "Gone", code: 410 }, { status: HttpStatus.GONE }); }',
  ].join('\n');
  for (let end = 0; end <= handler.length; end += 3) {
    for (const filename of ['input.ts', 'input.js']) {
      const messages = linter.verify(handler.slice(0, end), configs, filename);
      const crashes = messages.filter((m) => m.fatal && !/Parsing error/.test(m.message));
      assert.deepEqual(crashes, [], `prefix of ${end} characters`);
    }
  }
});
