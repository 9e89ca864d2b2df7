#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError, UnreachableError } from '../schemas/errors.js';
import { toolVersion } from '../schemas/paths.js';
import { registerCatalog } from './commands/catalog.js';
import { registerProbe } from './commands/probe.js';
import { registerReport } from './commands/report.js';
import { registerSpec } from './commands/spec.js';
import { registerValidate } from './commands/validate.js';
import { EXIT } from './exit-codes.js';

function fail(line: string, code: number): void {
  process.stderr.write(`statuslint: ${line}\n`);
  process.exitCode = code;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('statuslint')
    .description('Checks that API errors are correct: Kubernetes Status, JSON error envelopes and problem details.')
    .version(toolVersion(), '-v, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .addHelpText('after', '\nExit codes: 0 clean, 1 findings, 2 usage or input error, 3 target unreachable.\nDocs: docs/catalog.md, docs/checks/');
  registerProbe(program);
  registerValidate(program);
  registerSpec(program);
  registerReport(program);
  registerCatalog(program);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; help and version are not errors.
      const informational = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      process.exitCode = informational ? EXIT.ok : EXIT.usage;
    } else if (error instanceof InputError) {
      fail(error.toLine(), EXIT.usage);
    } else if (error instanceof UnreachableError) {
      fail(error.message, EXIT.unreachable);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      fail(`internal error: ${message}${process.env.STATUSLINT_DEBUG ? `\n${(error as Error).stack}` : ' (set STATUSLINT_DEBUG=1 for details)'}`, 4);
    }
  }
}

await main(process.argv);
