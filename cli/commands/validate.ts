import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseRecorded, type RecordedResponse } from '../../conformance/recorded.js';
import { countFindings } from '../../conformance/results.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import { formatNames } from '../../conformance/reporters/index.js';
import { EXIT } from '../exit-codes.js';
import { outputTargets, writeResults } from '../output.js';
import { collect, parseFailOn, parseHttpStatus } from '../options.js';

interface ValidateFlags {
  profile: string;
  status?: number;
  failOn: 'must' | 'should';
}

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

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .summary('check recorded error responses against the catalog')
    .description(
      'Check error bodies against the profile: one JSON body, a JSON array of bodies, JSON Lines (bodies or watch events) or a HAR file, where each recorded response is checked with its real status and headers.\n\nExit codes: 0 no findings, 1 findings, 2 usage or input error.',
    )
    .argument('[files...]', 'files to read; - for standard input')
    .option('-p, --profile <name|file>', 'kubernetes, envelope, problem, or a profile file', 'kubernetes')
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--status <code>', 'HTTP status of bare bodies (HAR entries carry their own)', parseHttpStatus)
    .option('--fail-on <level>', 'lowest finding level that fails the run: must or should', parseFailOn, 'should')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint validate responses.har\n  kubectl get --raw /api/v1/namespaces/x/pods/missing 2>&1 | statuslint validate --status 404 -\n  statuslint validate --profile envelope --format json -o findings.json errors.jsonl',
    )
    .action((files: string[] | undefined, flags: ValidateFlags) => {
      const targets = outputTargets(process.argv.slice(2), 'stylish');
      const profile = resolveProfile(flags.profile);
      const inputs = files && files.length > 0 ? files : process.stdin.isTTY ? [] : ['-'];
      if (inputs.length === 0) throw new InputError('no input: name files, or pipe a body into standard input', 'validate');
      const responses: RecordedResponse[] = inputs.flatMap((file) => parseRecorded(readInput(file), file === '-' ? '<stdin>' : file, flags.status));
      const results = validateRecorded(responses, profile);
      writeResults(results, targets);
      const counts = countFindings(results);
      process.exitCode = counts.MUST > 0 || (flags.failOn === 'should' && counts.SHOULD > 0) ? EXIT.findings : EXIT.ok;
    });
}
