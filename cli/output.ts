import { closeSync, lstatSync, openSync, rmSync } from 'node:fs';
import { InputError } from '../schemas/errors.js';
import { isKept, type Piece, REPORTERS, type Reporter, type ReporterOptions, type ReportStream } from '../conformance/reporters/index.js';
import type { ResultItem, Results } from '../conformance/results.js';
import { KeptSpool, SectionWriter, TemporaryFolder, writeAll, writtenText } from './report-spool.js';
import { errorCode, standardOutputWritten, writeStandardOutput } from './standard-streams.js';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorFor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export interface OutputTarget {
  format: string;
  /** Undefined: standard output. */
  file: string | undefined;
}

/**
 * Pair each `-o FILE` with the `--format` before it, as Spectral does
 * (`--format html -o report.html --format junit -o junit.xml`). Commander keeps no order across
 * options, so the pairing is read from the raw arguments.
 */
export function outputTargets(rawArgs: readonly string[], defaultFormat: string): OutputTarget[] {
  const targets: OutputTarget[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === '--') break;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--format' && flag !== '-f' && flag !== '--output' && flag !== '-o') continue;
    const value = inline ?? rawArgs[++i];
    if (value === undefined) continue; // commander reports the missing value
    if (flag === '--format' || flag === '-f') {
      targets.push({ format: value, file: undefined });
    } else {
      const last = targets.at(-1);
      if (!last || last.file !== undefined) {
        if (targets.length === 0) targets.push({ format: defaultFormat, file: value });
        else throw new InputError(`"${value}" needs a --format of its own before it`, '--output');
      } else last.file = value;
    }
  }
  if (targets.length === 0) targets.push({ format: defaultFormat, file: undefined });
  return checkTargets(targets, '--format');
}

/** Targets every format of which exists, at most one of them to standard output; `where` names where they were given. */
export function checkTargets(targets: OutputTarget[], where: string): OutputTarget[] {
  for (const { format } of targets) {
    if (!REPORTERS.has(format)) throw new InputError(`unknown format "${format}" (use ${[...REPORTERS.keys()].join(', ')})`, where);
  }
  if (targets.filter((t) => t.file === undefined).length > 1) {
    throw new InputError('only one format can go to standard output; give the others -o FILE', where);
  }
  return targets;
}

type WriteOptions = { verbose?: boolean; sarifRoot?: string };

const reporterOptions = (file: string | undefined, { verbose = false, sarifRoot }: WriteOptions): ReporterOptions => ({
  color: file === undefined && colorFor(process.stdout),
  verbose,
  ...(sarifRoot !== undefined ? { sarifRoot } : {}),
});

const writeFailure = (file: string, error: unknown): InputError => new InputError(`cannot write (${errorCode(error)})`, file);

function openFile(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (error) {
    throw writeFailure(file, error);
  }
}

function writeText(fd: number, file: string, text: string | Buffer): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  try {
    writeAll(fd, bytes);
  } catch (error) {
    throw writeFailure(file, error);
  }
}

/** One report's text to a file, or to standard output when `file` is undefined, piece by piece. */
export function writeChunks(chunks: Iterable<string | Buffer>, file: string | undefined): void {
  if (file === undefined) {
    writeStandardOutput(chunks);
    return;
  }
  const fd = openFile(file);
  try {
    for (const chunk of chunks) writeText(fd, file, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write each format to its `-o` file, or to standard output when it has none, piece by piece: a
 * report of hundreds of thousands of responses is larger than one string can be.
 */
export function writeResults(results: Results, targets: readonly OutputTarget[], options: WriteOptions = {}): void {
  for (const { format, file } of targets) {
    const reporter = REPORTERS.get(format)!;
    const folder = new TemporaryFolder();
    writeChunks(removedAfter(writtenText(reporter.pieces(results, reporterOptions(file, options)), folder), folder), file);
  }
}

function* removedAfter(text: Iterable<string | Buffer>, folder: TemporaryFolder): Generator<string | Buffer> {
  try {
    yield* text;
  } finally {
    folder.remove();
  }
}

/** Whether `file` is missing (the run makes it) or a regular file, not a link, a device or a pipe. */
function isPlainFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return true;
  }
}

/** One format written as a run's responses arrive. */
interface OpenReport {
  stream: ReportStream;
  writer: SectionWriter;
  /** Text the format keeps for its end, made when it first keeps some. */
  kept: KeptSpool | undefined;
  write(text: Iterable<string | Buffer>): Promise<void>;
  /** `failed`: the run did not finish, and a half-written file is removed rather than left to be read as a report. */
  close(failed: boolean): void;
}

/** Reports written as the responses of a run arrive, each in bounded memory: see `ReportStream`. */
export class StreamedReports {
  private readonly folder = new TemporaryFolder();
  private readonly reports: OpenReport[];

  /** `memoryLimit`: text a section holds in memory before it goes to a temporary file (tests make it small). */
  constructor(head: Results, targets: readonly OutputTarget[], options: WriteOptions = {}, private readonly memoryLimit?: number) {
    this.reports = targets.map(({ format, file }) => this.open(REPORTERS.get(format)!, head, file, options));
  }

  private open(reporter: Reporter, head: Results, file: string | undefined, options: WriteOptions): OpenReport {
    // Only a regular file of its own is removed when the run fails: never a device (`-o /dev/null`), a pipe or a link.
    const removable = file !== undefined && isPlainFile(file);
    let fd = file === undefined ? undefined : openFile(file);
    const write = async (text: Iterable<string | Buffer>): Promise<void> => {
      if (fd === undefined) {
        for (const piece of text) {
          writeStandardOutput([piece]);
          // A pipe takes writes asynchronously: wait for it rather than hold the report in memory.
          await standardOutputWritten();
        }
      } else for (const piece of text) writeText(fd, file!, piece);
    };
    return {
      stream: reporter.open(head, reporterOptions(file, options)),
      writer: new SectionWriter(this.folder, this.memoryLimit),
      kept: undefined,
      write,
      close: (failed) => {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        if (failed && removable) rmSync(file, { force: true });
      },
    };
  }

  async start(): Promise<void> {
    for (const report of this.reports) await report.write(this.pieces(report, report.stream.start()));
  }

  /** Some responses of the run, in order: each format's text for them written at once. */
  async items(items: readonly ResultItem[]): Promise<void> {
    for (const report of this.reports) await report.write(this.itemPieces(report, items));
  }

  private *itemPieces(report: OpenReport, items: readonly ResultItem[]): Generator<string | Buffer> {
    for (const item of items) yield* this.pieces(report, report.stream.item(item));
  }

  /** The run is over: what each format writes last, then every file closed and every temporary file removed. */
  async end(run: Results): Promise<void> {
    let failed = true;
    try {
      for (const report of this.reports) {
        await report.write(this.pieces(report, report.stream.end(run, report.kept ?? [])));
        await report.write(report.writer.flush());
      }
      failed = false;
    } finally {
      this.dispose(failed);
    }
  }

  /** The text of a format's pieces for its destination; what it keeps for its end, kept. */
  private *pieces(report: OpenReport, from: Iterable<Piece>): Generator<string | Buffer> {
    for (const piece of from) {
      if (isKept(piece)) (report.kept ??= new KeptSpool(this.folder)).add(piece.keep);
      else yield* report.writer.push(piece);
    }
  }

  /** Stop: files closed (removed when `failed`: a bad line half-way, a full disk), temporary files removed. */
  dispose(failed = false): void {
    for (const report of this.reports) {
      report.writer.dispose();
      report.kept?.dispose();
      report.kept = undefined;
      report.close(failed);
    }
    this.folder.remove();
  }
}

