/**
 * `validate` reads its inputs as streams (issue #22): JSON Lines line by line, a large HAR file entry
 * by entry. Whatever the path, the responses and the input errors are those of reading the text whole
 * (`parseRecorded`). A tiny whole-document limit sends every multi-line document down the streaming
 * parser, so both paths are compared on the same small inputs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { LineSplitter, readRecorded } from '../../conformance/recorded-stream.js';
import { jsonLineResponse, parseRecorded, type RecordedResponse } from '../../conformance/recorded.js';
import { InputError } from '../../schemas/errors.js';
import { fixture } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { statusBody } from '../helpers/status.js';

/** The stream in small pieces, so lines and tokens are cut across chunks as a pipe cuts them. */
const streamOf = (text: string): Readable => Readable.from(text.match(/[^]{1,7}/g) ?? [], { objectMode: false });

async function streamed(text: string, limit?: number, status?: number, longLineLimit?: number): Promise<RecordedResponse[]> {
  const responses: RecordedResponse[] = [];
  const options = { ...(limit === undefined ? {} : { wholeDocumentLimit: limit }), ...(longLineLimit === undefined ? {} : { longLineLimit }) };
  for await (const response of readRecorded(streamOf(text), 'in.json', status, options)) responses.push(response);
  return responses;
}

/** What a person would compare: where each response is, what it is, and what it holds. */
const seen = (responses: readonly RecordedResponse[]): unknown[] =>
  responses.map((r) => ({ location: r.location, label: r.label, status: r.view.status, headers: r.view.headers, body: r.view.body, text: r.view.bodyText, skipped: r.skipped }));

const body = (code: number, reason: string): string => JSON.stringify({ ...statusBody(), code, reason });
const har = readFileSync(fixture('recorded', 'mixed.har'), 'utf8');
const inputs: Record<string, string> = {
  'JSON Lines': `${body(404, 'NotFound')}\n\n${body(409, 'NotFound')}\r\n${body(410, 'Expired')}\n`,
  'one body on one line': `${body(404, 'NotFound')}\n`,
  'a JSON array over several lines': JSON.stringify([JSON.parse(body(404, 'NotFound')), JSON.parse(body(409, 'Conflict'))], null, 2),
  'a HAR file': har,
  'a HAR file on one line': JSON.stringify(JSON.parse(har)),
  'a HAR file after blank lines': `\n\n${har}\n\n`,
};

describe('validate reads its inputs as they stream', () => {
  for (const [name, text] of Object.entries(inputs)) {
    it(`${name}: the responses of reading it whole, read whole or streamed`, async () => {
      const whole = seen(parseRecorded(text, 'in.json', 404));
      assert.ok(whole.length > 0);
      assert.deepEqual(seen(await streamed(text, undefined, 404)), whole);
      assert.deepEqual(seen(await streamed(text, 16, 404)), whole);
    });
  }

  it('a document on one long line is streamed in parts, never held whole: the responses of reading it whole', async () => {
    const oneLine = JSON.stringify(JSON.parse(har));
    const array = JSON.stringify([JSON.parse(body(404, 'NotFound')), JSON.parse(body(409, 'Conflict'))]);
    for (const text of [oneLine, `\n\n${oneLine}\n`, `${oneLine}\r\n`, array, `${JSON.stringify(JSON.parse(har), null, 2).replace('"entries": [', `"entries": ${'['.padEnd(200, ' ')}`)}`]) {
      const whole = seen(parseRecorded(text, 'in.json', 404));
      assert.ok(whole.length > 1);
      assert.deepEqual(seen(await streamed(text, 16, 404, 16)), whole);
    }
  });

  it('JSON Lines whose first line is longer than the long-line limit: one response a line, as read whole', async () => {
    // A response of its own on the first line, larger than a HAR file on one line would be handed on at.
    const long = JSON.stringify({ ...statusBody(), code: 404, reason: 'NotFound', message: 'x'.repeat(64) });
    for (const text of [`${long}\n${body(409, 'Conflict')}\n`, `${long}\n`, `\n${long}\r\n${body(410, 'Expired')}`]) {
      const whole = seen(parseRecorded(text, 'in.json', 404));
      assert.deepEqual(seen(await streamed(text, 16, 404, 16)), whole, text.slice(0, 20));
    }
  });

  it('a line longer than the response limit is a response set apart, never read; the lines around it are judged', async () => {
    const limit = 200;
    const long = JSON.stringify({ ...statusBody(), code: 404, reason: 'NotFound', message: 'x'.repeat(limit) });
    const ok = body(404, 'NotFound');
    const setApart = (location: string, label: string): unknown => ({
      location,
      label,
      status: undefined,
      headers: undefined,
      body: undefined,
      text: undefined,
      skipped: 'too large to judge: over 200 characters, the most statuslint reads of one response',
    });
    const judged = (text: string, at: number): unknown => seen([jsonLineResponse(text, at - 1, 'in.json', 404)])[0];
    const cases: Array<[string, unknown[]]> = [
      [`${ok}\n${long}\n${ok}\n`, [judged(ok, 1), setApart('in.json:2', 'line 2'), judged(ok, 3)]],
      // First or second, before the file is known to be JSON Lines; last, with no line break after it.
      [`${long}\n${ok}\n`, [setApart('in.json:1', 'line 1'), judged(ok, 2)]],
      [`\n${long}\r\n${ok}`, [setApart('in.json:2', 'line 2'), judged(ok, 3)]],
      [`${ok}\n${long}`, [judged(ok, 1), setApart('in.json:2', 'line 2')]],
      [long, [setApart('in.json:1', 'line 1')]],
    ];
    for (const [text, expected] of cases) {
      // In small chunks, the line too long before it ends; in one chunk, a whole line too long.
      for (const input of [streamOf(text), Readable.from([text])]) {
        const responses: RecordedResponse[] = [];
        for await (const response of readRecorded(input, 'in.json', 404, { responseLimit: limit })) responses.push(response);
        assert.deepEqual(seen(responses), expected, text.slice(0, 30));
      }
    }
  });

  it('a HAR entry or array element longer than the response limit is set apart, never read', async () => {
    const entries = (JSON.parse(har) as { log: { entries: Array<{ response: { content: { text?: string } } }> } }).log.entries;
    const big = structuredClone(JSON.parse(har) as { log: { entries: typeof entries } });
    big.log.entries[1]!.response.content.text = 'x'.repeat(20_000);
    for (const text of [JSON.stringify(big, null, 2), JSON.stringify(big)]) {
      const responses: RecordedResponse[] = [];
      for await (const response of readRecorded(streamOf(text), 'in.har', undefined, { wholeDocumentLimit: 16, longLineLimit: 16, responseLimit: 10_000 })) responses.push(response);
      const whole = seen(parseRecorded(har, 'in.har'));
      assert.equal(responses.length, entries.length);
      assert.deepEqual(seen(responses).toSpliced(1, 1), whole.toSpliced(1, 1));
      assert.deepEqual(seen(responses)[1], {
        location: 'in.har#2',
        label: 'entry 2',
        status: undefined,
        headers: undefined,
        body: undefined,
        text: undefined,
        skipped: 'too large to judge: over 10000 characters, the most statuslint reads of one response',
      });
    }
    const array = `[${body(404, 'NotFound')},${JSON.stringify({ ...statusBody(), message: 'y'.repeat(300) })},${body(409, 'Conflict')}]`;
    const responses: RecordedResponse[] = [];
    for await (const response of readRecorded(streamOf(array), 'in.json', 404, { wholeDocumentLimit: 16, longLineLimit: 16, responseLimit: 250 })) responses.push(response);
    assert.deepEqual(responses.map((r) => [r.location, r.label, r.skipped !== undefined]), [['in.json[0]', 'element 0', false], ['in.json[1]', 'element 1', true], ['in.json[2]', 'element 2', false]]);
  });

  it('a document on one long line hands on its entries as they are read, before the line ends', async () => {
    // Read whole, the line would give nothing before its error; streamed, the entries before it come first.
    const broken = `${JSON.stringify(JSON.parse(har)).slice(0, -40)}!!!"}]}}`;
    const before: RecordedResponse[] = [];
    await assert.rejects(async () => {
      for await (const response of readRecorded(streamOf(broken), 'in.json', 404, { wholeDocumentLimit: 16, longLineLimit: 16 })) before.push(response);
    }, InputError);
    assert.ok(before.length >= 2, `${before.length} entries before the error`);
  });

  it('a document on one long line cut short is an InputError at that line', async () => {
    const cut = `\n${JSON.stringify(JSON.parse(har)).slice(0, -40)}`;
    await assert.rejects(streamed(cut, 16, 404, 16), (error: unknown) => error instanceof InputError && error.where === 'in.json:2' && /^invalid JSON/.test(error.message));
  });

  it('one body over several lines is read whole; over the limit, only a HAR file or an array may be that large', async () => {
    const text = JSON.stringify(JSON.parse(body(404, 'NotFound')), null, 2);
    assert.deepEqual(seen(await streamed(text, undefined, 404)), seen(parseRecorded(text, 'in.json', 404)));
    await assert.rejects(streamed(text, 16, 404), (error: unknown) => error instanceof InputError && /not a HAR file/.test(error.message));
  });

  it('a bad line of JSON Lines is the same InputError, at its line and column', async () => {
    const text = `${body(404, 'NotFound')}\n${body(404, 'NotFound')}\n{"kind": x}\n`;
    const expected = (() => {
      try {
        parseRecorded(text, 'in.json');
      } catch (error) {
        return error as InputError;
      }
      throw new Error('parseRecorded took bad JSON Lines');
    })();
    await assert.rejects(streamed(text), (error: unknown) => error instanceof InputError && error.where === expected.where && error.message === expected.message);
    assert.match(expected.where ?? '', /^in\.json:3:\d+$/);
  });

  it('a streamed HAR file cut short is an InputError naming its last line', async () => {
    const cut = har.slice(0, har.lastIndexOf('}', har.length - 10));
    await assert.rejects(streamed(cut, 16), (error: unknown) => error instanceof InputError && error.where === `in.json:${cut.split('\n').length}` && /^invalid JSON/.test(error.message));
  });

  it('a streamed HAR file whose entries are no array, or with text after it, is an InputError', async () => {
    await assert.rejects(streamed('{\n"log": {"entries": {"a": {"response": {}}}}\n}', 16), (error: unknown) => error instanceof InputError && /`\/log\/entries` must be an array/.test(error.message));
    await assert.rejects(streamed('{\n"log": {"entries": []}\n}', 16), (error: unknown) => error instanceof InputError && /`\/log\/entries` must be an array/.test(error.message));
    await assert.rejects(streamed(`${har}\n{}\n`, 16), (error: unknown) => error instanceof InputError && /after the end of the document/.test(error.message));
  });

  it('a streamed malformed entry is the InputError of reading it whole', async () => {
    const text = JSON.stringify({ log: { entries: [{ response: { status: 404 } }, { response: { status: 'x' } }] } }, null, 1);
    await assert.rejects(streamed(text, 16), (error: unknown) => error instanceof InputError && error.where === 'in.json: /log/entries/1');
  });

  it('standard input gives the report of the same file', async () => {
    const text = `${body(404, 'NotFound')}\n${body(409, 'NotFound')}\n`;
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'statuslint-stream-')), 'in.jsonl');
    writeFileSync(file, text);
    const fromFile = await runCli(['validate', file, '--format', 'json']);
    const fromStdin = await runCli(['validate', '-', '--format', 'json'], { input: text });
    assert.equal(fromFile.code, 1);
    assert.equal(fromStdin.code, 1);
    // A finding's fingerprint names its file (`<stdin>` here): everything else is the same.
    const items = (out: string): unknown => (JSON.parse(out, (key, value: unknown) => (key === 'fingerprint' ? undefined : value)) as { items: { checks: unknown }[] }).items.map((item) => item.checks);
    assert.deepEqual(items(fromStdin.stdout), items(fromFile.stdout));
  });
});

describe('the lines of a stream', () => {
  /** The lines LineSplitter gives for `text` cut into `size`-byte chunks (characters cut in two as well). */
  function split(text: string, size: number): string[] {
    const bytes = Buffer.from(text);
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (let at = 0; at < bytes.length; at += size) lines.push(...splitter.push(bytes.subarray(at, at + size)));
    return [...lines, ...splitter.end()];
  }
  /** What reading the text whole gives: lines at `\n`, a `\r` before it dropped. */
  const whole = (text: string): string[] => {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    return text.endsWith('\n') ? lines.slice(0, -1) : lines;
  };

  const texts: Record<string, string> = {
    'line breaks of both kinds, blank lines': 'one\r\ntwo\n\nthree\r\n\r\nfour\n',
    'no line break at the end': 'one\ntwo',
    'characters of several bytes cut between chunks': 'ünïcødé ✓ 🙂\n€€€\n🙂',
    'a line longer than many chunks': `${'x'.repeat(10_000)}\nshort\n${'y'.repeat(5_000)}`,
    'a lone carriage return, kept inside its line': 'a\rb\nc\n',
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`${name}: the lines of reading it whole, whatever the chunks`, () => {
      for (const size of [1, 2, 3, 7, 64, 1 << 16]) assert.deepEqual(split(text, size), whole(text), `chunks of ${size}`);
    });
  }

  it('the start of the incomplete line, across chunks, at most 256 characters', () => {
    const splitter = new LineSplitter();
    splitter.push('done\n{"lo');
    assert.equal(splitter.partialStart(), '{"lo');
    splitter.push('g": ');
    assert.equal(splitter.partialStart(), '{"log": ');
    for (let i = 0; i < 100; i++) splitter.push('0123456789');
    assert.equal(splitter.partialStart(), `{"log": ${'0123456789'.repeat(25)}`.slice(0, 256));
    assert.equal(splitter.partialLength, 1008);
    splitter.push('end\nnext');
    assert.equal(splitter.partialStart(), 'next');
    assert.equal(splitter.takePartial(1), 'next');
    assert.equal(splitter.partialStart(), '');
  });

  it('a dropped line is thrown away to its line break, also as more of it comes, and never given', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('one\ntw'), ['one']);
    splitter.dropPartial();
    assert.equal(splitter.partialLength, 0);
    assert.deepEqual(splitter.push('o, still two'), []);
    assert.equal(splitter.partialLength, 0);
    assert.deepEqual(splitter.push(' and more\r\nthree\nfo'), ['three']);
    assert.equal(splitter.partialStart(), 'fo');
    splitter.dropPartial();
    assert.deepEqual(splitter.end(), []);
  });
});
