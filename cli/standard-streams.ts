import { InputError } from '../schemas/errors.js';
import { EXIT } from './exit-codes.js';

// Apart from output.ts, which loads every reporter: the entry point guards the streams for every command.

const STANDARD_OUTPUT = 'standard output';

export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';

/** The reader went away (`statuslint … | head`): nothing more to say, as git and the coreutils stop. */
const readerGone = (error: unknown): boolean => errorCode(error) === 'EPIPE';

/** A report is being written: it reports its own failure, once. */
let writing = false;
/** Stream errors already reported, so that the stream's `error` event does not report them again. */
const reported = new WeakSet<object>();

/**
 * Errors of a standard stream arrive as `error` events, after the write that met them; unheard, they
 * end the process with a stack trace and exit 1, which reads as findings. A closed reader is not an
 * error: the exit code stays the command's. Any other failure (a full disk, an I/O error) is one line
 * and exit 2.
 */
export function guardStandardStreams(): void {
  process.stdout.on('error', (error: Error) => {
    if (readerGone(error) || writing || reported.has(error)) return;
    reported.add(error);
    process.stderr.write(`statuslint: ${STANDARD_OUTPUT}: cannot write (${errorCode(error)})\n`);
    process.exitCode = EXIT.usage;
  });
  // Where a failure would be reported is gone too: nothing left to do.
  process.stderr.on('error', () => {});
}

/** Until the stream can take more, or has failed or closed. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}

async function pump(pieces: Iterable<string | Uint8Array>): Promise<void> {
  const stdout = process.stdout;
  writing = true;
  try {
    for (const piece of pieces) {
      if (stdout.errored || stdout.destroyed) break;
      // A pipe takes writes asynchronously: wait for it rather than hold the whole report in memory.
      if (!stdout.write(piece) && !stdout.errored) await drained(stdout);
    }
    const error = stdout.errored;
    if (!error || readerGone(error)) return;
    reported.add(error);
    throw new InputError(`cannot write (${errorCode(error)})`, STANDARD_OUTPUT);
  } finally {
    writing = false;
  }
}

let written: Promise<void> = Promise.resolve();

/**
 * Write pieces to standard output, after what was given before, as fast as the reader takes them.
 * A closed reader ends the writing quietly; any other failure rejects `standardOutputWritten` with an
 * InputError (one line, exit 2).
 */
export function writeStandardOutput(pieces: Iterable<string | Uint8Array>): void {
  written = written.then(() => pump(pieces));
}

/** Settles when everything given to `writeStandardOutput` is written, or has failed. */
export const standardOutputWritten = (): Promise<void> => written;
