/**
 * The files `statuslint validate` reads, as streams: a response is judged as soon as it has been read,
 * and no file is ever held whole, however large (JSON Lines line by line, a HAR file entry by entry).
 */
import { addAbortSignal, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { JSONParser } from '@streamparser/json';
import { InputError } from '../schemas/errors.js';
import { arrayElementResponse, checkGivenStatus, harEntryResponse, jsonLineResponse, notHar, parseRecorded, type RecordedResponse } from './recorded.js';

/**
 * A document that is not JSON Lines is read whole up to this size, so its errors carry the exact
 * line and column JSON.parse gives; a larger one must be a HAR file or a JSON array (no single
 * recorded body is that large), and is parsed as it streams.
 */
export const WHOLE_DOCUMENT_LIMIT = 64 * 1024 * 1024;

/** What a streaming parse of a large document picks out, by its first character. */
const STREAMED_PATHS: Readonly<Record<string, string>> = { '{': '$.log.entries.*', '[': '$.*' };

const parses = (line: string): boolean => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

/**
 * Parses a HAR file's entries, or an array's elements, as the text arrives. The parser keeps only
 * the value being built, never the entries already handed on (`keepStack: false`).
 */
class StreamedDocument {
  private readonly parser: JSONParser;
  private readonly pending: RecordedResponse[] = [];
  private failure: Error | undefined;
  private count = 0;
  private line = 0;

  constructor(
    private readonly kind: '{' | '[',
    private readonly source: string,
    private readonly httpStatus: number | undefined,
  ) {
    this.parser = new JSONParser({ paths: [STREAMED_PATHS[kind]!], keepStack: false });
    this.parser.onValue = ({ value, key }) => {
      // `$.log.entries.*` also matches the members of an `entries` that is an object, not an array.
      if (typeof key !== 'number') throw notHar(this.source);
      this.pending.push(kind === '{' ? harEntryResponse(value, key, this.source) : arrayElementResponse(value, key, this.source, this.httpStatus));
      this.count++;
    };
    this.parser.onError = (error) => {
      this.failure ??= error;
    };
  }

  /** Feed one line (its line break is given back); the responses it completed. */
  write(line: string): RecordedResponse[] {
    this.line++;
    // The parser ends itself with the document's last character: only white space may follow it.
    if (this.parser.isEnded) {
      if (line.trim() !== '') throw new InputError('invalid JSON: unexpected text after the end of the document', `${this.source}:${this.line}`);
      return [];
    }
    this.guard(() => {
      this.parser.write(line);
      if (!this.parser.isEnded) this.parser.write('\n');
    });
    return this.pending.splice(0);
  }

  /** The end of the input: what remains, or an InputError if the document is not complete or not a HAR file. */
  end(): RecordedResponse[] {
    this.guard(() => {
      if (!this.parser.isEnded) this.parser.end();
    });
    if (this.kind === '{' && this.count === 0) throw notHar(this.source);
    return this.pending.splice(0);
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof InputError) throw error;
      this.failure ??= error as Error;
    }
    if (this.failure instanceof InputError) throw this.failure;
    if (this.failure) {
      // The parser's own message counts positions in characters from the start: a line is more use.
      const message = this.failure.message.replace(/ at chunk position .*? in state/, ' in state').replace(/^Unexpected/, 'unexpected');
      throw new InputError(`invalid JSON: ${message}`, `${this.source}:${this.line}`);
    }
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

  /** The lines a chunk completes. Only the new chunk is searched: a long line is not scanned again and again. */
  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const firstBreak = text.indexOf('\n');
    if (firstBreak < 0) {
      this.partial += text;
      return [];
    }
    const lines = text.slice(firstBreak + 1).split('\n');
    lines.unshift(this.partial + text.slice(0, firstBreak));
    this.partial = lines.pop()!;
    for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
    return lines;
  }

  /** The last line, when the input does not end with a line break. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? [] : [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}

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
  /** An error met part-way through some lines: given once the responses before it are handed on. */
  failure: unknown;

  constructor(
    private readonly source: string,
    private readonly httpStatus: number | undefined,
    private readonly wholeDocumentLimit: number,
  ) {}

  /** The responses some lines complete, in order; on bad input, those before it, with `failure` set. */
  lines(lines: readonly string[]): RecordedResponse[] {
    const responses: RecordedResponse[] = [];
    try {
      for (const line of lines) this.line(line, responses);
    } catch (error) {
      this.failure = error;
    }
    return responses;
  }

  private line(line: string, responses: RecordedResponse[]): void {
    const index = ++this.index;
    if (this.jsonLines) {
      if (line.trim() !== '') responses.push(jsonLineResponse(line, index, this.source, this.httpStatus));
    } else if (this.streamed) {
      responses.push(...this.streamed.write(line));
    } else if (this.buffered) {
      this.buffered.push(line);
      this.bufferedLength += line.length + 1;
      if (this.bufferedLength > this.wholeDocumentLimit) {
        this.streamed = streamedDocument(this.buffered, this.source, this.httpStatus, this.wholeDocumentLimit);
        for (const held of this.buffered.splice(0)) responses.push(...this.streamed.write(held));
      }
    } else if (line.trim() === '') {
      return;
    } else if (this.firstLine) {
      this.jsonLines = true;
      responses.push(jsonLineResponse(this.firstLine.text, this.firstLine.index, this.source, this.httpStatus));
      responses.push(jsonLineResponse(line, index, this.source, this.httpStatus));
    } else if (parses(line)) {
      this.firstLine = { text: line, index };
    } else {
      // Lines before the first are blank: kept, so that positions in errors count them.
      this.buffered = [...Array.from({ length: index }, () => ''), line];
      this.bufferedLength = line.length + index + 1;
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

export interface ReadOptions {
  /** A document that is not JSON Lines is read whole up to this many characters (tests make it small). */
  wholeDocumentLimit?: number;
  /** Stops the reading: what was read until then is all there is. */
  signal?: AbortSignal;
}

/**
 * The recorded responses of one input, a chunk's worth at a time, as they are read: a response is
 * judged as soon as its chunk has been read, and the input is never held whole (see RecordedReader).
 */
export async function* readRecordedBatches(
  input: Readable,
  source: string,
  httpStatus?: number,
  { wholeDocumentLimit = WHOLE_DOCUMENT_LIMIT, signal }: ReadOptions = {},
): AsyncGenerator<RecordedResponse[]> {
  checkGivenStatus(httpStatus);
  // Stopped (Ctrl-C): the input is let go, also one that is waiting for more, and the reading ends.
  if (signal) addAbortSignal(signal, input);
  const reader = new RecordedReader(source, httpStatus, wholeDocumentLimit);
  const lines = new LineSplitter();
  const handedOn = function* (batch: RecordedResponse[]): Generator<RecordedResponse[]> {
    if (batch.length > 0) yield batch;
    if (reader.failure !== undefined) throw reader.failure;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) yield* handedOn(reader.lines(lines.push(chunk)));
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error === reader.failure) throw error;
    if (signal?.aborted) return;
    throw readError(error, source);
  }
  if (signal?.aborted) return;
  yield* handedOn(reader.lines(lines.end()));
  yield* handedOn(reader.end());
}

/** The same, one response at a time. */
export async function* readRecorded(input: Readable, source: string, httpStatus?: number, options: ReadOptions = {}): AsyncGenerator<RecordedResponse> {
  for await (const batch of readRecordedBatches(input, source, httpStatus, options)) yield* batch;
}

function streamedDocument(held: readonly string[], source: string, httpStatus: number | undefined, limit: number): StreamedDocument {
  const start = held.find((line) => line.trim() !== '')?.trimStart()[0];
  if (start !== '{' && start !== '[') throw new InputError(`invalid JSON: a document over ${(limit / 1024 / 1024).toFixed(0)} MiB must be a HAR file or a JSON array`, source);
  return new StreamedDocument(start, source, httpStatus);
}
