/**
 * What every judging command does around its own work: before it, read the config (flags override it),
 * the baseline and the output targets; after it, apply the policy to the results, update the baseline
 * when asked, write the reports, and set the exit code from `--fail-on`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { applyPolicyAndUpdate, openPolicy, type RunPolicy } from '../conformance/policy/apply.js';
import { parseBaseline, renderBaseline } from '../conformance/policy/baseline.js';
import type { BaselineEntry } from '../conformance/policy/record.js';
import { policyNotes } from '../conformance/policy/summary.js';
import { isoDate } from '../conformance/policy/waivers.js';
import { redactItem, type ResultItem, type Results } from '../conformance/results.js';
import { RunDigest, withDigest } from '../conformance/run-digest.js';
import { visible } from '../conformance/untrusted.js';
import type { FailOn, OutputDocument } from '../schemas/config-schema.js';
import { InputError } from '../schemas/errors.js';
import { inheritedSet, isInheritedSetName } from '../schemas/inherited.js';
import { configFor, type LoadedConfig } from './config/load.js';
import { type CommandName, mergeConfig } from './config/merge.js';
import { DEFAULT_FAIL_ON, REPORT_DEFAULT_FAIL_ON, runExitCode } from './exit-codes.js';
import type { PolicyFlags } from './options.js';
import { checkTargets, type OutputTarget, outputTargets, StreamedReports, writeResults } from './output.js';
import { errorCode } from './standard-streams.js';

export interface RunSetup {
  command: CommandName;
  config: LoadedConfig | undefined;
  /** Undefined: the default of the command that made the results. */
  failOn: FailOn | undefined;
  targets: OutputTarget[];
  /** The policy without the baseline and the date, which are added when the run is over. */
  policy: Omit<RunPolicy, 'today' | 'baseline'>;
  baseline: { file: string; entries: BaselineEntry[] } | undefined;
  updateBaseline: boolean;
  verbose: boolean;
  /** Absolute: the folder SARIF file locations are relative to. */
  sarifRoot: string;
}

/** `--format`/`-o` on the command line win over the config's `outputs`, as every flag does. */
const outputsOnCommandLine = (argv: readonly string[]): boolean => argv.some((arg) => /^(?:--format|-f|--output|-o)(?:=|$)/.test(arg));

function targetsOf(argv: readonly string[], outputs: readonly OutputDocument[] | undefined, config: string | undefined): OutputTarget[] {
  if (outputsOnCommandLine(argv) || !outputs) return outputTargets(argv, 'stylish');
  return checkTargets(outputs.map((output) => ({ format: output.format, file: output.output })), `${config}: outputs`);
}

function readBaseline(file: string, update: boolean): BaselineEntry[] {
  if (!existsSync(file)) {
    if (update) return [];
    throw new InputError('no such baseline file; write one with --update-baseline', file);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read (${errorCode(error)})`, file);
  }
  return parseBaseline(text, file);
}

/** What the config says beyond flags: check levels, ignores, waivers and the inherited set. */
function policyOf(config: LoadedConfig | undefined): RunSetup['policy'] {
  if (!config) return {};
  const { checks, ignore, waivers, inherit } = config.document;
  return {
    config: config.name,
    ...(checks ? { checks } : {}),
    ...(ignore ? { ignore } : {}),
    ...(waivers ? { waivers } : {}),
    ...(inherit !== undefined && isInheritedSetName(inherit) ? { inherit: inheritedSet(inherit) } : {}),
  };
}

/** The flags a command runs with, and what it does around its work, from the command line and the config. */
export function prepareRun<Flags extends PolicyFlags & { verbose?: boolean }>(command: CommandName, flags: Flags, commander: Command, argv: readonly string[]): { flags: Flags; setup: RunSetup } {
  const config = configFor(flags.config);
  const given = (flag: string): boolean => commander.getOptionValueSource(flag) === 'cli';
  const merged = mergeConfig(command, flags, config?.document, given);
  if (merged.updateBaseline && merged.baseline === undefined) throw new InputError('needs a baseline file: give --baseline FILE (or `baseline:` in the config)', '--update-baseline');
  const document = config?.document;
  return {
    flags: merged,
    setup: {
      command,
      config,
      failOn: merged.failOn,
      // A saved run is rendered where asked: the config's outputs are for the run itself (and may name the file being read).
      targets: targetsOf(argv, command === 'report' ? undefined : document?.outputs, config?.name),
      policy: policyOf(config),
      baseline: merged.baseline !== undefined ? { file: merged.baseline, entries: readBaseline(merged.baseline, merged.updateBaseline === true) } : undefined,
      updateBaseline: merged.updateBaseline === true,
      verbose: merged.verbose === true,
      sarifRoot: resolve(merged.sarifRoot ?? '.'),
    },
  };
}

/** A saved run is shown as it was, unless a policy is given to apply to it now. */
const hasPolicy = (setup: RunSetup): boolean => setup.command !== 'report' || setup.config !== undefined || setup.baseline !== undefined;

function writeBaselineFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new InputError(`cannot write (${errorCode(error)})`, file);
  }
}

/** The results as reported: the policy applied, and the baseline rewritten first when asked. */
function judged(results: Results, setup: RunSetup, probesOff: readonly string[]): Results {
  if (!hasPolicy(setup)) return results;
  const policy: RunPolicy = { ...setup.policy, ...(probesOff.length > 0 ? { probesOff } : {}), today: isoDate(new Date()) };
  // A run stopped half-way would prune what it did not get to judge as if it were fixed.
  const update = setup.updateBaseline && setup.baseline !== undefined && results.interrupted !== true;
  if (setup.updateBaseline && setup.baseline && !update) process.stderr.write(`statuslint: the run was interrupted: ${visible(setup.baseline.file)} is left as it was\n`);
  // Updating, every finding of the run goes in the file and is judged known by it, as a streamed run does.
  const applied = applyPolicyAndUpdate(results, { ...policy, ...(setup.baseline ? { baseline: { ...setup.baseline, update } } : {}) });
  if (applied.updatedBaseline && setup.baseline) writeBaselineFile(setup.baseline.file, renderBaseline(applied.updatedBaseline));
  return applied.results;
}

/** `--fail-on`, or the default of the command that made the results. */
export const failOnOf = (setup: RunSetup, command: Results['command']): FailOn => setup.failOn ?? (setup.command === 'report' ? REPORT_DEFAULT_FAIL_ON : DEFAULT_FAIL_ON)[command];

/**
 * The results with the policy applied (and the baseline rewritten when asked); on standard error, what
 * fails the run apart from findings, each line after `label` when one is given (a run of a fleet).
 */
export function judgeRun(results: Results, setup: RunSetup, options: { probesOff?: readonly string[]; label?: string } = {}): Results {
  const final = judged(results, setup, options.probesOff ?? []);
  const prefix = options.label !== undefined ? `${visible(options.label)}: ` : '';
  for (const note of policyNotes(final)) if (note.failing) process.stderr.write(`statuslint: ${prefix}${visible(note.text)}\n`);
  return final;
}

/** After the reports: on standard error what fails the run apart from findings and the baseline written, and the exit code. */
function endRun(final: Results, setup: RunSetup): void {
  for (const note of policyNotes(final)) if (note.failing) process.stderr.write(`statuslint: ${visible(note.text)}\n`);
  const updated = final.policy?.baseline?.updated;
  if (updated && setup.baseline) {
    // Only a streamed run writes the file when stopped: it adds what it found and prunes nothing.
    const pruned = final.interrupted ? '; the run was interrupted, so none was pruned' : '';
    process.stderr.write(`statuslint: wrote ${visible(setup.baseline.file)} (${updated.added} added, ${updated.removed} removed${pruned})\n`);
  }
  process.exitCode = runExitCode(final, failOnOf(setup, final.command));
}

/** Apply the policy, write every report, say on standard error what fails the run apart from findings, and set the exit code. */
export function finishRun(results: Results, setup: RunSetup, options: { probesOff?: readonly string[] } = {}): Results {
  const final = judged(results, setup, options.probesOff ?? []);
  writeResults(final, setup.targets, { verbose: setup.verbose, sarifRoot: setup.sarifRoot });
  endRun(final, setup);
  return final;
}

/**
 * `finishRun` for a run whose responses arrive a batch at a time (validate of big recordings): each is
 * redacted, judged by the policy, added to the run's digest and written to every report, then let go;
 * memory stays bounded whatever the number of responses. `head`: the model before any response;
 * `endOf`: what the run adds when it is over (diagnostics counted over every response; whether it was stopped).
 */
export async function streamRun(head: Results, batches: AsyncIterable<readonly ResultItem[]>, setup: RunSetup, endOf: () => Pick<Results, 'diagnostics' | 'interrupted'>): Promise<Results> {
  const baseline = setup.baseline ? { ...setup.baseline, update: setup.updateBaseline } : undefined;
  const policy = openPolicy({ ...setup.policy, today: isoDate(new Date()), ...(baseline ? { baseline } : {}) }, head);
  const digest = new RunDigest(head);
  const reports = new StreamedReports(head, setup.targets, { verbose: setup.verbose, sarifRoot: setup.sarifRoot });
  try {
    await reports.start();
    for await (const batch of batches) {
      const kept: ResultItem[] = [];
      for (const judged of batch) {
        const item = policy.item(redactItem(judged));
        if (!item) continue;
        digest.add(item);
        kept.push(item);
      }
      await reports.items(kept);
    }
  } catch (error) {
    reports.dispose(true);
    throw error;
  }
  const { diagnostics, interrupted } = endOf();
  const final = withDigest(
    {
      ...head,
      finishedAt: new Date().toISOString(),
      ...(interrupted ? { interrupted } : {}),
      ...(diagnostics && diagnostics.length > 0 ? { diagnostics } : {}),
      ...policy.finish({ interrupted: interrupted === true }),
      items: digest.examples(),
    },
    digest,
  );
  const rewritten = policy.updatedBaseline();
  // The baseline first, as a run held whole writes it: the reports say it was written.
  if (rewritten && setup.baseline) writeBaselineFile(setup.baseline.file, renderBaseline(rewritten));
  await reports.end(final);
  endRun(final, setup);
  return final;
}
