/**
 * Where a report's sections wait for their heads, and a run's responses for a second reading: in
 * memory while small, then in a temporary file, so that a report of a million responses is written
 * in bounded memory whatever its format (see `SECTION_START` in conformance/reporters/reporter.ts).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { deserialize, serialize } from 'node:v8';
import { isKept, type Piece, SECTION_START } from '../conformance/reporters/reporter.js';

/** Text held in memory before it goes to a temporary file. */
const MEMORY_LIMIT = 8 * 1024 * 1024;

/** Text gathered into one write: few system calls, and far from the 512 MiB a string can hold. */
export const WRITE_SIZE = 1024 * 1024;

/** Every byte of `bytes` to `fd`: one `writeSync` may write fewer. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
}

/** A file's bytes from its start, WRITE_SIZE at a time, each in a buffer of its own: a reader may keep it (a pipe writes later). */
function* readChunks(fd: number): Generator<Buffer> {
  for (let position = 0; ; ) {
    const buffer = Buffer.allocUnsafe(WRITE_SIZE);
    const read = readSync(fd, buffer, 0, buffer.length, position);
    if (read === 0) return;
    position += read;
    yield buffer.subarray(0, read);
  }
}

/** A folder of the run's own temporary files, made when first needed and removed at the end. */
export class TemporaryFolder {
  private path: string | undefined;
  private count = 0;

  file(): string {
    this.path ??= mkdtempSync(join(tmpdir(), 'statuslint-'));
    return join(this.path, String(this.count++));
  }

  remove(): void {
    if (this.path !== undefined) rmSync(this.path, { recursive: true, force: true });
    this.path = undefined;
  }
}

/** Text appended, then read back once in the order written. */
class Spool {
  private parts: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private path: string | undefined;
  /** Text not yet written to the file: writes of about WRITE_SIZE, not one a piece. */
  private pending = '';

  constructor(
    private readonly folder: TemporaryFolder,
    private readonly memoryLimit: number,
  ) {}

  write(text: string | Buffer): void {
    if (typeof text !== 'string') {
      // Bytes read back from another spool: written as they are, never decoded and encoded again.
      if (this.fd === undefined) this.toFile();
      this.flush();
      writeAll(this.fd!, text);
      return;
    }
    if (this.fd === undefined) {
      this.parts.push(text);
      this.size += text.length;
      if (this.size < this.memoryLimit) return;
      this.toFile();
      return;
    }
    this.pending += text;
    if (this.pending.length >= WRITE_SIZE) this.flush();
  }

  /** From now on in a temporary file, what was held in memory first. */
  private toFile(): void {
    this.path = this.folder.file();
    this.fd = openSync(this.path, 'w+', 0o600);
    this.pending = this.parts.join('');
    this.parts = [];
  }

  private flush(): void {
    if (this.pending === '') return;
    const bytes = Buffer.from(this.pending);
    writeAll(this.fd!, bytes);
    this.pending = '';
  }

  /** What was written, in pieces of about WRITE_SIZE (bytes, once in a file); the spool is emptied as it is read. */
  *read(): Generator<string | Buffer> {
    if (this.fd === undefined) {
      yield* this.parts;
      this.parts = [];
      return;
    }
    this.flush();
    try {
      yield* readChunks(this.fd);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.path !== undefined) rmSync(this.path, { force: true });
    this.fd = undefined;
    this.path = undefined;
    this.parts = [];
    this.pending = '';
  }
}

/**
 * Pieces in, text for the destination out: a section is held until its end, then its head is written
 * and what it held after it. Text is gathered into writes of about WRITE_SIZE.
 */
export class SectionWriter {
  private readonly held: Spool[] = [];
  private pending = '';

  /** `memoryLimit`: text a section holds in memory before it goes to a temporary file. */
  constructor(
    private readonly folder: TemporaryFolder,
    private readonly memoryLimit = MEMORY_LIMIT,
  ) {}

  /** The text now ready for the destination (none while a section is open), as strings or bytes. */
  *push(piece: Piece): Generator<string | Buffer> {
    if (piece === SECTION_START) {
      this.held.push(new Spool(this.folder, this.memoryLimit));
      return;
    }
    if (typeof piece === 'string') {
      yield* this.text(piece);
      return;
    }
    if (isKept(piece)) throw new Error('text kept for the end goes to a KeptSpool, not to the report');
    const body = this.held.pop()!;
    yield* this.text(piece.head);
    for (const part of body.read()) yield* this.text(part);
  }

  /** What is left once the last piece is in. */
  *flush(): Generator<string | Buffer> {
    if (this.pending !== '') yield this.pending;
    this.pending = '';
  }

  dispose(): void {
    for (const spool of this.held.splice(0)) spool.dispose();
  }

  private *text(text: string | Buffer): Generator<string | Buffer> {
    const open = this.held.at(-1);
    if (open) {
      open.write(text);
      return;
    }
    if (typeof text !== 'string') {
      yield* this.flush();
      yield text;
      return;
    }
    this.pending += text;
    if (this.pending.length >= WRITE_SIZE) {
      yield this.pending;
      this.pending = '';
    }
  }
}

/** The text of a report's pieces, sections resolved through temporary files. */
export function* writtenText(pieces: Iterable<Piece>, folder: TemporaryFolder): Generator<string | Buffer> {
  const writer = new SectionWriter(folder);
  try {
    for (const piece of pieces) yield* writer.push(piece);
    yield* writer.flush();
  } finally {
    writer.dispose();
  }
}

/** Text a format keeps for its end (see `Kept`), one JSON line each in a temporary file, read back in order. */
export class KeptSpool implements Iterable<string> {
  private readonly path: string;
  private readonly fd: number;
  private pending = '';

  constructor(folder: TemporaryFolder) {
    this.path = folder.file();
    this.fd = openSync(this.path, 'w+', 0o600);
  }

  add(text: string): void {
    this.pending += `${JSON.stringify(text)}\n`;
    if (this.pending.length >= WRITE_SIZE) this.flush();
  }

  private flush(): void {
    const bytes = Buffer.from(this.pending);
    writeAll(this.fd, bytes);
    this.pending = '';
  }

  *[Symbol.iterator](): Generator<string> {
    this.flush();
    const decoder = new StringDecoder('utf8');
    let partial = '';
    for (const chunk of readChunks(this.fd)) {
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop()!;
      for (const line of lines) yield JSON.parse(line) as string;
    }
  }

  dispose(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

/** Bytes of the length before each value an ItemSpool writes. */
const LENGTH_BYTES = 4;

/**
 * Values set aside in a temporary file as they are made, then read back once in the order added: a
 * document's results between their checks and its reports (`spec`), so that they never take the heap. Each value is
 * written as V8 serializes it (`structuredClone`'s format: what is read back equals what was added),
 * after its length; in memory until WRITE_SIZE, and never a write per value. The file has no name
 * once open (see `openNamelessFile`): a run killed half-way leaves nothing behind.
 */
export class ItemSpool<T> {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private file: { fd: number; leftover: string | undefined } | undefined;

  add(value: T): void {
    const bytes = serialize(value);
    const length = Buffer.allocUnsafe(LENGTH_BYTES);
    length.writeUInt32LE(bytes.length);
    this.pending.push(length, bytes);
    this.pendingSize += LENGTH_BYTES + bytes.length;
    if (this.pendingSize >= WRITE_SIZE) this.flush();
  }

  private flush(): void {
    if (this.pendingSize === 0) return;
    this.file ??= openNamelessFile();
    const bytes = Buffer.concat(this.pending, this.pendingSize);
    writeAll(this.file.fd, bytes);
    this.pending = [];
    this.pendingSize = 0;
  }

  /** What was added, in order; the spool is emptied as it is read. */
  *items(): Generator<T> {
    if (this.file === undefined) {
      const held = Buffer.concat(this.pending, this.pendingSize);
      this.pending = [];
      this.pendingSize = 0;
      yield* valuesIn(held, 0).values as T[];
      return;
    }
    this.flush();
    const { fd } = this.file;
    try {
      let rest = Buffer.alloc(0);
      for (const chunk of readChunks(fd)) {
        const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
        const { values, end } = valuesIn(bytes, 0);
        yield* values as T[];
        rest = Buffer.from(bytes.subarray(end));
      }
      if (rest.length > 0) throw new Error('the temporary file of results ends in the middle of a value');
    } finally {
      this.dispose();
    }
  }

  /** Close and remove the file; safe to call more than once. */
  dispose(): void {
    if (this.file !== undefined) {
      closeSync(this.file.fd);
      if (this.file.leftover !== undefined) rmSync(this.file.leftover, { recursive: true, force: true });
    }
    this.file = undefined;
    this.pending = [];
    this.pendingSize = 0;
  }
}

/**
 * A temporary file only this process reaches: made in a folder of its own, then the file's name and
 * the folder removed at once where the system allows it (the file lives until it is closed, also when
 * the process is killed); where it does not (Windows), the folder is the leftover `dispose` removes.
 */
function openNamelessFile(): { fd: number; leftover: string | undefined } {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-'));
  const path = join(folder, 'items');
  const fd = openSync(path, 'w+', 0o600);
  try {
    rmSync(path);
    rmdirSync(folder);
    return { fd, leftover: undefined };
  } catch {
    return { fd, leftover: folder };
  }
}

/** The whole values in `bytes` from `start`, and where the first one not whole begins. */
function valuesIn(bytes: Buffer, start: number): { values: unknown[]; end: number } {
  const values: unknown[] = [];
  let at = start;
  while (at + LENGTH_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    if (at + LENGTH_BYTES + length > bytes.length) break;
    values.push(deserialize(bytes.subarray(at + LENGTH_BYTES, at + LENGTH_BYTES + length)));
    at += LENGTH_BYTES + length;
  }
  return { values, end: at };
}
