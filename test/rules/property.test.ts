// Rules run on every keystroke over any text an editor holds: generated source, arbitrary or shaped like
// handlers, never makes a rule throw under any shipped config, and every report points into the source.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import fc from 'fast-check';
import tseslint from 'typescript-eslint';
import plugin, { type ConfigName, configRules, rules } from '../../rules/index.js';
import { builtinProfile } from '../../schemas/catalog.js';
import { repoRoot } from '../helpers/paths.js';

// --- configs -------------------------------------------------------------------------------------

type Parser = 'espree' | 'typescript-eslint';
const FILENAME: Record<Parser, string> = { espree: 'input.js', 'typescript-eslint': 'input.ts' };
const TS_FILES = { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } };

interface Variant {
  name: string;
  config: ConfigName;
  settings?: { statuslint: { profile: string } };
}

const ruleFixture = (name: string): string => join(repoRoot, 'test', 'rules', 'fixtures', name);

/** Every shipped config, and strict once more with each user profile the rule tests use. */
const VARIANTS: Variant[] = [
  ...(Object.keys(plugin.configs) as ConfigName[]).map((config) => ({ name: config, config })),
  { name: 'strict + custom-envelope.json', config: 'strict', settings: { statuslint: { profile: ruleFixture('custom-envelope.json') } } },
  { name: 'strict + custom-kubernetes.yaml', config: 'strict', settings: { statuslint: { profile: ruleFixture('custom-kubernetes.yaml') } } },
];

const configArray = (variant: Variant): Linter.Config[] => [
  TS_FILES,
  { ...(plugin.configs[variant.config] as Linter.Config), files: ['**/*.js', '**/*.ts'] },
  ...(variant.settings ? [{ settings: variant.settings }] : []),
];

const severityOf = (entry: unknown): number => {
  const level = Array.isArray(entry) ? entry[0] : entry;
  return level === 'error' || level === 2 ? 2 : level === 'warn' || level === 1 ? 1 : 0;
};

const linter = new Linter({ configType: 'flat' });
const parseOnly = new Linter({ configType: 'flat' });

// --- what every lint result must satisfy ---------------------------------------------------------

/** Lines as ESLint counts them, of the text it lints (a leading BOM is not part of it). */
const linesOf = (text: string): string[] => text.split(/\r\n|[\r\n\u2028\u2029]/);

function assertInside(lines: string[], line: number, column: number, what: string): void {
  assert.ok(Number.isInteger(line) && line >= 1 && line <= lines.length, `${what}: line ${line} of ${lines.length}`);
  const length = (lines[line - 1] as string).length;
  assert.ok(Number.isInteger(column) && column >= 1 && column <= length + 1, `${what}: column ${column} on a line of ${length}`);
}

function assertRange(fix: { range: readonly [number, number]; text: string }, length: number, what: string): void {
  const [start, end] = fix.range;
  assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length, `${what}: range [${start}, ${end}] of ${length}`);
  assert.equal(typeof fix.text, 'string', what);
}

// Variants often suggest the same edit: parse each edited text once.
const parsed = new Map<string, boolean>();
function parses(text: string, parser: Parser): boolean {
  const key = `${parser}\u0000${text}`;
  let ok = parsed.get(key);
  if (ok === undefined) {
    if (parsed.size > 5000) parsed.clear();
    parsed.set(key, (ok = !parseOnly.verify(text, [TS_FILES], FILENAME[parser]).some((m) => m.fatal)));
  }
  return ok;
}

const applied = (text: string, fix: { range: readonly [number, number]; text: string }): string =>
  text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

/** Every message of one lint run is well formed; throws (failing the property) if not. */
function checkMessages(messages: readonly Linter.LintMessage[], source: string, variant: Variant, parser: Parser, checkEdits: boolean): number {
  const text = source.replace(/^\uFEFF/, '');
  const lines = linesOf(text);
  const enabled = configRules[variant.config];
  const sourceParses = !messages.some((m) => m.fatal);
  let reported = 0;
  for (const m of messages) {
    const where = `${variant.name}/${parser}: ${m.ruleId ?? 'no rule'} ${m.message}`;
    if (m.fatal) {
      // The only fatal message allowed is the parser's; a crashing rule throws out of verify().
      assert.equal(m.ruleId, null, where);
      assert.match(m.message, /^Parsing error/, where);
      continue;
    }
    reported++;
    assert.ok(m.ruleId !== null && m.ruleId in enabled, `${where}: not a rule of this config`);
    const rule = rules[m.ruleId.slice('statuslint/'.length) as keyof typeof rules];
    assert.ok(m.messageId !== undefined && m.messageId in rule.meta.messages, `${where}: message id ${m.messageId}`);
    assert.equal(m.severity, severityOf(enabled[m.ruleId as keyof typeof enabled]), where);
    // A placeholder left in the text means the rule forgot to pass its data.
    if (!text.includes('{{')) assert.doesNotMatch(m.message, /\{\{\s*\w+\s*\}\}/, `${where}: unfilled placeholder`);
    assertInside(lines, m.line, m.column, where);
    if (m.endLine !== undefined || m.endColumn !== undefined) {
      assert.ok(m.endLine !== undefined && m.endColumn !== undefined, `${where}: half an end`);
      assertInside(lines, m.endLine, m.endColumn, `${where} (end)`);
      assert.ok(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column), `${where}: ends before it starts`);
    }
    if (m.fix) {
      assertRange(m.fix, text.length, `${where} (fix)`);
      if (checkEdits && sourceParses) assert.ok(parses(applied(text, m.fix), parser), `${where}: the fix breaks the syntax:\n${applied(text, m.fix)}`);
    }
    for (const suggestion of m.suggestions ?? []) {
      assert.ok(typeof suggestion.desc === 'string' && suggestion.desc.length > 0, `${where}: suggestion without a description`);
      assertRange(suggestion.fix, text.length, `${where} (suggestion ${suggestion.desc})`);
      if (checkEdits && sourceParses) {
        assert.ok(parses(applied(text, suggestion.fix), parser), `${where}: suggestion "${suggestion.desc}" breaks the syntax:\n${applied(text, suggestion.fix)}`);
      }
    }
  }
  return reported;
}

/** Lint under every variant; a rule that throws fails the property, as does a malformed message. */
function lintEverywhere(source: string, parser: Parser, options: { checkEdits?: boolean; seen?: Set<string> } = {}): number {
  let reported = 0;
  for (const variant of VARIANTS) {
    const messages = linter.verify(source, configArray(variant), FILENAME[parser]);
    reported += checkMessages(messages, source, variant, parser, options.checkEdits === true);
    for (const m of messages) if (m.ruleId) options.seen?.add(m.ruleId);
  }
  return reported;
}

// --- grammar-ish source --------------------------------------------------------------------------

const kubernetes = builtinProfile('kubernetes').entries;
const envelope = builtinProfile('envelope').entries;
const KNOWN_CODES = [...new Set([...kubernetes, ...envelope].map((e) => e.code))];
const MISSPELLINGS = [...kubernetes, ...envelope].flatMap((e) => e.misspellings ?? []);
const STATUSES = [200, 201, 204, 301, 400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 429, 500, 501, 503, 504];
const NEST_EXCEPTIONS = ['NotFoundException', 'ConflictException', 'BadRequestException', 'ForbiddenException', 'GoneException', 'ServiceUnavailableException', 'HttpException', 'FooException'];
const NEST_STATUS_MEMBERS = ['NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE', 'GONE', 'OK', 'NOPE'];
const KEYS = ['kind', 'apiVersion', 'status', 'reason', 'code', 'message', 'details', 'causes', 'field', 'name', 'group', 'retryAfterSeconds', 'metadata', 'error', 'requestId', 'statusCode', 'type', 'title', 'detail', 'instance', 'errors'];
const HEADER_NAMES = ['Retry-After', 'retry-after', 'RETRY-AFTER', 'Content-Type', 'X-Request-Id', 'Allow', 'retry_after'];
const IDENTIFIERS = ['x', 's', 'body', 'base', 'reason', 'code', 'status', 'E.A', 'E.B', 'HttpStatus.NOT_FOUND', 'HttpStatus.TOO_MANY_REQUESTS', 'req.params.name', 'retryAfter', 'undefined', 'this'];
const RECEIVERS = ['res', 'response', 'reply', 'ctx', 'this.res', 'c'];

/** A known code with one edit: the near misses the rules suggest fixes for. */
const nearMiss = fc.tuple(fc.constantFrom(...KNOWN_CODES.filter((c) => c.length > 1)), fc.nat(), fc.constantFrom('drop', 'swapcase', 'double', 'suffix')).map(([code, at, edit]) => {
  const i = at % code.length;
  if (edit === 'drop') return code.slice(0, i) + code.slice(i + 1);
  if (edit === 'swapcase') return code.slice(0, i) + (code[i] === code[i]?.toUpperCase() ? code[i]?.toLowerCase() : code[i]?.toUpperCase()) + code.slice(i + 1);
  if (edit === 'double') return code.slice(0, i) + code[i] + code.slice(i);
  return `${code}Error`;
});

const codeString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_CODES) },
  { weight: 2, arbitrary: fc.constantFrom(...MISSPELLINGS) },
  { weight: 2, arbitrary: nearMiss },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('Status', 'v1', 'Failure', 'Success', '', 'about:blank') },
);

/** A string literal in one of JavaScript's three quotings. */
const stringLiteral = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(inner, fc.constantFrom('double', 'single', 'template')).map(([s, quote]) => {
    if (quote === 'double') return JSON.stringify(s);
    if (quote === 'single') return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
    return `\`${s.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\``;
  });

const statusExpression = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STATUSES).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 599 }).map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-404', '1e400', '404.5', '0x194', 'NaN', 'Infinity', '"404"', '`429`', 'null', 'undefined', '404n') },
  { weight: 2, arbitrary: fc.constantFrom(...NEST_STATUS_MEMBERS).map((m) => `HttpStatus.${m}`) },
  { weight: 2, arbitrary: fc.constantFrom(...IDENTIFIERS) },
);

function valueArbitrary(ts: boolean): fc.Arbitrary<string> {
  const { value } = fc.letrec<{ value: string; object: string; member: string }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'value', withCrossShrink: true },
      stringLiteral(codeString),
      statusExpression,
      fc.constantFrom('true', 'false', 'null', 'undefined', '1n', '/re/g', '[]', '{}', 'f()', 'new Date()', '`${x}`', 'void 0', '-1', '3.5'),
      fc.constantFrom(...IDENTIFIERS),
      tie('object'),
      fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.tuple(tie('value'), tie('value')).map(([a, b]) => `(x ? ${a} : ${b})`),
      fc.tuple(fc.string({ maxLength: 6 }), tie('value')).map(([s, v]) => `\`${s.replace(/[`\\$]/g, '')}\${${v}}\``),
      ...(ts ? [tie('value').map((v) => `(${v} as const)`), tie('value').map((v) => `(${v} satisfies unknown)`), tie('value').map((v) => `(${v})!`), tie('value').map((v) => `(<any>${v})`)] : []),
    ),
    object: fc.array(tie('member'), { maxLength: 6 }).map((members) => `{ ${members.join(', ')} }`),
    member: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'value' },
      fc.tuple(fc.constantFrom(...KEYS), tie('value')).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(fc.constantFrom(...KEYS), tie('value')).map(([k, v]) => `${JSON.stringify(k)}: ${v}`),
      fc.constantFrom(...KEYS),
      fc.tuple(fc.constantFrom(...KEYS), tie('value')).map(([k, v]) => `[${JSON.stringify(k)}]: ${v}`),
      fc.constantFrom('...base', '...x', '...{ kind: "Status" }', '...(x ? base : {})', '[k]: 1', 'get reason() { return "NotFound"; }', 'code() {}'),
      fc.tuple(fc.constantFrom(...KEYS), fc.string({ maxLength: 5 })).map(([k, s]) => `${k}: ${JSON.stringify(s)}`),
    ),
  }));
  return value;
}

/** Bodies shaped like the three error formats, members left out or replaced at random. */
function bodyArbitrary(ts: boolean): fc.Arbitrary<string> {
  const value = valueArbitrary(ts);
  const maybe = (key: string, arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> =>
    fc.option(fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: value }).map((v) => `${key}: ${v}`), { nil: undefined, freq: 4 });
  const shaped = (members: Array<fc.Arbitrary<string | undefined>>): fc.Arbitrary<string> =>
    fc.tuple(fc.tuple(...members), fc.boolean()).map(([parts, spread]) => `{ ${[spread ? '...base' : undefined, ...parts].filter((p) => p !== undefined).join(', ')} }`);
  const details = fc
    .tuple(
      fc.option(stringLiteral(fc.constantFrom('web', 'pods', '')), { nil: undefined }),
      fc.array(fc.tuple(stringLiteral(codeString), stringLiteral(fc.constantFrom('metadata.name', 'spec'))), { maxLength: 2 }),
      fc.option(statusExpression, { nil: undefined }),
    )
    .map(([name, causes, retry]) =>
      `{ ${[name ? `name: ${name}` : '', causes.length ? `causes: [${causes.map(([r, f]) => `{ reason: ${r}, field: ${f} }`).join(', ')}]` : '', retry ? `retryAfterSeconds: ${retry}` : ''].filter(Boolean).join(', ')} }`,
    );
  const status = shaped([
    maybe('kind', fc.constant("'Status'")),
    maybe('apiVersion', fc.constant("'v1'")),
    maybe('status', stringLiteral(fc.constantFrom('Failure', 'Success', 'failure'))),
    maybe('message', stringLiteral(fc.string({ maxLength: 8 }))),
    maybe('reason', stringLiteral(codeString)),
    maybe('details', details),
    maybe('code', statusExpression),
  ]);
  const envelopeBody = shaped([
    maybe('error', stringLiteral(codeString)),
    maybe('message', stringLiteral(fc.string({ maxLength: 8 }))),
    maybe('requestId', fc.constantFrom('req.id', "'r-1'", "''")),
    maybe('statusCode', statusExpression),
    maybe('code', stringLiteral(codeString)),
  ]);
  const problem = shaped([
    maybe('type', stringLiteral(fc.constantFrom('about:blank', 'https://e.x/p'))),
    maybe('title', stringLiteral(fc.string({ maxLength: 8 }))),
    maybe('status', statusExpression),
    maybe('detail', stringLiteral(fc.string({ maxLength: 8 }))),
    maybe('instance', fc.constant("'/x'")),
  ]);
  return fc.oneof({ weight: 3, arbitrary: status }, { weight: 2, arbitrary: envelopeBody }, { weight: 1, arbitrary: problem }, { weight: 2, arbitrary: value });
}

function headersArbitrary(ts: boolean): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 6 }));
  const headerValue = fc.oneof(fc.constantFrom("'30'", '30', 'retryAfter', "'text/plain'"), valueArbitrary(ts));
  const pairs = fc.array(fc.tuple(name, headerValue), { maxLength: 3 });
  return fc.oneof(
    pairs.map((p) => `{ ${p.map(([n, v]) => `${JSON.stringify(n)}: ${v}`).join(', ')} }`),
    pairs.map((p) => `new Headers({ ${p.map(([n, v]) => `${JSON.stringify(n)}: ${v}`).join(', ')} })`),
    pairs.map((p) => `[${p.map(([n, v]) => `[${JSON.stringify(n)}, ${v}]`).join(', ')}]`),
    fc.constantFrom('headers', '{ ...headers }', 'new Headers()', '[...h]', 'undefined'),
  );
}

/** One statement that sends a response, in one of the frameworks the rules know. */
function sendArbitrary(ts: boolean): fc.Arbitrary<string> {
  const body = bodyArbitrary(ts);
  const headers = headersArbitrary(ts);
  const status = statusExpression;
  const receiver = fc.constantFrom(...RECEIVERS);
  const headerName = fc.oneof(fc.constantFrom(...HEADER_NAMES).map((n) => JSON.stringify(n)), fc.constantFrom('name', '`Retry-After`'));
  const headerCall = fc.tuple(fc.constantFrom('set', 'header', 'setHeader', 'append'), headerName, fc.constantFrom("'30'", '30', 'x')).map(([m, n, v]) => `.${m}(${n}, ${v})`);
  return fc.oneof(
    fc.tuple(receiver, status, fc.option(headerCall, { nil: '' }), fc.constantFrom('json', 'send'), body).map(([r, s, h, m, b]) => `${r}.status(${s})${h}.${m}(${b});`),
    fc.tuple(receiver, body).map(([r, b]) => `${r}.json(${b});`),
    fc.tuple(receiver, status).map(([r, s]) => `${r}.sendStatus(${s});`),
    fc.tuple(receiver, status, headers, body).map(([r, s, h, b]) => `${r}.status(${s}).set(${h}).json(${b});`),
    fc.tuple(receiver, status, body).map(([r, s, b]) => `${r}.statusCode = ${s};\n${r}.end(JSON.stringify(${b}));`),
    fc.tuple(receiver, status, headers, body).map(([r, s, h, b]) => `${r}.writeHead(${s}, ${h}).end(JSON.stringify(${b}));`),
    fc.tuple(receiver, status, headers).map(([r, s, h]) => `${r}.writeHead(${s}, 'Busy', ${h});\n${r}.end();`),
    fc.tuple(status, fc.option(headerCall, { nil: '' }), body).map(([s, h, b]) => `return reply.code(${s})${h}.send(${b});`),
    fc.tuple(status, body, fc.boolean()).map(([s, b, after]) => (after ? `ctx.body = ${b};\nctx.status = ${s};` : `ctx.status = ${s};\nctx.body = ${b};`)),
    fc.tuple(status, body, headerName).map(([s, b, n]) => `ctx.set(${n}, '5');\nctx.status = ${s};\nthis.body = ${b};`),
    fc.tuple(body, status, headers).map(([b, s, h]) => `return c.json(${b}, ${s}, ${h});`),
    fc.tuple(body, status, headers).map(([b, s, h]) => `return c.json(${b}, { status: ${s}, headers: ${h} });`),
    fc.tuple(body, status, headers).map(([b, s, h]) => `return new Response(JSON.stringify(${b}), { status: ${s}, headers: ${h} });`),
    fc.tuple(body).map(([b]) => `return new Response(JSON.stringify(${b}));`),
    fc.tuple(fc.constantFrom('Response', 'NextResponse'), body, fc.option(status, { nil: undefined })).map(([k, b, s]) => `return ${k}.json(${b}${s === undefined ? '' : `, { status: ${s} }`});`),
    fc.tuple(body, status).map(([b, s]) => `throw new HttpException(${b}, ${s});`),
    fc.tuple(fc.constantFrom(...NEST_EXCEPTIONS), fc.option(body, { nil: '' })).map(([e, b]) => `throw new ${e}(${b});`),
  );
}

/** Declarations the sends may refer to: constants, enums, a base Status. */
function declarationArbitrary(ts: boolean, topLevel = false): fc.Arbitrary<string> {
  const value = valueArbitrary(ts);
  const name = fc.constantFrom('x', 's', 'body', 'base', 'reason', 'code', 'status', 'headers', 'retryAfter', 'k');
  return fc.oneof(
    fc.tuple(fc.constantFrom('const', 'let', 'var'), name, value).map(([kind, n, v]) => `${kind} ${n} = ${v};`),
    fc.tuple(name, value).map(([n, v]) => `${n} = ${v};`),
    bodyArbitrary(ts).map((b) => `const base = ${b}${ts ? ' as const' : ''};`),
    fc.tuple(name, valueArbitrary(ts)).map(([n, v]) => `function make${n}() { return ${v}; }`),
    ...(ts && topLevel
      ? [
          fc.tuple(stringLiteral(codeString), statusExpression).map(([a, b]) => `enum E { A = ${a}, B = ${b}, C }`),
          fc.constant('declare enum E { A, B }'),
          fc.tuple(stringLiteral(codeString), statusExpression).map(([r, c]) => `type T = { reason: ${r}; code: ${c} };\ndeclare const x: T;`),
        ]
      : []),
  );
}

/** A whole file: imports, declarations and handlers in the frameworks' own wrappers. */
function programArbitrary(ts: boolean): fc.Arbitrary<string> {
  const send = sendArbitrary(ts);
  const declaration = declarationArbitrary(ts);
  const { block } = fc.letrec<{ block: string[]; statement: string }>((tie) => ({
    block: fc.array(tie('statement'), { minLength: 1, maxLength: 3 }),
    statement: fc.oneof(
      { maxDepth: 2, depthIdentifier: 'statement', withCrossShrink: true },
      { weight: 4, arbitrary: send },
      { weight: 2, arbitrary: declaration },
      { weight: 1, arbitrary: fc.constantFrom('return;', 'next(error);', 'store.get(x);', 'res.locals.x = 1;') },
      {
        weight: 1,
        arbitrary: fc.tuple(tie('block'), fc.option(tie('block'), { nil: undefined })).map(([a, b]) => `if (x) {\n${a.join('\n')}\n}${b ? ` else {\n${b.join('\n')}\n}` : ''}`),
      },
      { weight: 1, arbitrary: tie('block').map((b) => `switch (x) {\ncase 1:\n${b.join('\n')}\n}`) },
      { weight: 1, arbitrary: tie('block').map((b) => `try {\n${b.join('\n')}\n} catch (error) {\nnext(error);\n}`) },
      { weight: 1, arbitrary: tie('block').map((b) => `for (;;) {\n${b.join('\n')}\nbreak;\n}`) },
    ),
  }));
  const handler = fc.tuple(block, fc.nat(5)).map(([statements, wrapper]) => {
    const body = statements.join('\n');
    switch (wrapper) {
      case 0:
        return `app.get('/p/:name', async (req, res, next) => {\n${body}\n});`;
      case 1:
        return `export async function GET(request${ts ? ': Request' : ''}) {\n${body}\n}`;
      case 2:
        return `router.post('/p', async (ctx) => {\n${body}\n});`;
      case 3:
        return ts
          ? `@Controller('p')\nexport class PodsController {\n  @Get(':name')\n  @HttpCode(${STATUSES[statements.length % STATUSES.length]})\n  @Header('Retry-After', '5')\n  find(@Param('name') name: string) {\n${body}\n  }\n}`
          : `export class PodsController {\n  find(name) {\n${body}\n  }\n}`;
      case 4:
        return `http.createServer((req, res) => {\n${body}\n});`;
      default:
        return `function handler(req, res, reply, ctx, c) {\n${body}\n}`;
    }
  });
  const imports = fc.subarray([
    "import { HttpException, HttpStatus, NotFoundException, ConflictException, BadRequestException, ServiceUnavailableException, Controller, Get, Header, HttpCode, Param } from '@nestjs/common';",
    "import { NextResponse } from 'next/server';",
    "import * as ns from '@nestjs/common';",
  ]);
  return fc.tuple(imports, fc.array(fc.oneof(declarationArbitrary(ts, true), handler), { minLength: 1, maxLength: 3 })).map(([i, parts]) => [...i, ...parts].join('\n'));
}

/** Half-typed code: a generated file cut short, or with a stray token spliced in. */
function halfTyped(ts: boolean): fc.Arbitrary<string> {
  return fc.tuple(programArbitrary(ts), fc.nat(), fc.nat(), fc.constantFrom('', '(', ')', '{', '}', '[', ']', ',', ';', '.', "'", '"', '`', '${', '...', '=>', ':', '?')).map(([text, a, b, token]) => {
    const at = a % (text.length + 1);
    const cut = Math.min(text.length, at + (b % 8));
    return b % 3 === 0 ? text.slice(0, at) : text.slice(0, at) + token + text.slice(cut);
  });
}

// --- the properties ------------------------------------------------------------------------------

const PARSERS: Parser[] = ['espree', 'typescript-eslint'];
const ts = (parser: Parser): boolean => parser === 'typescript-eslint';
// Fixed seeds keep CI runs repeatable; STATUSLINT_FC_SEED explores others.
const seed = process.env.STATUSLINT_FC_SEED ? Number(process.env.STATUSLINT_FC_SEED) : 20260101;

describe('every rule under every shipped config, on generated source', () => {
  for (const parser of PARSERS) {
    it(`arbitrary text (${parser})`, () => {
      const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'res.status(404).json({ kind: "Status", reason: `NotFound`, code: 409 });\n'), maxLength: 120 }));
      fc.assert(fc.property(text, (source) => void lintEverywhere(source, parser)), { numRuns: 150, seed });
    });

    it(`handler-shaped programs (${parser}), fixes and suggestions keep the code parseable`, () => {
      let reported = 0;
      const seen = new Set<string>();
      fc.assert(
        fc.property(programArbitrary(ts(parser)), (source) => {
          reported += lintEverywhere(source, parser, { checkEdits: true, seen });
        }),
        { numRuns: 200, seed },
      );
      // Programs the rules never report on would prove nothing about their reporting paths.
      assert.ok(reported > 200, `only ${reported} reports over 200 programs`);
      assert.deepEqual([...seen].sort(), Object.keys(rules).map((name) => `statuslint/${name}`).sort(), 'a rule never reported');
    });

    it(`half-typed programs (${parser})`, () => {
      fc.assert(fc.property(halfTyped(ts(parser)), (source) => void lintEverywhere(source, parser)), { numRuns: 150, seed });
    });
  }

  it('handler-shaped programs with type information (typescript-eslint, strict)', () => {
    // Type information takes the rules through the checker (literal types, enums, declared constants).
    const typedDir = join(repoRoot, 'test', 'rules', 'fixtures');
    const typedLinter = new Linter({ configType: 'flat', cwd: typedDir });
    const strict = VARIANTS.find((v) => v.name === 'strict') as Variant;
    const typedConfig: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: typedDir } } },
      { ...(plugin.configs.strict as Linter.Config), files: ['**/*.ts'] },
    ];
    fc.assert(
      fc.property(programArbitrary(true), (source) => {
        const messages = typedLinter.verify(source, typedConfig, join(typedDir, 'file.ts'));
        checkMessages(messages, source, strict, 'typescript-eslint', false);
      }),
      { numRuns: 40, seed },
    );
  });

  it('the checks above can fail: malformed reports are caught', () => {
    const variant = VARIANTS.find((v) => v.name === 'problem') as Variant;
    const good: Linter.LintMessage = {
      ruleId: 'statuslint/retry-after',
      messageId: 'missingRetryAfter',
      message: 'A 429 response must say when to retry.',
      severity: 2,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 3,
    };
    const source = 'ab\ncd';
    assert.equal(checkMessages([good], source, variant, 'espree', false), 1);
    const bad: Array<[Partial<Linter.LintMessage>, RegExp]> = [
      [{ ruleId: 'statuslint/valid-reason', messageId: 'unknownReason' }, /not a rule of this config/],
      [{ messageId: 'nope' }, /message id nope/],
      [{ severity: 1 }, /retry-after/],
      [{ message: 'A {{what}} response.' }, /unfilled placeholder/],
      [{ line: 3 }, /line 3 of 2/],
      [{ endColumn: 4 }, /column 4 on a line of 2/],
      [{ line: 2, endLine: 1 }, /ends before it starts/],
      [{ fix: { range: [2, 9], text: '' } }, /range \[2, 9\] of 5/],
      [{ suggestions: [{ desc: 'Send 429.', fix: { range: [-1, 0], text: '' } }] }, /range \[-1, 0\]/],
      [{ ruleId: 'statuslint/retry-after', fatal: true, message: 'TypeError: x is undefined' }, /TypeError: x is undefined/],
    ];
    for (const [change, expected] of bad) assert.throws(() => checkMessages([{ ...good, ...change } as Linter.LintMessage], source, variant, 'espree', false), expected);
    // A fix that breaks the syntax is caught when the source parsed.
    assert.throws(() => checkMessages([{ ...good, endColumn: 2, fix: { range: [0, 0], text: '(' } }], 'a', variant, 'espree', true), /the fix breaks the syntax/);
  });
});
