import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { RecordedResponse } from '../../conformance/recorded.js';
import { readRecorded } from '../../conformance/recorded-stream.js';
import { validateRecordedStream } from '../../conformance/validate-run.js';
import { BODIES_READ, errorBodyOfView, pickedFrom, withProfileFit } from '../../conformance/profile-fit.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { ValidateFlags } from '../commands/validate.js';
import { finishRun, prepareRun } from '../run-setup.js';

const inputStream = (file: string): Readable => (file === '-' ? process.stdin : createReadStream(file));

/** Every input's responses in turn, each read as it streams: a file is never held whole. */
async function* recordedResponses(inputs: readonly string[], status: number | undefined): AsyncGenerator<RecordedResponse> {
  for (const file of inputs) yield* readRecorded(inputStream(file), file === '-' ? '<stdin>' : file, status);
}

/** The responses as they stream by, each one's error body noted in `bodies` (at the response's index) for the profile notes. */
async function* withBodies(responses: AsyncIterable<RecordedResponse>, bodies: unknown[]): AsyncGenerator<RecordedResponse> {
  for await (const response of responses) {
    bodies.push(response.skipped === undefined ? errorBodyOfView(response.view) : undefined);
    yield response;
  }
}

/** `auto`: read ahead until the first error bodies are seen, pick the profile they fit, then go on from the start. */
async function pickAhead(responses: AsyncGenerator<RecordedResponse>, bodies: readonly unknown[], where: string): Promise<ReturnType<typeof pickedFrom> & { responses: AsyncIterable<RecordedResponse> }> {
  const ahead: RecordedResponse[] = [];
  const errorBodies = (): number => bodies.filter((body) => body !== undefined).length;
  while (errorBodies() < BODIES_READ) {
    const next = await responses.next();
    if (next.done) break;
    ahead.push(next.value);
  }
  async function* again(): AsyncGenerator<RecordedResponse> {
    yield* ahead;
    yield* responses;
  }
  return { ...pickedFrom(bodies, where), responses: again() };
}

/** `statuslint validate`: recorded bodies, JSON Lines or HAR files, checked against the profile. */
export async function validate(files: string[] | undefined, rawFlags: ValidateFlags, command: Command): Promise<void> {
  const { flags, setup } = prepareRun('validate', rawFlags, command, process.argv.slice(2));
  const named = flags.profile === AUTO_PROFILE ? undefined : resolveProfile(flags.profile);
  const inputs = files && files.length > 0 ? files : process.stdin.isTTY ? [] : ['-'];
  if (inputs.length === 0) throw new InputError('no input: name files, or pipe a body into standard input', 'validate');
  const bodies: unknown[] = [];
  const responses = withBodies(recordedResponses(inputs, flags.status), bodies);
  // `auto`: the built-in profile the first error bodies fit, said at the top of the report.
  const picked = named ? undefined : await pickAhead(responses, bodies, inputs.join(', '));
  const profile = named ?? picked!.profile;
  const results = await validateRecordedStream(picked ? picked.responses : responses, profile);
  finishRun(withProfileFit(picked ? { ...results, diagnostics: [picked.note] } : results, profile, bodies), setup);
}
