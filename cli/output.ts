import { closeSync, openSync, writeSync } from 'node:fs';
import { InputError } from '../schemas/errors.js';
import { REPORTERS } from '../conformance/reporters/index.js';
import type { Results } from '../conformance/results.js';
import { errorCode, writeStandardOutput } from './standard-streams.js';

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

/** Text gathered into one write: few system calls, and far from the 512 MiB a string can hold. */
const WRITE_SIZE = 1024 * 1024;

function* batched(chunks: Iterable<string>): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= WRITE_SIZE) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') yield pending;
}

function writeFile(file: string, chunks: Iterable<string>): void {
  const fail = (error: unknown): InputError => new InputError(`cannot write (${errorCode(error)})`, file);
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    throw fail(error);
  }
  try {
    for (const piece of batched(chunks)) {
      const bytes = Buffer.from(piece);
      try {
        for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      } catch (error) {
        throw fail(error);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** One report's text to a file, or to standard output when `file` is undefined, piece by piece. */
export function writeChunks(chunks: Iterable<string>, file: string | undefined): void {
  if (file === undefined) writeStandardOutput(batched(chunks));
  else writeFile(file, chunks);
}

/**
 * Write each format to its `-o` file, or to standard output when it has none, piece by piece: a
 * report of hundreds of thousands of responses is larger than one string can be.
 */
export function writeResults(results: Results, targets: readonly OutputTarget[], { verbose = false, sarifRoot }: { verbose?: boolean; sarifRoot?: string } = {}): void {
  for (const { format, file } of targets) {
    const reporter = REPORTERS.get(format)!;
    const chunks = reporter.chunks(results, { color: file === undefined && colorFor(process.stdout), verbose, ...(sarifRoot !== undefined ? { sarifRoot } : {}) });
    writeChunks(chunks, file);
  }
}
