#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError, UnreachableError } from '../schemas/errors.js';
import { toolVersion } from '../schemas/paths.js';
import { visible } from '../conformance/untrusted.js';
import { EXIT } from './exit-codes.js';
import { guardStandardStreams, standardOutputWritten } from './standard-streams.js';

type Register = (program: Command) => void;

// Commands load on demand: probe and spec pull in @kubernetes/client-node, undici and swagger-parser,
// which take most of a second to load. In help order.
const COMMANDS: ReadonlyArray<[string, () => Promise<Register>]> = [
  ['probe', async () => (await import('./commands/probe.js')).registerProbe],
  ['validate', async () => (await import('./commands/validate.js')).registerValidate],
  ['spec', async () => (await import('./commands/spec.js')).registerSpec],
  ['report', async () => (await import('./commands/report.js')).registerReport],
  ['catalog', async () => (await import('./commands/catalog.js')).registerCatalog],
  ['docs', async () => (await import('./commands/docs.js')).registerDocs],
];

/**
 * The commands this command line needs: none for a bare `--version`, only the one named first, and
 * every one otherwise (help, a mistyped command and its suggestions).
 */
function commandsFor(argv: readonly string[]): ReadonlyArray<[string, () => Promise<Register>]> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return [];
  const named = COMMANDS.find(([name]) => name === args[0]);
  return named ? [named] : COMMANDS;
}

function fail(line: string, code: number): void {
  // An error quotes what a document or server wrote ($refs, names, messages): one visible line, always.
  process.stderr.write(`statuslint: ${visible(line)}\n`);
  process.exitCode = code;
}

export async function main(argv: readonly string[]): Promise<void> {
  guardStandardStreams();
  const program = new Command('statuslint')
    .description('Checks that API errors are correct: Kubernetes Status, JSON error envelopes and problem details.')
    .version(toolVersion(), '-v, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .addHelpText('after', '\nExit codes: 0 clean, 1 findings (at the --fail-on level) or an expired waiver, 2 usage, input or output error, 3 target unreachable.\nConfig: statuslint.config.yaml in this directory or a parent holds flags, check levels, ignores and waivers; flags override it.\nDocs: statuslint docs ID prints the page of a check, probe or rule; statuslint docs lists them.');
  for (const [, load] of commandsFor(argv)) (await load())(program);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'node' });
    // A report to a pipe is written as fast as the reader takes it, after the command returned.
    await standardOutputWritten();
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
      fail(`internal error: ${message}${process.env.STATUSLINT_DEBUG ? `\n${(error as Error).stack}` : ' (set STATUSLINT_DEBUG=1 for details)'}`, EXIT.internal);
    }
  }
}

await main(process.argv);
