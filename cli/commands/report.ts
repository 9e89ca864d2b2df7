import type { Command } from 'commander';
import { formatNames } from '../../conformance/reporters/names.js';
import { addPolicyOptions, collect, type PolicyFlags } from '../options.js';

export function registerReport(program: Command): void {
  addPolicyOptions(program.command('report'), 'as the command that made the results')
    .summary('render saved results again, in any format, or merge several runs into a fleet report')
    .description(
      `Read a results file written with \`--format json\` (validated against schemas/results.schema.json) and write it in other formats: ${formatNames()}.\n\nA config file or --baseline is applied to the saved results anew: levels, waivers, the inherited set, known findings.\n\nWith two or more files (one run per cluster), writes one fleet report as markdown (the default), html or json (schemas/generated/fleet.schema.json): a verdict per run, the problems every run shares, those that differ between runs, and the servers' versions side by side. The exit code is the worst of the runs'.\n\nExit codes: 0 conformant (validate results: no findings), 1 not conformant (validate results: findings; or findings at the --fail-on level, or an expired waiver), 2 usage or input error, 5 nothing checked (probe results).`,
    )
    .argument('<results...>', 'results file (JSON, from --format json); - for standard input; several for a fleet report')
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--verbose', 'stylish: list every response with each of its findings, instead of showing a finding several responses share once')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint probe --format json -o results.json\n  statuslint report results.json --format html -o report.html --format junit -o junit.xml --format markdown >> "$GITHUB_STEP_SUMMARY"\n  statuslint report prod-eu.json prod-us.json staging.json --format html -o fleet.html --format markdown',
    )
    // What the command does loads only when it runs: help needs none of it.
    .action(async (files: string[], flags: PolicyFlags & { verbose?: boolean }, command: Command) => (await import('../actions/report.js')).report(files, flags, command));
}
