import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RESULTS_SCHEMA_VERSION, type Results } from '../../conformance/results.js';
import { type StoredResults, upgradeResults } from '../../conformance/results-upgrade.js';
import { createAjv, type ErrorObject, type ValidateFunction } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import { packageRoot } from '../../schemas/paths.js';
import type { PolicyFlags } from '../options.js';
import { finishRun, prepareRun } from '../run-setup.js';

let validator: ValidateFunction | undefined;

/** The JSON Schema of the results model, compiled once. */
function resultsValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'results.schema.json'), 'utf8')) as object;
    validator = createAjv({ allErrors: false }).compile(schema);
  }
  return validator;
}

/** Parse and validate a saved results file of any version up to the current one; every problem is one InputError naming the file. */
export function parseResults(text: string, where: string): Results {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not JSON: ${(error as Error).message}`, where);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > RESULTS_SCHEMA_VERSION) {
    throw new InputError(`results schema version ${version} is newer than this statuslint reads (${RESULTS_SCHEMA_VERSION}); upgrade statuslint`, where);
  }
  const validate = resultsValidator();
  if (!validate(data)) {
    const first = (validate.errors ?? [])[0] as ErrorObject | undefined;
    const detail = first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'does not match schemas/results.schema.json';
    throw new InputError(`not a statuslint results file (${detail}); write one with --format json`, where);
  }
  return upgradeResults(data as StoredResults);
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, file === '-' ? '<stdin>' : file);
  }
}

/** `statuslint report`: saved results written again in other formats, with a config or baseline applied anew if given. */
export function report(file: string, rawFlags: PolicyFlags & { verbose?: boolean }, command: Command): void {
  const { setup } = prepareRun('report', rawFlags, command, process.argv.slice(2));
  // The same exit as the command that made the results, with its defaults, unless --fail-on says otherwise.
  finishRun(parseResults(readInput(file), file === '-' ? '<stdin>' : file), setup);
}
