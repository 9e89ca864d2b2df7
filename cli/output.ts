import { writeFileSync } from 'node:fs';
import { InputError } from '../schemas/errors.js';
import { REPORTERS } from '../conformance/reporters/index.js';
import type { Results } from '../conformance/results.js';

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
  for (const { format } of targets) {
    if (!REPORTERS.has(format)) throw new InputError(`unknown format "${format}" (use ${[...REPORTERS.keys()].join(', ')})`, '--format');
  }
  if (targets.filter((t) => t.file === undefined).length > 1) {
    throw new InputError('only one format can go to standard output; give the others -o FILE', '--format');
  }
  return targets;
}

/** Write each format to its `-o` file, or to standard output when it has none. */
export function writeResults(results: Results, targets: readonly OutputTarget[]): void {
  for (const { format, file } of targets) {
    const reporter = REPORTERS.get(format)!;
    const text = reporter.render(results, { color: file === undefined && colorFor(process.stdout) });
    if (file === undefined) process.stdout.write(text);
    else {
      try {
        writeFileSync(file, text);
      } catch (error) {
        throw new InputError(`cannot write (${(error as NodeJS.ErrnoException).code})`, file);
      }
    }
  }
}
