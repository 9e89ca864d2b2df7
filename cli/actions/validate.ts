import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseRecorded, type RecordedResponse } from '../../conformance/recorded.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { errorBodyOfView, pickedFrom, withProfileFit } from '../../conformance/profile-fit.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { ValidateFlags } from '../commands/validate.js';
import { finishRun, prepareRun } from '../run-setup.js';

function readInput(file: string): string {
  if (file === '-') {
    try {
      return readFileSync(0, 'utf8');
    } catch (error) {
      throw new InputError(`cannot read standard input (${(error as NodeJS.ErrnoException).code})`, '-');
    }
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, file);
  }
}

/** `statuslint validate`: recorded bodies, JSON Lines or HAR files, checked against the profile. */
export function validate(files: string[] | undefined, rawFlags: ValidateFlags, command: Command): void {
  const { flags, setup } = prepareRun('validate', rawFlags, command, process.argv.slice(2));
  const named = flags.profile === AUTO_PROFILE ? undefined : resolveProfile(flags.profile);
  const inputs = files && files.length > 0 ? files : process.stdin.isTTY ? [] : ['-'];
  if (inputs.length === 0) throw new InputError('no input: name files, or pipe a body into standard input', 'validate');
  const responses: RecordedResponse[] = inputs.flatMap((file) => parseRecorded(readInput(file), file === '-' ? '<stdin>' : file, flags.status));
  const bodies = responses.map((response) => (response.skipped === undefined ? errorBodyOfView(response.view) : undefined));
  // `auto`: the built-in profile the first error bodies fit, said at the top of the report.
  const picked = named ? undefined : pickedFrom(bodies, inputs.join(', '));
  const profile = named ?? picked!.profile;
  const results = validateRecorded(responses, profile);
  finishRun(withProfileFit(picked ? { ...results, diagnostics: [picked.note] } : results, profile, bodies), setup);
}
