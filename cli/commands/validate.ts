import type { Command } from 'commander';
import { formatNames } from '../../conformance/reporters/names.js';
import { addPolicyOptions, BUILTIN_PROFILE_NAMES, collect, parseHttpStatus, type PolicyFlags } from '../options.js';

export interface ValidateFlags extends PolicyFlags {
  profile: string;
  status?: number;
  verbose?: boolean;
  progress: boolean;
}

export function registerValidate(program: Command): void {
  addPolicyOptions(program.command('validate'), 'should: any finding fails the run')
    .summary('check recorded error responses against the catalog')
    .description(
      'Check error bodies against the profile: one JSON body, a JSON array of bodies, JSON Lines (bodies or watch events) or a HAR file, where each recorded response is checked with its real status and headers.\n\nExit codes: 0 no findings (at the --fail-on level), 1 findings (or an expired waiver), 2 usage or input error, 5 nothing checked (no response was judged: an empty array or HAR, or only responses set apart), 130 stopped by Ctrl-C (what was judged until then is reported).',
    )
    .argument('[files...]', 'files to read; - for standard input')
    .option('-p, --profile <name|file>', `${BUILTIN_PROFILE_NAMES}, auto (the one the first error bodies fit), or a profile file`, 'kubernetes')
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--verbose', 'stylish: list every response with each of its findings, instead of showing a finding several responses share once')
    .option('--status <code>', 'HTTP status of bare bodies (HAR entries carry their own)', parseHttpStatus)
    .option('--no-progress', 'do not show progress on a terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint validate responses.har\n  kubectl get --raw /api/v1/namespaces/x/pods/missing 2>&1 | statuslint validate --status 404 -\n  statuslint validate --profile envelope --format json -o findings.json errors.jsonl',
    )
    // What the command does loads only when it runs: help needs none of it.
    .action(async (files: string[] | undefined, flags: ValidateFlags, command: Command) => (await import('../actions/validate.js')).validate(files, flags, command));
}
