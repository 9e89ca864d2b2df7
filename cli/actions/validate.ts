import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { RunDiagnostic } from '../../conformance/diagnostics.js';
import type { RecordedResponse } from '../../conformance/recorded.js';
import { readRecordedBatches } from '../../conformance/recorded-stream.js';
import { resultsHeader, type ResultItem, type Results } from '../../conformance/results.js';
import { itemOf } from '../../conformance/validate-run.js';
import { BODIES_READ, errorBodyOfView, fittedItem, pickedFrom, profileMismatch } from '../../conformance/profile-fit.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { Profile } from '../../schemas/types.js';
import type { ValidateFlags } from '../commands/validate.js';
import { progressLine, runInterruptibly } from '../long-run.js';
import { prepareRun, streamRun } from '../run-setup.js';

const inputStream = (file: string): Readable => (file === '-' ? process.stdin : createReadStream(file));

/**
 * Every input's responses in turn, a chunk's worth at a time, each read as it streams: a file is never
 * held whole. Ctrl-C (`signal`) ends the reading, also of a standard input that sends nothing more.
 */
async function* recordedResponses(inputs: readonly string[], status: number | undefined, signal: AbortSignal): AsyncGenerator<RecordedResponse[]> {
  for (const file of inputs) {
    if (signal.aborted) return;
    yield* readRecordedBatches(inputStream(file), file === '-' ? '<stdin>' : file, status, { signal });
  }
}

/** The batches with a progress line on a terminal: responses read so far, at most a few times a second. */
async function* withProgress<T>(batches: AsyncIterable<readonly T[]>, progress: ((text: string | undefined) => void) | undefined): AsyncGenerator<readonly T[]> {
  if (!progress) {
    yield* batches;
    return;
  }
  let read = 0;
  let shownAt = 0;
  try {
    for await (const batch of batches) {
      read += batch.length;
      if (performance.now() - shownAt > 250) {
        progress(`${read.toLocaleString('en-US')} responses`);
        shownAt = performance.now();
      }
      yield batch;
    }
  } finally {
    progress(undefined);
  }
}

const errorBodyOf = (response: RecordedResponse): unknown => (response.skipped === undefined ? errorBodyOfView(response.view) : undefined);

/**
 * The responses read until the first BODIES_READ error bodies are seen (or the input ends): enough
 * to pick a profile (`auto`) and to tell whether the bodies fit it, before any response is judged.
 */
async function readAhead(batches: AsyncIterator<RecordedResponse[]>): Promise<{ ahead: RecordedResponse[]; bodies: unknown[] }> {
  const ahead: RecordedResponse[] = [];
  const bodies: unknown[] = [];
  while (bodies.length < BODIES_READ) {
    const next = await batches.next();
    if (next.done) break;
    for (const response of next.value) {
      ahead.push(response);
      const body = errorBodyOf(response);
      if (body !== undefined && bodies.length < BODIES_READ) bodies.push(body);
    }
  }
  return { ahead, bodies };
}

async function* concat<T>(first: readonly T[], rest: AsyncIterator<T[]>): AsyncGenerator<readonly T[]> {
  if (first.length > 0) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * The run judged as it streams, a batch at a time: each response judged, fitted to the profile's
 * note, and handed on. Batches, not one response per step: a step of an async generator costs about
 * what judging a response does.
 */
async function* judged(batches: AsyncIterable<readonly RecordedResponse[]>, profile: Profile, mismatch: boolean, counted: { responses: number }): AsyncGenerator<ResultItem[]> {
  const compiled = compiledProfileOf(profile);
  let index = 0;
  for await (const batch of batches) {
    const items: ResultItem[] = [];
    for (const recorded of batch) {
      const item = itemOf(recorded, index++, compiled);
      if (!mismatch) {
        items.push(item);
        continue;
      }
      const fitted = fittedItem(item, errorBodyOf(recorded), profile);
      if (fitted !== item) counted.responses++;
      items.push(fitted);
    }
    yield items;
  }
}

/** `statuslint validate`: recorded bodies, JSON Lines or HAR files, checked against the profile. */
export async function validate(files: string[] | undefined, rawFlags: ValidateFlags, command: Command): Promise<void> {
  const { flags, setup } = prepareRun('validate', rawFlags, command, process.argv.slice(2));
  const named = flags.profile === AUTO_PROFILE ? undefined : resolveProfile(flags.profile);
  const inputs = files && files.length > 0 ? files : process.stdin.isTTY ? [] : ['-'];
  if (inputs.length === 0) throw new InputError('no input: name files, or pipe a body into standard input', 'validate');
  const startedAt = new Date().toISOString();
  // Ctrl-C stops the reading; what was judged until then is reported, marked as interrupted (exit 130).
  await runInterruptibly({ interruptedNote: 'writing what was judged so far', progressLabel: 'validating', showProgress: false }, async ({ signal }) => {
    const source = recordedResponses(inputs, flags.status, signal);
    const { ahead, bodies } = await readAhead(source);
    // `auto`: the built-in profile the first error bodies fit, said at the top of the report.
    const picked = named ? undefined : pickedFrom(bodies, inputs.join(', '));
    const profile = named ?? picked!.profile;
    const responses = withProgress(concat(ahead, source), progressLine('validate', flags.progress));
    const interrupted = (): Pick<Results, 'interrupted'> => (signal.aborted ? { interrupted: true } : {});
    const mismatch = profileMismatch(profile, bodies);
    const counted = { responses: 0 };
    const head = { ...resultsHeader('validate', profile.name, startedAt), items: [] };
    await streamRun(head, judged(responses, profile, mismatch !== undefined, counted), setup, () => {
      const diagnostics: RunDiagnostic[] = [...(picked ? [picked.note] : []), ...(mismatch ? [{ ...mismatch, responses: counted.responses }] : [])];
      return { diagnostics, ...interrupted() };
    });
  });
}
