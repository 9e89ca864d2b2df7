// The JSON formats write plain data with a writer of their own, and cache the text of the checks every
// response repeats: it must write exactly what `JSON.stringify(value, null, 2)` writes (made safe to
// print), whatever the data, and the cache must never hand one object the text of another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indentedJson, jsonChunks, jsonValueChunks } from '../../conformance/reporters/format.js';
import { safeJson } from '../../conformance/untrusted.js';

/** The general path, written independently: JSON.stringify's text, each line after the first moved in by `indent` (line breaks in JSON text are all its own). */
const general = (value: unknown, indent = ''): string => safeJson(JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);

const AWKWARD_STRINGS = [
  '',
  'plain',
  'line\u2028separator\u2029paragraph',
  'controls \u0000\u0001\u001f\u007f\u0085\u009f',
  'bidi \u202a\u202e\u2066\u2069',
  '##[set-output name=x]',
  '##vso[task.setvariable]',
  '#',
  '# not a command',
  '::error::a workflow command',
  'quote " backslash \\ slash /',
  'lone high \ud800 surrogate',
  '\udc00 lone low surrogate',
  'pair 😀 ok',
  'tab\tnewline\ncarriage\r',
  'x'.repeat(300),
];

const AWKWARD_NUMBERS = [0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];

/** Values a results model can hold, and some it should not (a Date, a class, a toJSON): those take the general path. */
function awkwardValues(): unknown[] {
  class Thing {
    a = 1;
  }
  return [
    ...AWKWARD_STRINGS,
    ...AWKWARD_NUMBERS,
    true,
    false,
    null,
    undefined,
    {},
    [],
    [[]],
    { a: {} },
    JSON.parse('{"__proto__": {"polluted": true}, "b": 1}'),
    { 2: 'two', 1: 'one', b: 'b', a: 'a', '': 'empty key' },
    { kept: 1, gone: undefined, fn: () => 1, symbol: Symbol('s') },
    [undefined, () => 1, Symbol('s'), 1],
    [1, , 3],
    Object.assign(Object.create(null) as object, { a: 1 }),
    new Date(0),
    { when: new Date(0) },
    { toJSON: () => 'mine' },
    new Thing(),
    new Map([['a', 1]]),
    { boxed: new String('boxed') },
    Object.fromEntries(AWKWARD_STRINGS.map((s, i) => [s, AWKWARD_NUMBERS[i % AWKWARD_NUMBERS.length]])),
    { checks: [{ checkId: 'a', level: 'MUST', outcome: 'pass' }, { checkId: 'a', level: 'MUST', outcome: 'pass', reason: 'r' }] },
    {
      id: 'response-4',
      title: 'line\u2028 4',
      location: 'bench.jsonl:4',
      checks: [
        { checkId: 'json-body', level: 'MUST', outcome: 'pass' },
        { checkId: 'cause-reason-known', level: 'SHOULD', outcome: 'skip', reason: 'no causes ##[x' },
        {
          checkId: 'reason-code-match',
          level: 'MUST',
          outcome: 'fail',
          findings: [
            {
              checkId: 'reason-code-match',
              level: 'MUST',
              pointer: '/reason',
              expected: 409,
              received: [404, { nested: [] }],
              message: 'Received: `\u0000`',
              hint: undefined,
              line: -0,
            },
          ],
        },
      ],
    },
  ];
}

/** Random nested data from the awkward parts (a fixed seed: the same cases every run). */
function randomValues(count: number): unknown[] {
  let seed = 20_260_101;
  const next = (below: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % below;
  };
  const keys = ['checkId', 'level', 'outcome', 'reason', 'findings', '__proto__', '', 'a', '1', ...AWKWARD_STRINGS.slice(0, 6)];
  const value = (depth: number): unknown => {
    switch (next(depth > 4 ? 4 : 7)) {
      case 0:
        return AWKWARD_STRINGS[next(AWKWARD_STRINGS.length)];
      case 1:
        return AWKWARD_NUMBERS[next(AWKWARD_NUMBERS.length)];
      case 2:
        return [true, false, null, undefined][next(4)];
      case 3:
        // A check without findings, or one that only looks like it.
        return Object.fromEntries(['checkId', 'level', 'outcome', 'reason'].slice(0, 2 + next(3)).map((key, i) => [next(8) === 0 ? `${key}x` : key, i === 3 && next(5) === 0 ? 1 : ['a', 'b', 'MUST'][next(3)]]));
      case 4:
      case 5:
        return Array.from({ length: next(4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: next(5) }, () => [keys[next(keys.length)]!, value(depth + 1)]));
    }
  };
  return Array.from({ length: count }, () => value(0));
}

describe('JSON written by the hand-written writer', () => {
  const values = [...awkwardValues(), ...randomValues(3000)];

  it('is the text of JSON.stringify(value, null, 2), made safe, at any indentation', () => {
    for (const indent of ['', '  ', '    ', '        ']) {
      for (const value of values) assert.equal(indentedJson(value, indent), general(value, indent), JSON.stringify(value));
      // Twice: the second time the checks' texts come from the cache.
      for (const value of values) assert.equal(indentedJson(value, indent), general(value, indent), JSON.stringify(value));
    }
  });

  it('is the same text in pieces, opened to any depth', () => {
    for (const depth of [0, 1, 2, 3]) {
      for (const value of values) {
        assert.equal([...jsonChunks(value, depth)].join(''), general(value), JSON.stringify(value));
        assert.equal([...jsonValueChunks(value, depth, '    ')].join(''), general(value, '    '), JSON.stringify(value));
      }
    }
  });

  it('leaves deep data, cycles and bigints to JSON.stringify', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = i % 2 === 0 ? [deep] : { d: deep };
    assert.equal(indentedJson(deep, '  '), general(deep, '  '));
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { cycle };
    assert.throws(() => indentedJson(cycle, ''), TypeError);
    assert.throws(() => indentedJson({ big: 1n }, ''), TypeError);
  });
});
