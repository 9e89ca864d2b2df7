/**
 * The files `statuslint validate` reads, as streams: a response is judged as soon as it has been read,
 * and no file is ever held whole, however large (JSON Lines line by line, a HAR file entry by entry).
 */
import { addAbortSignal, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../schemas/errors.js';
import { StreamedValues } from './streamed-values.js';
import { arrayElementResponse, checkGivenStatus, harEntryResponse, jsonLineResponse, notHar, oversizedResponse, parseRecorded, type RecordedResponse } from './recorded.js';

/**
 * A document that is not JSON Lines is read whole up to this size, so its errors carry the exact
 * line and column JSON.parse gives; a larger one must be a HAR file or a JSON array (no single
 * recorded body is that large), and is parsed as it streams, its errors naming the line. Small, so
 * that what is held before streaming stays far below the memory a run may use.
 */
export const WHOLE_DOCUMENT_LIMIT = 8 * 1024 * 1024;

/**
 * The longest response `validate` judges, in characters: one line of JSON Lines, one entry of a HAR
 * file or one element of an array. A longer one is a response too large to judge, its text thrown
 * away as it is read: JSON.parse needs the text whole and several times its size besides, and V8's
 * strings stop at 512 MiB, so a line of gigabytes would take all the memory and then fail. Error
 * bodies are kilobytes; this leaves room for big recorded lists.
 */
export const RESPONSE_LIMIT = 64 * 1024 * 1024;

/** Where the responses of a large document are, by its first character. */
const STREAMED_PATHS: Readonly<Record<string, readonly string[]>> = { '{': ['log', 'entries'], '[': [] };

const parses = (line: string): boolean => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

/** A HAR file's entries, or an array's elements, as the text arrives (see StreamedValues). */
class StreamedDocument {
  private readonly values: StreamedValues;
  private readonly pending: RecordedResponse[] = [];
  private count = 0;

  constructor(
    private readonly kind: '{' | '[',
    private readonly source: string,
    httpStatus: number | undefined,
    valueLimit: number,
  ) {
    this.values = new StreamedValues({
      path: STREAMED_PATHS[kind]!,
      source,
      valueLimit,
      onValue: (value, index) => {
        this.pending.push(kind === '{' ? harEntryResponse(value, index, source) : arrayElementResponse(value, index, source, httpStatus));
        this.count++;
      },
      onOversized: (index) => {
        this.pending.push(kind === '{' ? oversizedResponse(`${source}#${index + 1}`, `entry ${index + 1}`, valueLimit) : oversizedResponse(`${source}[${index}]`, `element ${index}`, valueLimit));
        this.count++;
      },
      notAnArray: () => notHar(source),
    });
  }

  /** Feed one line, or the last part of a line given in parts; the responses it completed. */
  write(line: string): RecordedResponse[] {
    this.values.writeLine(line);
    return this.pending.splice(0);
  }

  /** Feed part of a line, more of which follows; the responses it completed. */
  writePart(text: string): RecordedResponse[] {
    this.values.writePart(text);
    return this.pending.splice(0);
  }

  /** The end of the input: what remains, or an InputError if the document is not complete or not a HAR file. */
  end(): RecordedResponse[] {
    this.values.end();
    if (this.kind === '{' && this.count === 0) throw notHar(this.source);
    return this.pending.splice(0);
  }
}

/** A read error of the input as one line naming it, like the errors of a file read whole. */
function readError(error: unknown, source: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (source === '<stdin>') return new InputError(`cannot read standard input (${code})`, '-');
  return new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, source);
}

/**
 * An input's lines as its chunks arrive: split at `\n`, a `\r` before it dropped, as `readline` does
 * with `crlfDelay: Infinity`. Hand-written rather than `readline`: its async iterator hands over one
 * line per promise, which cost more than judging a response; this hands over a chunk's lines at once.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** The text after the last line break: a line not yet complete. */
  private partial = '';
  /**
   * Its first HEAD_LENGTH characters, kept apart: the partial line is many chunks joined, and taking
   * a prefix of it copies it whole, once a chunk: on a line of hundreds of MiB, without end.
   */
  private head = '';
  /** The incomplete line is being dropped: its text up to the next line break is thrown away, not held. */
  private dropping = false;

  /** The lines a chunk completes. Only the new chunk is searched: a long line is not scanned again and again. */
  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const firstBreak = text.indexOf('\n');
    if (firstBreak < 0) {
      if (!this.dropping) this.grow(text);
      return [];
    }
    const lines = text.slice(firstBreak + 1).split('\n');
    // The line a dropped one ends is not given: its reader was told when it was dropped.
    if (!this.dropping) lines.unshift(this.partial + text.slice(0, firstBreak));
    this.dropping = false;
    this.partial = lines.pop()!;
    this.head = this.partial.slice(0, HEAD_LENGTH);
    for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
    return lines;
  }

  private grow(text: string): void {
    if (this.head.length < HEAD_LENGTH) this.head += text.slice(0, HEAD_LENGTH - this.head.length);
    this.partial += text;
  }

  /** The first characters (HEAD_LENGTH at most) of the incomplete line so far. */
  partialStart(): string {
    return this.head;
  }

  /** How long the incomplete line is so far, in characters. */
  get partialLength(): number {
    return this.partial.length;
  }

  /**
   * The incomplete line so far, when it is at least `atLeast` characters: taken, so that a document on
   * one line is handed on in parts rather than held whole. The line's next part starts the next line given.
   */
  takePartial(atLeast: number): string | undefined {
    if (this.partial.length < atLeast || this.partial === '') return undefined;
    const part = this.partial;
    this.partial = '';
    this.head = '';
    return part;
  }

  /** Throw away the incomplete line, and the rest of it as it comes: it is never given. */
  dropPartial(): void {
    this.partial = '';
    this.head = '';
    this.dropping = true;
  }

  /** The last line, when the input does not end with a line break. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    const dropped = this.dropping;
    this.partial = '';
    this.head = '';
    this.dropping = false;
    return rest === '' || dropped ? [] : [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}

/** Characters of a long line enough to tell a HAR file or a JSON array from one response. */
const HEAD_LENGTH = 256;

/**
 * One input's lines turned into recorded responses: JSON Lines (told apart by a first line that is
 * JSON on its own, and a second), a HAR file, a JSON array of bodies, or one body. Bad input is an
 * InputError naming the source and the line, as `parseRecorded` gives for the same text.
 */
class RecordedReader {
  private index = -1;
  /** The first line that is JSON on its own, held until a second line says this is JSON Lines. */
  private firstLine: { text: string; index: number } | undefined;
  private jsonLines = false;
  /** A document's lines, while it is small enough to be read whole. */
  private buffered: string[] | undefined;
  private bufferedLength = 0;
  private streamed: StreamedDocument | undefined;
  /** Part of the current line was handed on (a long line of a document), and more of it is to come: the rest goes on in parts, whatever their size. */
  midLine = false;

  constructor(
    private readonly source: string,
    private readonly httpStatus: number | undefined,
    private readonly wholeDocumentLimit: number,
    private readonly responseLimit: number,
  ) {}

  /**
   * The line being read holds one response and is longer than the limit (takesParts said it is no
   * document's): it is a response set apart, and the input JSON Lines from here on, as a second line
   * would make it. Its text is dropped by the splitter; only its place is counted.
   */
  *oversizedLine(): Generator<RecordedResponse> {
    const index = ++this.index;
    if (this.firstLine) yield jsonLineResponse(this.firstLine.text, this.firstLine.index, this.source, this.httpStatus);
    this.firstLine = undefined;
    this.jsonLines = true;
    yield oversizedResponse(`${this.source}:${index + 1}`, `line ${index + 1}`, this.responseLimit);
  }

  /**
   * Whether the long line being read may be handed on in parts: a line of a document, never of JSON
   * Lines, whose lines are one response each and are read whole. A first line is a document's when it
   * opens one that can be streamed (a HAR file, a JSON array): any other object on a line of its own is
   * one response, the first of JSON Lines or the only one.
   */
  takesParts(lineStart: () => string): boolean {
    if (this.jsonLines || this.firstLine !== undefined) return false;
    return this.midLine || this.buffered !== undefined || opensStreamedDocument(lineStart());
  }

  /** Whether a whole line is one response, as takesParts would say of it while incomplete. */
  private holdsResponse(line: string): boolean {
    return !this.takesParts(() => line.slice(0, HEAD_LENGTH));
  }

  /** The responses part of a long line completes (more of the line follows): the document is streamed from here on. */
  *part(text: string): Generator<RecordedResponse> {
    if (!this.midLine) {
      this.midLine = true;
      const index = ++this.index;
      // Lines before the first are blank: kept, so that positions in errors count them.
      if (!this.buffered) this.buffered = Array.from({ length: index }, () => '');
      if (!this.streamed) yield* this.startStreaming(text);
    }
    yield* this.streamed!.writePart(text);
  }

  /** The responses one line completes, in order, made one by one as they are taken. */
  *line(line: string): Generator<RecordedResponse> {
    if (this.midLine) {
      this.midLine = false;
      yield* this.streamed!.write(line);
      return;
    }
    if (line.length > this.responseLimit && this.holdsResponse(line)) {
      yield* this.oversizedLine();
      return;
    }
    const index = ++this.index;
    if (this.jsonLines) {
      if (line.trim() !== '') yield jsonLineResponse(line, index, this.source, this.httpStatus);
    } else if (this.streamed) {
      yield* this.streamed.write(line);
    } else if (this.buffered) {
      this.buffered.push(line);
      this.bufferedLength += line.length + 1;
      if (this.bufferedLength > this.wholeDocumentLimit) yield* this.startStreaming();
    } else if (line.trim() === '') {
      return;
    } else if (this.firstLine) {
      this.jsonLines = true;
      yield jsonLineResponse(this.firstLine.text, this.firstLine.index, this.source, this.httpStatus);
      yield jsonLineResponse(line, index, this.source, this.httpStatus);
    } else if (parses(line)) {
      this.firstLine = { text: line, index };
    } else {
      // Lines before the first are blank: kept, so that positions in errors count them.
      this.buffered = [...Array.from({ length: index }, () => ''), line];
      this.bufferedLength = line.length + index + 1;
    }
  }

  /** The document is too large to read whole: streamed from its first line on, the lines held handed on first. */
  private *startStreaming(firstPart?: string): Generator<RecordedResponse> {
    const held = this.buffered!.splice(0);
    this.streamed = streamedDocument(firstPart === undefined ? held : [...held, firstPart], this.source, this.httpStatus, this.wholeDocumentLimit, this.responseLimit);
    // Line by line: the responses of the lines held are made as they are taken, not all at once.
    for (let i = 0; i < held.length; i++) {
      const text = held[i]!;
      held[i] = ''; // let go as it is read: the lines are not held while their responses are judged
      yield* this.streamed.write(text);
    }
  }

  /** The end of the input: the responses of what was held. */
  end(): RecordedResponse[] {
    if (this.jsonLines) return [];
    if (this.streamed) return this.streamed.end();
    // One line of JSON, or a document small enough to read whole: exactly as `parseRecorded` reads it.
    return parseRecorded(this.firstLine ? this.firstLine.text : (this.buffered ?? []).join('\n'), this.source, this.httpStatus);
  }
}

/**
 * Responses handed on together at most: a 64 KiB chunk holds a few hundred, and a document read whole
 * (or the lines held before a HAR file is streamed) is handed on in as many batches, so that no more
 * than this many judged responses are ever held at once.
 */
export const BATCH_SIZE = 1000;

export interface ReadOptions {
  /** A document that is not JSON Lines is read whole up to this many characters (tests make it small). */
  wholeDocumentLimit?: number;
  /**
   * A line of a document longer than this (a HAR file on one line) is handed on in parts, the document
   * streamed; a first line this long is taken for a document, not JSON Lines. WHOLE_DOCUMENT_LIMIT by default.
   */
  longLineLimit?: number;
  /** One response (a line of JSON Lines, an entry of a HAR file) longer than this many characters is set apart unread. RESPONSE_LIMIT by default. */
  responseLimit?: number;
  /** Stops the reading: what was read until then is all there is. */
  signal?: AbortSignal;
}

/** Whether a line opens a HAR file (`{"log":`, HAR's only member) or a JSON array, which are streamed. */
const opensStreamedDocument = (start: string): boolean => /^\uFEFF?\s*(\[|\{\s*"log"\s*:)/.test(start);

/**
 * The recorded responses of one input, a chunk's worth at a time, as they are read: a response is
 * judged as soon as its chunk has been read, and the input is never held whole (see RecordedReader).
 */
export async function* readRecordedBatches(
  input: Readable,
  source: string,
  httpStatus?: number,
  { wholeDocumentLimit = WHOLE_DOCUMENT_LIMIT, longLineLimit = WHOLE_DOCUMENT_LIMIT, responseLimit = RESPONSE_LIMIT, signal }: ReadOptions = {},
): AsyncGenerator<RecordedResponse[]> {
  checkGivenStatus(httpStatus);
  // Stopped (Ctrl-C): the input is let go, also one that is waiting for more, and the reading ends.
  if (signal) addAbortSignal(signal, input);
  const reader = new RecordedReader(source, httpStatus, wholeDocumentLimit, responseLimit);
  const lines = new LineSplitter();
  const batches = new Batches();
  const chunks = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const chunk = await nextChunk(chunks, source, signal);
      if (chunk === undefined) break;
      for (const line of lines.push(chunk)) for (const response of reader.line(line)) yield* batches.add(response);
      // A document on one long line (a minified HAR file) is handed on in parts past the limit, never held whole.
      if (reader.takesParts(() => lines.partialStart())) {
        const part = lines.takePartial(reader.midLine ? 1 : longLineLimit);
        if (part !== undefined) for (const response of reader.part(part)) yield* batches.add(response);
      } else if (lines.partialLength > responseLimit) {
        // One response on a line of its own, too large to judge: set apart as such, its text never held.
        lines.dropPartial();
        for (const response of reader.oversizedLine()) yield* batches.add(response);
      }
      yield* batches.flush();
    }
    if (signal?.aborted) return;
    for (const line of lines.end()) for (const response of reader.line(line)) yield* batches.add(response);
    for (const response of reader.end()) yield* batches.add(response);
  } catch (error) {
    // The responses before a bad line are handed on first, as they would be one by one.
    yield* batches.flush();
    throw error;
  }
  yield* batches.flush();
}

/** The input's next chunk; undefined at its end, or once stopped; a read error as one line naming the input. */
async function nextChunk(chunks: AsyncIterator<Buffer | string>, source: string, signal: AbortSignal | undefined): Promise<Buffer | string | undefined> {
  try {
    const next = await chunks.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw readError(error, source);
  }
}

/** Responses gathered into batches of at most BATCH_SIZE: a chunk's worth, or less. */
class Batches {
  private batch: RecordedResponse[] = [];

  *add(response: RecordedResponse): Generator<RecordedResponse[]> {
    this.batch.push(response);
    if (this.batch.length >= BATCH_SIZE) yield* this.flush();
  }

  *flush(): Generator<RecordedResponse[]> {
    if (this.batch.length === 0) return;
    const full = this.batch;
    this.batch = [];
    yield full;
  }
}

/** The same, one response at a time. */
export async function* readRecorded(input: Readable, source: string, httpStatus?: number, options: ReadOptions = {}): AsyncGenerator<RecordedResponse> {
  for await (const batch of readRecordedBatches(input, source, httpStatus, options)) yield* batch;
}

function streamedDocument(held: readonly string[], source: string, httpStatus: number | undefined, limit: number, valueLimit: number): StreamedDocument {
  const start = held.find((line) => line.trim() !== '')?.trimStart()[0];
  if (start !== '{' && start !== '[') throw new InputError(`invalid JSON: a document over ${(limit / 1024 / 1024).toFixed(0)} MiB must be a HAR file or a JSON array`, source);
  return new StreamedDocument(start, source, httpStatus, valueLimit);
}
