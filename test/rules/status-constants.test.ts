// The status constants statuslint knows (rules/util/status-constants.ts, rules/util/nest.ts) are data
// copied from each package: this test holds every table to the package itself, through the same
// resolver the rules use, so that a name missing, misspelt or derived wrongly fails here. Issue #19:
// names derived from RFC 9110's titles missed `PAYLOAD_TOO_LARGE`, `UnprocessableEntityException`…
import assert from 'node:assert/strict';
import { STATUS_CODES } from 'node:http';
import { describe, it } from 'node:test';
import * as nest from '@nestjs/common';
import { Linter } from 'eslint';
import { status as httpStatus } from 'http-status';
import { ReasonPhrases, StatusCodes } from 'http-status-codes';
import tseslint from 'typescript-eslint';
import { nestExceptionStatus } from '../../rules/util/nest.js';
import { resolverFor, type Value } from '../../rules/util/values.js';

/** The value of each `probe(x)` argument in `source`, as the rules' resolver sees it, without type information. */
function probe(source: string): Array<string | number | undefined> {
  const values: Value[] = [];
  const linter = new Linter({ configType: 'flat' });
  const plugin = {
    rules: {
      probe: {
        meta: { type: 'problem' as const, schema: [] },
        create(context: Parameters<typeof resolverFor>[0]) {
          const resolver = resolverFor(context);
          return {
            CallExpression(node: { callee: { type: string; name?: string }; arguments: unknown[] }) {
              if (node.callee.type === 'Identifier' && node.callee.name === 'probe') values.push(resolver.value(node.arguments[0] as never));
            },
          };
        },
      },
    },
  };
  const messages = linter.verify(source, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { test: plugin as never }, rules: { 'test/probe': 'error' } }], 'file.ts');
  assert.deepEqual(messages.filter((m) => m.fatal), []);
  return values.map((v) => (v.kind === 'string' || v.kind === 'number' ? v.value : undefined));
}

/** The enum's own member names (a numeric TypeScript enum also maps values back to names). */
const enumNames = (e: object): string[] => Object.keys(e).filter((key) => Number.isNaN(Number(key)));

describe('NestJS names, checked against @nestjs/common', () => {
  it('every `HttpStatus` member resolves to its value', () => {
    const names = enumNames(nest.HttpStatus);
    const source = `import { HttpStatus } from '@nestjs/common';\n${names.map((name) => `probe(HttpStatus.${name});`).join('\n')}`;
    assert.deepEqual(probe(source), names.map((name) => nest.HttpStatus[name as keyof typeof nest.HttpStatus]));
  });

  it('the names issue #19 found unresolved', () => {
    const source = "import { HttpStatus as S } from '@nestjs/common';\nprobe(S.UNPROCESSABLE_ENTITY); probe(S.PAYLOAD_TOO_LARGE); probe(S.PAYMENT_REQUIRED); probe(S.NOT_IMPLEMENTED);";
    assert.deepEqual(probe(source), [422, 413, 402, 501]);
    assert.equal(nestExceptionStatus('UnprocessableEntityException'), 422);
    assert.equal(nestExceptionStatus('PayloadTooLargeException'), 413);
  });

  it('every built-in exception class resolves to the status it sends', () => {
    const classes = Object.entries(nest).filter(([name, value]) => name.endsWith('Exception') && typeof value === 'function');
    let checked = 0;
    for (const [name, Class] of classes) {
      let sent: number | undefined;
      try {
        const instance: unknown = new (Class as new () => unknown)();
        sent = instance instanceof nest.HttpException ? instance.getStatus() : undefined;
      } catch {
        sent = undefined;
      }
      // `HttpException` takes its status as an argument; `IntrinsicException` sends none.
      if (typeof sent !== 'number') {
        assert.equal(nestExceptionStatus(name), undefined, name);
        continue;
      }
      assert.equal(nestExceptionStatus(name), sent, name);
      checked += 1;
    }
    assert.ok(checked >= 20, `only ${checked} exception classes checked`);
  });

  it('knows no name the package does not have', () => {
    assert.equal(nestExceptionStatus('TooManyRequestsException'), undefined);
    assert.deepEqual(probe("import { HttpStatus } from '@nestjs/common';\nprobe(HttpStatus.CONTENT_TOO_LARGE);"), [undefined]);
  });
});

describe('http-status-codes, checked against the package', () => {
  const names = enumNames(StatusCodes);

  it('every `StatusCodes` and `ReasonPhrases` member resolves to its value', () => {
    const source = `import { StatusCodes, ReasonPhrases } from 'http-status-codes';\n${names.map((name) => `probe(StatusCodes.${name}); probe(ReasonPhrases.${name});`).join('\n')}`;
    const expected = names.flatMap((name) => [StatusCodes[name as keyof typeof StatusCodes], ReasonPhrases[name as keyof typeof ReasonPhrases]]);
    assert.deepEqual(probe(source), expected);
  });

  it('through require, and the deprecated constants', () => {
    const source = "const { StatusCodes } = require('http-status-codes');\nconst codes = require('http-status-codes');\nimport { NOT_FOUND } from 'http-status-codes';\nprobe(StatusCodes.TOO_MANY_REQUESTS); probe(codes.StatusCodes.CONFLICT); probe(codes.GONE); probe(NOT_FOUND);";
    assert.deepEqual(probe(source), [429, 409, 410, 404]);
  });
});

describe('http-status, checked against the package', () => {
  const names = Object.keys(httpStatus).filter((key) => /^[A-Z][A-Z0-9_]*$/.test(key) && typeof httpStatus[key as keyof typeof httpStatus] === 'number');

  it('every status name, phrase and name-of-status resolves to its value', () => {
    const table = httpStatus as unknown as Record<string, string | number>;
    const source = `import { status } from 'http-status';\n${names.map((name) => `probe(status.${name}); probe(status[status.${name}]); probe(status[\`\${status.${name}}_NAME\`]);`).join('\n')}`;
    const expected = names.flatMap((name) => {
      const code = table[name] as number;
      return [code, table[code], table[`${code}_NAME`]];
    });
    assert.ok(names.length > 50);
    assert.deepEqual(probe(source), expected);
  });

  it('through the default import and 1.x-style require', () => {
    const source = "import httpStatus from 'http-status';\nconst legacy = require('http-status');\nprobe(httpStatus.NOT_FOUND); probe(legacy.UNPROCESSABLE_ENTITY); probe(legacy.status.CONFLICT); probe(httpStatus['404_CLASS']);";
    assert.deepEqual(probe(source), [404, 422, 409, '4xx']);
  });
});

describe("Node's http.STATUS_CODES, checked against the running Node", () => {
  it('every status resolves to its phrase', () => {
    const codes = Object.keys(STATUS_CODES);
    const source = `import http from 'node:http';\nimport { STATUS_CODES } from 'http';\n${codes.map((code) => `probe(http.STATUS_CODES[${code}]); probe(STATUS_CODES['${code}']);`).join('\n')}`;
    assert.deepEqual(probe(source), codes.flatMap((code) => [STATUS_CODES[code], STATUS_CODES[code]]));
  });

  it('leaves a module of the same name that is not Node\'s own alone', () => {
    assert.deepEqual(probe("import { STATUS_CODES } from './http';\nprobe(STATUS_CODES[404]);"), [undefined]);
  });
});
