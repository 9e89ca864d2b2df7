import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { RecordedResponse } from '../../conformance/recorded.js';
import { readRecorded } from '../../conformance/recorded-stream.js';
import { validateRecordedStream } from '../../conformance/validate-run.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { ValidateFlags } from '../commands/validate.js';
import { finishRun, prepareRun } from '../run-setup.js';

const inputStream = (file: string): Readable => (file === '-' ? process.stdin : createReadStream(file));

/** Every input's responses in turn, each read as it streams: a file is never held whole. */
async function* recordedResponses(inputs: readonly string[], status: number | undefined): AsyncGenerator<RecordedResponse> {
  for (const file of inputs) yield* readRecorded(inputStream(file), file === '-' ? '<stdin>' : file, status);
}

/** `statuslint validate`: recorded bodies, JSON Lines or HAR files, checked against the profile. */
export async function validate(files: string[] | undefined, rawFlags: ValidateFlags, command: Command): Promise<void> {
  const { flags, setup } = prepareRun('validate', rawFlags, command, process.argv.slice(2));
  const profile = resolveProfile(flags.profile);
  const inputs = files && files.length > 0 ? files : process.stdin.isTTY ? [] : ['-'];
  if (inputs.length === 0) throw new InputError('no input: name files, or pipe a body into standard input', 'validate');
  finishRun(await validateRecordedStream(recordedResponses(inputs, flags.status), profile), setup);
}
