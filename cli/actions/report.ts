import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { digestRun, mergeDigests, type RunDigest, runNames } from '../../conformance/fleet.js';
import { FLEET_REPORTERS } from '../../conformance/reporters/fleet/index.js';
import type { Results } from '../../conformance/results.js';
import { readResults } from '../../conformance/results-stream.js';
import { InputError } from '../../schemas/errors.js';
import { runExitCode, worstExitCode } from '../exit-codes.js';
import type { PolicyFlags } from '../options.js';
import { outputTargets, writeChunks } from '../output.js';
import { failOnOf, finishRun, judgeRun, prepareRun, type RunSetup } from '../run-setup.js';

export { parseResults } from '../../conformance/results-stream.js';

const nameOf = (file: string): string => (file === '-' ? '<stdin>' : file);

/** A saved results file (or standard input), read as a stream: no file is ever one string. */
function readResultsFile(file: string): Promise<Results> {
  return readResults(file === '-' ? process.stdin : createReadStream(file), nameOf(file));
}

/** What a fleet report cannot do, as one line naming the flag. */
function checkFleet(files: readonly string[], setup: RunSetup, argv: readonly string[]) {
  if (files.filter((file) => file === '-').length > 1) throw new InputError('standard input can be read once: give - once', '<results>');
  if (setup.updateBaseline) throw new InputError(`writes a baseline from one run: give one results file, not ${files.length}`, '--update-baseline');
  // Several runs default to Markdown: stylish, junit, sarif and github describe one run.
  const targets = outputTargets(argv, 'markdown');
  for (const { format } of targets) {
    if (!FLEET_REPORTERS.has(format)) throw new InputError(`"${format}" takes one results file; a fleet report of ${files.length} files is written as ${[...FLEET_REPORTERS.keys()].join(', ')}`, '--format');
  }
  return targets;
}

/** Several saved runs, one per cluster, as one fleet report; the exit code is the worst of the runs'. */
async function fleetReport(files: readonly string[], setup: RunSetup, argv: readonly string[]): Promise<void> {
  const targets = checkFleet(files, setup, argv);
  const names = runNames(files);
  const digests: RunDigest[] = [];
  const exitCodes: number[] = [];
  // One run at a time: a run is reduced to what the fleet compares before the next is read.
  for (const [i, file] of files.entries()) {
    const results = judgeRun(await readResultsFile(file), setup, { label: names[i]! });
    exitCodes.push(runExitCode(results, failOnOf(setup, results.command)));
    digests.push(digestRun({ name: names[i]!, file, results }));
  }
  const fleet = mergeDigests(digests);
  for (const { format, file } of targets) writeChunks(FLEET_REPORTERS.get(format)!.chunks(fleet), file);
  process.exitCode = worstExitCode(exitCodes);
}

/**
 * `statuslint report`: one saved run written again in other formats, with a config or baseline applied
 * anew if given; several runs (one per cluster) merged into one fleet report.
 */
export async function report(files: string[], rawFlags: PolicyFlags & { verbose?: boolean }, command: Command): Promise<void> {
  const argv = process.argv.slice(2);
  const { setup } = prepareRun('report', rawFlags, command, argv);
  if (files.length > 1) return fleetReport(files, setup, argv);
  // The same exit as the command that made the results, with its defaults, unless --fail-on says otherwise.
  finishRun(await readResultsFile(files[0]!), setup);
}
