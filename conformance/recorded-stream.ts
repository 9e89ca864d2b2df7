/**
 * The files `statuslint validate` reads, as streams: a response is judged as soon as it has been read,
 * and no file is ever held whole, however large (JSON Lines line by line, a HAR file entry by entry).
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
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
 * The recorded responses of one input, as they are read: JSON Lines (told apart by a first line that
 * is JSON on its own, and a second), a HAR file, a JSON array of bodies, or one body. Bad input is
 * an InputError naming the source and the line, as `parseRecorded` gives for the same text.
 */
export async function* readRecorded(
  input: Readable,
  source: string,
  httpStatus?: number,
  { wholeDocumentLimit = WHOLE_DOCUMENT_LIMIT }: { wholeDocumentLimit?: number } = {},
): AsyncGenerator<RecordedResponse> {
  checkGivenStatus(httpStatus);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let index = -1;
  /** The first line that is JSON on its own, held until a second line says this is JSON Lines. */
  let firstLine: { text: string; index: number } | undefined;
  let jsonLines = false;
  /** A document's lines, while it is small enough to be read whole. */
  let buffered: string[] | undefined;
  let bufferedLength = 0;
  let streamed: StreamedDocument | undefined;
  try {
    for await (const line of lines) {
      index++;
      if (jsonLines) {
        if (line.trim() !== '') yield jsonLineResponse(line, index, source, httpStatus);
      } else if (streamed) {
        yield* streamed.write(line);
      } else if (buffered) {
        buffered.push(line);
        bufferedLength += line.length + 1;
        if (bufferedLength > wholeDocumentLimit) {
          streamed = streamedDocument(buffered, source, httpStatus, wholeDocumentLimit);
          for (const held of buffered.splice(0)) yield* streamed.write(held);
        }
      } else if (line.trim() === '') {
        continue;
      } else if (firstLine) {
        jsonLines = true;
        yield jsonLineResponse(firstLine.text, firstLine.index, source, httpStatus);
        yield jsonLineResponse(line, index, source, httpStatus);
      } else if (parses(line)) {
        firstLine = { text: line, index };
      } else {
        // Lines before the first are blank: kept, so that positions in errors count them.
        buffered = [...Array.from({ length: index }, () => ''), line];
        bufferedLength = line.length + index + 1;
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readError(error, source);
  }
  if (jsonLines) return;
  if (streamed) {
    yield* streamed.end();
    return;
  }
  // One line of JSON, or a document small enough to read whole: exactly as `parseRecorded` reads it.
  yield* parseRecorded(firstLine ? firstLine.text : (buffered ?? []).join('\n'), source, httpStatus);
}

function streamedDocument(held: readonly string[], source: string, httpStatus: number | undefined, limit: number): StreamedDocument {
  const start = held.find((line) => line.trim() !== '')?.trimStart()[0];
  if (start !== '{' && start !== '[') throw new InputError(`invalid JSON: a document over ${(limit / 1024 / 1024).toFixed(0)} MiB must be a HAR file or a JSON array`, source);
  return new StreamedDocument(start, source, httpStatus);
}
