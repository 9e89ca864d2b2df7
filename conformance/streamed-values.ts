/**
 * The values at one place of a JSON document (a HAR file's `log.entries`, an array's elements), given
 * as the text streams by, each parsed on its own by `JSON.parse`.
 *
 * Hand-written rather than a streaming JSON parser (@streamparser/json read HAR files at 40 MB/s,
 * most of `validate`'s time on a big HAR file): this only finds where each value begins and ends,
 * counting brackets outside strings, and leaves the parsing, and so the checking of every value,
 * to the engine's own JSON.parse, several times faster. What lies on the way to the values (the
 * document's own objects, their keys and punctuation) is checked here, token by token; every other
 * value is cut out and parsed like the wanted ones, so a document with a syntax error anywhere is
 * refused, as JSON.parse would refuse it whole. Memory: the value being cut out, never more, and
 * no more than `valueLimit` of it.
 */
import { InputError } from '../schemas/errors.js';

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd';

interface Frame {
  kind: 'object' | 'array';
  expect: Expect;
  /** How many members of the path lead here: the root is 0. */
  depth: number;
  /** The member whose value comes next (objects). */
  key: string | undefined;
  /** Its elements are the values wanted. */
  wanted: boolean;
  /** Values met in it so far. */
  count: number;
}

/** What a value being cut out is for. */
type Role = 'wanted' | 'skipped' | 'key';

interface Cut {
  role: Role;
  kind: 'container' | 'string' | 'scalar';
  /** Text of the value from earlier lines (or parts of a line). */
  pieces: string[];
  /** Characters in `pieces`. */
  held: number;
  /** Longer than the limit: its text is let go and no longer kept, only its end looked for. */
  dropped: boolean;
  /** Where the value's text starts in the line being read (0 when it began on an earlier one). */
  start: number;
  depth: number;
  inString: boolean;
  /** The string goes on in the next part, whose first character a backslash at the end of this one escapes. */
  escaped: boolean;
  /** The line the value starts on (errors inside it are counted from there). */
  line: number;
  /** Its index, for a wanted value. */
  index: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
/**
 * The index of the quote that ends a string, searching from `from`; -1 when the text ends first. A quote after an odd number of backslashes is
 * part of the string. indexOf rather than a loop over every character: bodies recorded as HAR text
 * are long strings.
 */
function stringEnd(text: string, from: number, escaped: boolean): number {
  let i = escaped ? from + 1 : from;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (quote - backslashes - 1 >= i && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

/** Whether text searched from `from` inside a string ends on a backslash that escapes what follows (the next part's first character). */
function endsEscaping(text: string, from: number): boolean {
  let backslashes = 0;
  while (text.length - backslashes - 1 >= from && text.charCodeAt(text.length - backslashes - 1) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** What ends a number or a literal. */
const endsScalar = (c: number): boolean => isSpace(c) || c === 44 || c === CLOSE_BRACE || c === CLOSE_BRACKET;

export interface StreamedValuesOptions {
  /** The members leading to the array whose elements are wanted: `['log', 'entries']`; `[]`: the document is that array. */
  path: readonly string[];
  /** Where errors are said to be: the file, `:line` added. */
  source: string;
  /** A wanted value, parsed. */
  onValue(value: unknown, index: number): void;
  /**
   * The longest value cut out, in characters. A longer one is let go as it is read: a wanted one is
   * given to `onOversized`, any other passed over, its brackets counted but its text not checked.
   */
  valueLimit: number;
  /** A wanted value longer than `valueLimit`, never parsed. */
  onOversized(index: number): void;
  /** The value at the end of the path is there but is no array (a HAR file's `entries` an object). */
  notAnArray(): InputError;
}

export class StreamedValues {
  private readonly stack: Frame[] = [];
  private cut: Cut | undefined;
  private started = false;
  private ended = false;
  private line = 0;
  /** Part of the current line has been written, and more of it is to come. */
  private midLine = false;

  constructor(private readonly options: StreamedValuesOptions) {}

  /** One line of the document, its line break given back. */
  writeLine(line: string): void {
    this.writePart(line);
    this.endLine();
  }

  /**
   * Part of a line, more of which follows (a document on one line arrives in many parts): only the
   * value being cut out is held, never the line.
   */
  writePart(text: string): void {
    if (!this.midLine) {
      this.line++;
      this.midLine = true;
    }
    if (this.cut) this.cut.start = 0;
    this.scan(text);
    // The value goes on past this text: its part of it is kept.
    if (this.cut) this.keep(text.slice(this.cut.start));
  }

  /** Part of the value being cut out, kept until its end, unless the value has grown past the limit. */
  private keep(piece: string): void {
    const cut = this.cut!;
    if (cut.dropped) return;
    cut.held += piece.length;
    if (cut.held <= this.options.valueLimit) cut.pieces.push(piece);
    else {
      cut.dropped = true;
      cut.pieces = [];
    }
  }

  /** The end of the line: its line break ends a number or a literal, and stays in any other value, so that JSON.parse's positions count lines. */
  endLine(): void {
    this.midLine = false;
    const cut = this.cut;
    if (cut?.kind === 'scalar') this.finishCut(cut.dropped ? undefined : cut.pieces.join(''));
    else if (cut) this.keep('\n');
  }

  /** The input is over: an incomplete document is an InputError at its last line. */
  end(): void {
    if (!this.ended) throw this.error(this.started ? 'unexpected end of the document' : 'no JSON value');
  }

  private error(message: string, line = this.line): InputError {
    return new InputError(`invalid JSON: ${message}`, `${this.options.source}:${line}`);
  }

  private scan(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.cut) {
        i = this.continueCut(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      i = this.structure(text, i, c);
    }
  }

  /** A character where the document's own structure goes on: punctuation, a key, or a value's start. */
  private structure(text: string, i: number, c: number): number {
    const frame = this.stack.at(-1);
    if (!frame) {
      if (this.started) throw this.error('unexpected text after the end of the document');
      this.started = true;
      return this.valueStart(text, i, c, undefined);
    }
    switch (frame.expect) {
      case 'keyOrEnd':
      case 'key':
        if (c === CLOSE_BRACE && frame.expect === 'keyOrEnd') return this.close(i);
        if (c !== QUOTE) throw this.unexpected(c, 'a member name');
        this.startCut('key', 'string', text, i);
        return i + 1;
      case 'colon':
        if (c !== 58) throw this.unexpected(c, '":"');
        frame.expect = 'value';
        return i + 1;
      case 'valueOrEnd':
      case 'value':
        if (c === CLOSE_BRACKET && frame.expect === 'valueOrEnd') return this.close(i);
        return this.valueStart(text, i, c, frame);
      case 'commaOrEnd':
        if (c === 44) {
          frame.expect = frame.kind === 'object' ? 'key' : 'value';
          return i + 1;
        }
        if ((c === CLOSE_BRACE && frame.kind === 'object') || (c === CLOSE_BRACKET && frame.kind === 'array')) return this.close(i);
        throw this.unexpected(c, frame.kind === 'object' ? '"," or "}"' : '"," or "]"');
    }
  }

  private unexpected(c: number, wanted: string): InputError {
    return this.error(`unexpected ${JSON.stringify(String.fromCharCode(c))} where ${wanted} should be`);
  }

  /** A value starts in `frame` (undefined: the document itself): a container on the path is entered, any other value cut out. */
  private valueStart(text: string, i: number, c: number, frame: Frame | undefined): number {
    const { path } = this.options;
    const onPath = !frame ? 0 : !frame.wanted && frame.kind === 'object' && frame.key === path[frame.depth] ? frame.depth + 1 : undefined;
    if (onPath !== undefined && onPath < path.length && c === OPEN_BRACE) return this.open('object', onPath, false, i);
    if (onPath !== undefined && onPath === path.length) {
      if (c === OPEN_BRACKET) return this.open('array', onPath, true, i);
      if (c === OPEN_BRACE && frame) throw this.options.notAnArray();
    }
    const role: Role = frame?.wanted ? 'wanted' : 'skipped';
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.startCut(role, 'container', text, i);
    else if (c === QUOTE) this.startCut(role, 'string', text, i);
    else this.startCut(role, 'scalar', text, i);
    return this.cut!.kind === 'scalar' ? i : i + 1;
  }

  private open(kind: 'object' | 'array', depth: number, wanted: boolean, i: number): number {
    this.stack.push({ kind, expect: kind === 'object' ? 'keyOrEnd' : 'valueOrEnd', depth, key: undefined, wanted, count: 0 });
    return i + 1;
  }

  private close(i: number): number {
    this.stack.pop();
    this.valueDone();
    return i + 1;
  }

  /** A value of the current frame is complete. */
  private valueDone(): void {
    const frame = this.stack.at(-1);
    if (!frame) {
      this.ended = true;
      return;
    }
    frame.expect = 'commaOrEnd';
    frame.count++;
  }

  private startCut(role: Role, kind: Cut['kind'], text: string, i: number): void {
    const frame = this.stack.at(-1);
    this.cut = {
      role,
      kind,
      pieces: [],
      held: 0,
      dropped: false,
      start: i,
      depth: kind === 'container' ? 1 : 0,
      inString: kind === 'string',
      escaped: false,
      line: this.line,
      index: frame?.count ?? 0,
    };
  }

  /** The cut's text in `text` up to `end` (excluded), after what earlier lines gave; undefined when it is over the limit. */
  private cutText(text: string, end: number): string | undefined {
    const cut = this.cut!;
    if (cut.dropped || cut.held + end - cut.start > this.options.valueLimit) return undefined;
    const part = text.slice(cut.start, end);
    return cut.pieces.length === 0 ? part : cut.pieces.join('') + part;
  }

  /** Scan on through the value being cut out; the index after what was taken. */
  private continueCut(text: string, from: number): number {
    const cut = this.cut!;
    if (cut.kind === 'scalar') {
      let i = from;
      while (i < text.length && !endsScalar(text.charCodeAt(i))) i++;
      if (i === text.length) return i;
      this.finishCut(this.cutText(text, i));
      return i;
    }
    let { depth, inString, escaped } = cut;
    let i = from;
    while (i < text.length) {
      if (inString) {
        const end = stringEnd(text, i, escaped);
        if (end < 0) {
          // The string goes on in the next part of the line (a string does not go on past its line in
          // JSON: if it does, the value holds a raw line break, which JSON.parse refuses).
          escaped = endsEscaping(text, escaped ? i + 1 : i);
          i = text.length;
          break;
        }
        escaped = false;
        inString = false;
        i = end + 1;
        if (depth === 0) break;
        continue;
      }
      const c = text.charCodeAt(i++);
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) break;
    }
    if (depth > 0 || inString) {
      Object.assign(cut, { depth, inString, escaped });
      return i;
    }
    this.finishCut(this.cutText(text, i));
    return i;
  }

  /** The value cut out, parsed: a member name noted, a wanted value handed on, any other one only checked. Undefined: over the limit. */
  private finishCut(text: string | undefined): void {
    const cut = this.cut!;
    this.cut = undefined;
    if (text === undefined) {
      if (cut.role === 'key') throw this.error(`a member name longer than ${this.options.valueLimit} characters`, cut.line);
      if (cut.role === 'wanted') this.options.onOversized(cut.index);
      this.valueDone();
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw this.parseError(text, cut.line, (error as Error).message);
    }
    const frame = this.stack.at(-1);
    if (cut.role === 'key') {
      frame!.key = value as string;
      frame!.expect = 'colon';
      return;
    }
    if (cut.role === 'wanted') this.options.onValue(value, cut.index);
    this.valueDone();
  }

  /** JSON.parse's complaint about a value, at the line in the document where it is. */
  private parseError(text: string, startLine: number, message: string): InputError {
    const position = /position (\d+)/.exec(message);
    const linesBefore = position ? text.slice(0, Number(position[1])).split('\n').length - 1 : text.trimEnd().split('\n').length - 1;
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');
    return this.error(reason, startLine + linesBefore);
  }
}
