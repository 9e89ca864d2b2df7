import { type Command, InvalidArgumentError } from 'commander';
import { PROBES } from '../../conformance/probes/index.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { BODY_LIMIT_RANGE, DEFAULT_PROBE_OPTIONS, MAX_BODY_LIMIT } from '../../conformance/defaults.js';
import { formatNames } from '../../conformance/reporters/names.js';
import type { TargetFlags } from '../../conformance/target.js';
import { BUILTIN_PROFILES } from '../../schemas/builtin-profiles.js';
import { addPolicyOptions, addTargetOptions, collect, parsePositiveInteger, parseRateLimit, type PolicyFlags } from '../options.js';

export interface ProbeFlags extends TargetFlags, PolicyFlags {
  profile: string;
  openapi?: string;
  operation?: string[];
  tag?: string[];
  path?: string[];
  method?: string[];
  maxTime?: number;
  rateLimit?: { requests: number; perMs: number };
  bodyLimit?: number;
  allowExternalRefs?: boolean;
  namespace: string;
  group?: string[];
  resource?: string[];
  probe?: string[];
  concurrency: number;
  timeout: number;
  allowWrites?: boolean;
  unprivilegedUser: string;
  progress: boolean;
  verbose?: boolean;
  direct?: string;
  directCa?: string;
}

/** `--body-limit`: the probe sends a body one byte larger, so the limit has a ceiling (`MAX_BODY_LIMIT`). */
function parseBodyLimit(value: string): number {
  const bytes = Number(value);
  if (!/^\d+$/.test(value) || bytes < 1 || bytes > MAX_BODY_LIMIT) throw new InvalidArgumentError(`must be ${BODY_LIMIT_RANGE}`);
  return bytes;
}

export function registerProbe(program: Command): void {
  addPolicyOptions(addTargetOptions(
    program.command('probe'),
  ), 'must: MUST findings and probes without a response fail the run')
    .summary('elicit every kind of error from a live API server and check each one')
    .description(
      'Discover the target (/api, /apis, APIServices), send probes that elicit each error the API conventions define, and check every response against the catalog. Writes use dryRun=All; probes that could persist if a server ignored dryRun run only with --allow-writes, in a throwaway namespace that is deleted at the end (also on Ctrl-C).\n\nAny other HTTP API: with --openapi, each operation of the document gets probes that break one thing about a valid request (an unknown id, a body that is not JSON, a missing field, a wrong media type, a method the path lacks, a missing parameter, a body over the limit, no credentials, a read of what was just deleted), and each answer is checked against the profile: its envelope or problem schema, code and HTTP status, request ids, the responses the document declares, retry guidance.\n\nExit codes: 0 conformant, 1 not conformant (or findings at the --fail-on level, or an expired waiver), 2 usage or configuration error, 3 target unreachable, 4 internal error, 5 nothing checked (no response judged, or no resource of a group named with --group probed), 130 interrupted.',
    )
    .option('--openapi <file|url>', 'probe any HTTP API: derive probes from each operation of this OpenAPI document (with --profile envelope, problem or a file)')
    .option('--operation <id>', 'with --openapi: probe only this operation (operationId or "METHOD /path"; repeatable)', collect)
    .option('--tag <regex>', 'with --openapi: probe only operations with a tag this regular expression (RE2 syntax) finds (repeatable)', collect)
    .option('--path <regex>', 'with --openapi: probe only operations whose path template this regular expression finds, e.g. "^/items" (repeatable)', collect)
    .option('--method <regex>', 'with --openapi: probe only operations whose method this regular expression matches whole, any case, e.g. "get|delete" (repeatable)', collect)
    .option('--allow-external-refs', 'with --openapi: trust the document, letting its $refs read any file and fetch any URL (default: only its own origin, or files under its own directory)')
    .option('-H, --header <"Name: value">', 'with --openapi: send this header with every request, e.g. an API key (repeatable); its value is a credential: sent to the target only, redacted in reports', collect)
    .option('--basic-auth <user:password>', 'with --openapi: HTTP basic authentication; the password is redacted in reports')
    .option('--body-limit <bytes>', 'with --openapi: the body size the API refuses, where the document states none (default 1 MiB, at most 64 MiB)', parseBodyLimit)
    .option('--direct <url>', 'also probe the aggregated API server at its own address and compare (use with --group)')
    .option('--direct-ca <file>', 'CA bundle for the --direct server (default: the target\'s)')
    .option('-p, --profile <name|file>', `kubernetes (or a profile file extending it); with --openapi also ${BUILTIN_PROFILES.filter((name) => name !== 'kubernetes').join(', ')}, auto (the one the first error bodies fit, said in the report) or a profile file of your own`, 'kubernetes')
    .option('-n, --namespace <name>', 'namespace for namespaced resources', DEFAULT_PROBE_OPTIONS.namespace)
    .option('--group <group>', 'probe only this API group (core for the core group; repeatable)', collect)
    .option('--resource <name>', 'probe only this resource, e.g. configmaps or widgets.example.dev (repeatable)', collect)
    .option('--probe <id>', `run only this probe (repeatable): ${PROBES.map((p) => p.id).join(', ')}; with --openapi: ${API_PROBES.map((p) => p.id).join(', ')}`, collect)
    .option('--concurrency <n>', 'requests in flight at once', parsePositiveInteger, DEFAULT_PROBE_OPTIONS.concurrency)
    .option('--timeout <seconds>', 'per-request timeout', parsePositiveInteger, DEFAULT_PROBE_OPTIONS.timeoutMs / 1000)
    .option('--max-time <seconds>', 'start no probe after this long; the report lists those not run, and the run ends as interrupted (exit 130), never conformant', parsePositiveInteger)
    .option('--rate-limit <n/unit>', 'send at most this many requests per second, minute or hour, e.g. 10/s or 300/m (every request: discovery and setup too)', parseRateLimit)
    .option('--allow-writes', 'create a throwaway namespace for probes that could persist if dryRun were ignored; with --openapi: also run the probes a server that skips validation would store (test instances only)')
    .option('--unprivileged-user <name>', 'user impersonated by the forbidden probe', DEFAULT_PROBE_OPTIONS.unprivilegedUser)
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--verbose', 'stylish: list every response with each of its findings, instead of showing a finding several responses share once')
    .option('--no-progress', 'do not show progress on a terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint probe --context kind-kind\n  statuslint probe --baseline statuslint.baseline.json --fail-on should   # fail only on findings the baseline does not hold\n  statuslint probe --group wardle.example.com --direct https://wardle.example:8443 --format json -o results.json --format stylish\n  statuslint probe --in-cluster --namespace statuslint   # as a Job, with its service account\n  statuslint probe --openapi openapi.yaml --server http://localhost:8080 --profile envelope\n  statuslint probe --openapi https://api.example.com/openapi.json --profile problem --token "$TOKEN" --format html -o report.html\n  statuslint probe --openapi openapi.yaml --server http://localhost:8080 -H "X-Api-Key: $API_KEY"\n\nA statuslint.config.yaml in this directory or a parent holds the same settings, and more (check levels, ignores, waivers); flags override it.',
    )
    // What the command does loads only when it runs: help needs none of it.
    .action(async (flags: ProbeFlags, command: Command) => (await import('../actions/probe.js')).probe(flags, command));
}
