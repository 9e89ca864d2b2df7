import type { Command } from 'commander';
import { DEFAULT_CLUSTER_OPTIONS } from '../../conformance/defaults.js';
import { formatNames } from '../../conformance/reporters/names.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import type { TargetFlags } from '../../conformance/target.js';
import { addPolicyOptions, BUILTIN_PROFILE_NAMES, addTargetOptions, collect, parsePositiveInteger, type PolicyFlags } from '../options.js';

export interface SpecFlags extends TargetFlags, PolicyFlags {
  fromCluster?: boolean;
  allowExternalRefs?: boolean;
  profile: string;
  check?: string[];
  concurrency: number;
  timeout: number;
  progress: boolean;
  verbose?: boolean;
}

export function registerSpec(program: Command): void {
  addPolicyOptions(addTargetOptions(
    program
      .command('spec')
      .summary("check that an API's OpenAPI description promises correct errors")
      .description(
        "Check an OpenAPI description (Swagger 2.0, OpenAPI 3.0 or 3.1; JSON or YAML; a file, a URL or - for standard input), or with --from-cluster every document a Kubernetes API server serves (/openapi/v3/<group-version>, aggregated API servers included, and /openapi/v2): each operation documents the errors its verb can meet, error responses reference a schema compatible with the profile's error body as JSON, documented statuses are in the catalog, reason enums hold catalog reasons, and 429/503 document Retry-After.\n\nExternal $refs are followed only within the document's origin (a URL) or under its directory (a file; standard input: the current directory), and never inside data (example and examples values, enum, default, const, x- extensions); a document a cluster serves may reference nothing outside itself. A $ref outside that is an input error naming where it stands.\n\nExit codes: 0 no findings (at the --fail-on level), 1 findings (or a document the cluster could not serve, or an expired waiver), 2 usage or input error (an unreadable document, a bad $ref), 3 target unreachable.",
      )
      .argument('[document]', 'OpenAPI document: a file, an http(s) URL, or - for standard input (default: the config\'s openapi)')
      .option('--from-cluster', 'read the OpenAPI documents of the kubeconfig context (or --server) instead of a document'),
  ), 'should: any finding fails the run')
    .option('-p, --profile <name|file>', `${BUILTIN_PROFILE_NAMES}, or a profile file`, 'kubernetes')
    .option('--check <id>', `run only this check (repeatable): ${SPEC_CHECKS.map((c) => c.id).join(', ')}`, collect)
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--verbose', 'stylish: list every response with each of its findings, instead of showing a finding several responses share once')
    .option('--allow-external-refs', 'trust the document: its $refs may read any file and fetch any URL (default: only its own origin, or files under its own directory)')
    .option('--concurrency <n>', 'OpenAPI v3 documents fetched and checked at once (--from-cluster)', parsePositiveInteger, DEFAULT_CLUSTER_OPTIONS.concurrency)
    .option('--timeout <seconds>', 'per-request timeout', parsePositiveInteger, DEFAULT_CLUSTER_OPTIONS.timeoutMs / 1000)
    .option('--no-progress', 'do not show progress on a terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint spec openapi.yaml\n  statuslint spec https://api.example.com/openapi.json --profile problem\n  statuslint spec --from-cluster --context kind-kind --format sarif -o spec.sarif --format stylish',
    )
    // What the command does loads only when it runs: help needs none of it.
    .action(async (input: string | undefined, flags: SpecFlags, command: Command) => (await import('../actions/spec.js')).spec(input, flags, command));
}
