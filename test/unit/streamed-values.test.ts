/**
 * StreamedValues finds the values at a place of a JSON document as the text streams by, and leaves
 * their parsing to JSON.parse (issue #22: a HAR file of a million entries). It must give what
 * JSON.parse of the whole text gives, and refuse what JSON.parse refuses, however the lines come.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamedValues } from '../../conformance/streamed-values.js';
import { InputError } from '../../schemas/errors.js';

const NOT_AN_ARRAY = 'entries is no array';
const OVERSIZED = 'over the limit';

/** The values at `path`, the text fed line by line, each line whole or in parts of `partSize`; an InputError as thrown. */
function streamed(text: string, path: readonly string[] = ['log', 'entries'], partSize?: number, valueLimit = Infinity): unknown[] {
  const values: unknown[] = [];
  const parser = new StreamedValues({
    path,
    source: 'in.har',
    valueLimit,
    onValue: (value, index) => values.push([index, value]),
    onOversized: (index) => values.push([index, OVERSIZED]),
    notAnArray: () => new InputError(NOT_AN_ARRAY, 'in.har'),
  });
  for (const line of text.split('\n')) {
    if (partSize === undefined) parser.writeLine(line);
    else {
      // A line in parts, as a document on one long line arrives: escapes, strings and numbers cut between parts.
      for (let at = 0; at < line.length; at += partSize) parser.writePart(line.slice(at, at + partSize));
      parser.endLine();
    }
  }
  parser.end();
  return values;
}

/** What JSON.parse of the whole text says is at the path: its elements, or undefined when there is no array there. */
function whole(text: string, path: readonly string[]): unknown[] | undefined {
  let value = JSON.parse(text) as unknown;
  for (const key of path) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value.map((element, index) => [index, element]) : undefined;
}

const entry = (i: number): unknown => ({
  request: { method: 'GET', url: `https://x/${i}?q=[{"a"}]` },
  response: { status: 404, content: { text: `{"kind":"Status","message":"say \\"hi\\" ]}"}` } },
  n: [i, -1.5e3, true, null],
});
const har = { log: {
  version: '1.2',
  creator: { name: 'x', version: '1' },
  pages: [{ id: 'p', entries: ['not these'] }],
  entries: [entry(0), entry(1), entry(2)],
  comment: 'after',
} };

const documents: Record<string, { text: string; path?: string[] }> = {
  'a HAR file on one line': { text: JSON.stringify(har) },
  'a HAR file pretty-printed': { text: JSON.stringify(har, null, 2) },
  'a HAR file with tabs and CRLF-free blank lines': { text: JSON.stringify(har, null, '\t').replaceAll('\n', '\n\n') },
  'keys written with escapes': { text: JSON.stringify(har).replace('"entries":[{', '"entr\\u0069es":[{') },
  'entries before log members, log after other members': { text: JSON.stringify({ version: 1, log: { entries: [entry(7)], creator: {} }, z: [[]] }) },
  'an empty entries array': { text: '{"log":{"entries":[]}}' },
  'no log at all': { text: '{"other":{"entries":[1]}}' },
  'log that is no object': { text: '{"log":[{"entries":[1]}]}' },
  'an array of bodies': { text: JSON.stringify([{ code: 404 }, 'text', 12, null, [1, [2]], { a: '}' }], null, 1), path: [] },
};

const broken: Record<string, string> = {
  'a trailing comma': '{"log":{"entries":[{"a":1},]}}',
  'a missing colon': '{"log" {"entries":[]}}',
  'a bad literal in an entry': '{"log":{"entries":[{"a":tru}]}}',
  'a bad literal outside the entries': '{"log":{"version":nul,"entries":[{"a":1}]}}',
  'a bad number outside the entries': '{"log":{"version":01,"entries":[{"a":1}]}}',
  'an unclosed string': '{"log":{"entries":[{"a":"b}]}}',
  'a document cut short': '{"log":{"entries":[{"a":1}',
  'text after the end': '{"log":{"entries":[{"a":1}]}} {}',
  'a raw line break in a string': '{"log":{"entries":[{"a":"b\nc"}]}}',
  'a bracket that does not match': '{"log":{"entries":[{"a":1}}}',
};

describe('StreamedValues', () => {
  for (const [name, { text, path = ['log', 'entries'] }] of Object.entries(documents)) {
    it(`${name}: the values JSON.parse finds there, lines whole or in parts`, () => {
      for (const partSize of [undefined, 1, 2, 3, 5, 64]) assert.deepEqual(streamed(text, path, partSize), whole(text, path) ?? [], `parts of ${partSize}`);
    });
  }

  for (const [name, text] of Object.entries(broken)) {
    it(`${name}: refused, as JSON.parse refuses it`, () => {
      assert.throws(() => JSON.parse(text));
      for (const partSize of [undefined, 1, 4]) {
        assert.throws(() => streamed(text, undefined, partSize), (error: unknown) => error instanceof InputError && /^invalid JSON: /.test(error.message) && /^in\.har:\d+$/.test(error.where ?? ''));
      }
    });
  }

  it('an entries member that is an object is said to be no array', () => {
    assert.throws(() => streamed('{"log":{"entries":{"a":{}}}}'), (error: unknown) => error instanceof InputError && error.message === NOT_AN_ARRAY);
  });

  it('an error inside a value names the line it is on', () => {
    const text = JSON.stringify(har, null, 2).replace('"status": 404', '"status": 4x04');
    const line = text.split('\n').findIndex((l) => l.includes('4x04')) + 1;
    assert.throws(() => streamed(text), (error: unknown) => error instanceof InputError && error.where === `in.har:${line}`);
  });

  it('a value longer than the limit is let go, never parsed: a wanted one said to be over it, where it is', () => {
    // Entries of 20, 21 and 22 characters as JSON.stringify writes them; the others are under 20.
    const entries = [{ a: 1 }, { a: 'x'.repeat(12) }, { a: 'x'.repeat(13) }, 'y'.repeat(20), [1, 2]];
    const lengths = entries.map((e) => JSON.stringify(e).length);
    assert.deepEqual(lengths, [7, 20, 21, 22, 5]);
    const text = JSON.stringify({ log: { creator: { name: 'z'.repeat(40) }, entries } });
    for (const partSize of [undefined, 1, 3, 64]) {
      assert.deepEqual(
        streamed(text, undefined, partSize, 20),
        [[0, { a: 1 }], [1, { a: 'x'.repeat(12) }], [2, OVERSIZED], [3, OVERSIZED], [4, [1, 2]]],
        `parts of ${partSize}`,
      );
    }
    // Over several lines, their line breaks counted too.
    const pretty = JSON.stringify({ log: { entries: [{ a: 1, b: 2 }, { c: 3 }] } }, null, 2);
    const second = pretty.slice(pretty.lastIndexOf('{'), pretty.indexOf('}') + pretty.slice(pretty.indexOf('}') + 1).indexOf('}') + 2);
    assert.equal(second.length, 24, second);
    assert.deepEqual(streamed(pretty, undefined, undefined, 24), [[0, OVERSIZED], [1, { c: 3 }]]);
    assert.deepEqual(streamed(pretty, undefined, undefined, 23), [[0, OVERSIZED], [1, OVERSIZED]]);
  });

  it('a member name longer than the limit is an InputError at its line', () => {
    assert.throws(() => streamed(`{"log":\n{"${'k'.repeat(30)}":1,"entries":[]}}`, undefined, undefined, 20), (error: unknown) => error instanceof InputError && error.where === 'in.har:2');
  });

  it('every one-character change: refused exactly when JSON.parse refuses it, else the same values', () => {
    const text = JSON.stringify({ log: { v: [1, 'a'], entries: [{ a: 'x"y', b: [true, null, -2] }, 3, 'z'] } }, null, 1);
    for (let at = 0; at < text.length; at++) {
      for (const replacement of ['', ' ', '"', '{', '}', '[', ']', ',', ':', '1', 'x', '\\']) {
        const changed = text.slice(0, at) + replacement + text.slice(at + 1);
        let expected: unknown[] | undefined | 'refused';
        try {
          expected = whole(changed, ['log', 'entries']);
        } catch {
          expected = 'refused';
        }
        let actual: unknown[] | 'refused' | 'no array';
        try {
          actual = streamed(changed);
        } catch (error) {
          actual = error instanceof InputError && error.message === NOT_AN_ARRAY ? 'no array' : 'refused';
        }
        const where = `${JSON.stringify(replacement)} at ${at}: ${changed}`;
        // Refused either way: a bad `entries` may be said before a syntax error after it.
        if (expected === 'refused') assert.ok(actual === 'refused' || actual === 'no array', where);
        else if (expected === undefined) assert.ok(actual === 'no array' || (Array.isArray(actual) && actual.length === 0), where);
        else assert.deepEqual(actual, expected, where);
      }
    }
  });
});
