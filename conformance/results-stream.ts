/**
 * Reads a saved results file (`--format json`) as a stream: the text is parsed as it arrives and each
 * item is validated against `schemas/results.schema.json` the moment it is complete, so memory is
 * bounded by the model, never by the file's text. A run of 240,000 responses writes more than one
 * string can hold (V8 stops at 512 MiB): reading it whole failed with ERR_STRING_TOO_LONG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { JSONParser } from '@streamparser/json';
import { createAjv, type ErrorObject, type ValidateFunction } from '../schemas/compile.js';
import { InputError } from '../schemas/errors.js';
import { packageRoot } from '../schemas/paths.js';
import { RESULTS_SCHEMA_VERSION, type ResultItem, type Results } from './results.js';
import { type StoredResults, upgradeResults } from './results-upgrade.js';

interface ResultsValidators {
  /** The file without its items (`items` is given empty). */
  top: ValidateFunction;
  /** One item, as `items` holds it. */
  item: ValidateFunction;
}

let validators: ResultsValidators | undefined;

/** The JSON Schema of the results model, compiled once: whole for the top level, and its item schema. */
function resultsValidators(): ResultsValidators {
  if (!validators) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'results.schema.json'), 'utf8')) as { $id: string };
    const ajv = createAjv({ allErrors: false });
    ajv.addSchema(schema);
    validators = { top: ajv.getSchema(schema.$id)!, item: ajv.compile({ $ref: `${schema.$id}#/properties/items/items` }) };
  }
  return validators;
}

function notResults(error: ErrorObject | undefined, where: string, prefix = ''): InputError {
  const detail = error ? `${prefix}${error.instancePath}`.replace(/^$/, '/') + ` ${error.message ?? 'is invalid'}` : 'does not match schemas/results.schema.json';
  return new InputError(`not a statuslint results file (${detail}); write one with --format json`, where);
}

/** JSON's white space: what may come before the document. */
const WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first character of a piece that is not white space (as a one-byte character), if any. */
function firstCharacter(chunk: Uint8Array | string): string | undefined {
  for (let i = 0; i < chunk.length; i++) {
    const code = typeof chunk === 'string' ? chunk.charCodeAt(i) : chunk[i]!;
    if (!WHITE_SPACE.has(code)) return String.fromCharCode(code);
  }
  return undefined;
}

/**
 * A results file fed piece by piece (`write`, then `end`). The parser keeps only the item being built:
 * each finished item is taken out of the array it is parsed into, validated and kept in the model.
 */
export class ResultsReader {
  private readonly parser = new JSONParser({ paths: ['$.items.*', '$.*'], keepStack: false });
  private readonly top: Record<string, unknown> = {};
  private readonly items: ResultItem[] = [];
  private failure: unknown;
  private started = false;

  constructor(private readonly where: string) {
    this.parser.onValue = ({ value, key, parent, stack }) => {
      if (stack.length === 2) this.takeItem(value, key, parent);
      else if (typeof key === 'number') throw notResults({ instancePath: '', message: 'must be object' } as ErrorObject, where);
      else this.takeMember(key!, value);
    };
    this.parser.onError = (error) => {
      this.failure ??= error;
    };
  }

  /** Feed the next bytes (or text) of the file. */
  write(chunk: Uint8Array | string): void {
    if (!this.started) {
      const first = firstCharacter(chunk);
      if (first !== undefined) {
        this.started = true;
        // Only an object can be a results model; any other JSON value is said as the schema says it.
        if (first !== '{' && /^[[\d"tfn-]$/.test(first)) throw notResults({ instancePath: '', message: 'must be object' } as ErrorObject, this.where);
      }
    }
    this.guard(() => this.parser.write(chunk));
  }

  /** The end of the file: the model, validated and read as the current version. */
  end(): Results {
    this.guard(() => {
      if (!this.parser.isEnded) this.parser.end();
    });
    if (!this.started) throw new InputError('not JSON: the file is empty', this.where);
    // `items` is here as the parser handed it on: emptied, each item checked as it came.
    const { top } = resultsValidators();
    if (!top(this.top)) throw notResults((top.errors ?? [])[0], this.where);
    return upgradeResults({ ...(this.top as unknown as StoredResults), items: this.items });
  }

  private takeMember(key: string, value: unknown): void {
    if (key === 'schemaVersion' && typeof value === 'number' && value > RESULTS_SCHEMA_VERSION) {
      throw new InputError(`results schema version ${value} is newer than this statuslint reads (${RESULTS_SCHEMA_VERSION}); upgrade statuslint`, this.where);
    }
    this.top[key] = value;
  }

  private takeItem(value: unknown, key: string | number | undefined, parent: unknown): void {
    // The parser leaves an item in `items` while `items` itself is to be handed on: take it out, so
    // that `items` reaches the top-level check empty and memory holds each item once.
    if (Array.isArray(parent)) parent.length -= 1;
    else delete (parent as Record<string, unknown>)[String(key)];
    if (typeof key !== 'number') return; // `items` is an object: the top-level check says so
    const { item } = resultsValidators();
    if (!item(value)) throw notResults((item.errors ?? [])[0], this.where, `/items/${key}`);
    this.items.push(value as ResultItem);
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof InputError) throw error;
      this.failure ??= error;
    }
    if (this.failure instanceof InputError) throw this.failure;
    if (this.failure) throw new InputError(`not JSON: ${(this.failure as Error).message.replace(/ at chunk position .*? in state/, ' in state')}`, this.where);
  }
}

/** Parse and validate a saved results file given as text; every problem is one InputError naming `where`. */
export function parseResults(text: string, where: string): Results {
  const reader = new ResultsReader(where);
  reader.write(text);
  return reader.end();
}

/** A read error as one line naming the file, as for any input. */
function readError(error: unknown, where: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, where);
}

/** Read, parse and validate a saved results file from a stream, chunk by chunk. */
export async function readResults(input: Readable, where: string): Promise<Results> {
  const reader = new ResultsReader(where);
  try {
    for await (const chunk of input) reader.write(chunk as Uint8Array);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readError(error, where);
  }
  return reader.end();
}
