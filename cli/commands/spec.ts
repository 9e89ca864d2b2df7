import type { Command } from 'commander';
import { formatNames } from '../../conformance/reporters/index.js';
import { countFindings, type Results } from '../../conformance/results.js';
import { checkCluster, DEFAULT_CLUSTER_OPTIONS } from '../../conformance/spec/cluster.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { resolveTarget, type TargetFlags } from '../../conformance/target.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import { EXIT } from '../exit-codes.js';
import { runInterruptibly } from '../long-run.js';
import { addTargetOptions, collect, parseFailOn, parsePositiveInteger } from '../options.js';
import { outputTargets, writeResults } from '../output.js';

interface SpecFlags extends TargetFlags {
  fromCluster?: boolean;
  profile: string;
  check?: string[];
  failOn: 'must' | 'should';
  concurrency: number;
  timeout: number;
  progress: boolean;
}

const TARGET_FLAGS: ReadonlyArray<[keyof TargetFlags, string]> = [
  ['kubeconfig', '--kubeconfig'],
  ['context', '--context'],
  ['server', '--server'],
  ['token', '--token'],
  ['cert', '--cert'],
  ['key', '--key'],
  ['ca', '--ca'],
  ['insecureSkipTlsVerify', '--insecure-skip-tls-verify'],
  ['inCluster', '--in-cluster'],
];

export function registerSpec(program: Command): void {
  addTargetOptions(
    program
      .command('spec')
      .summary("check that an API's OpenAPI description promises correct errors")
      .description(
        "Check an OpenAPI description (Swagger 2.0, OpenAPI 3.0 or 3.1; JSON or YAML; a file, a URL or - for standard input), or with --from-cluster every document a Kubernetes API server serves (/openapi/v3/<group-version>, aggregated API servers included, and /openapi/v2): each operation documents the errors its verb can meet, error responses reference a schema compatible with the profile's error body as JSON, documented statuses are in the catalog, reason enums hold catalog reasons, and 429/503 document Retry-After.\n\nExit codes: 0 no findings, 1 findings (or a document the cluster could not serve), 2 usage or input error (an unreadable document, a bad $ref), 3 target unreachable.",
      )
      .argument('[document]', 'OpenAPI document: a file, an http(s) URL, or - for standard input')
      .option('--from-cluster', 'read the OpenAPI documents of the kubeconfig context (or --server) instead of a document'),
  )
    .option('-p, --profile <name|file>', 'kubernetes, envelope, problem, or a profile file', 'kubernetes')
    .option('--check <id>', `run only this check (repeatable): ${SPEC_CHECKS.map((c) => c.id).join(', ')}`, collect)
    .option('-f, --format <name>', `output format: ${formatNames()} (repeatable, pairs with -o)`, collect)
    .option('-o, --output <file>', 'write the preceding --format to this file', collect)
    .option('--fail-on <level>', 'lowest finding level that fails the run: must or should', parseFailOn, 'should')
    .option('--concurrency <n>', 'OpenAPI v3 documents fetched and checked at once (--from-cluster)', parsePositiveInteger, DEFAULT_CLUSTER_OPTIONS.concurrency)
    .option('--timeout <seconds>', 'per-request timeout', parsePositiveInteger, DEFAULT_CLUSTER_OPTIONS.timeoutMs / 1000)
    .option('--no-progress', 'do not show progress on a terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  statuslint spec openapi.yaml\n  statuslint spec https://api.example.com/openapi.json --profile problem\n  statuslint spec --from-cluster --context kind-kind --format sarif -o spec.sarif --format stylish',
    )
    .action(async (input: string | undefined, flags: SpecFlags) => {
      const targets = outputTargets(process.argv.slice(2), 'stylish');
      const profile = resolveProfile(flags.profile);
      if (profile.body.kind === 'none') throw new InputError(`the ${profile.name} profile has no error body to check documents against`, '--profile');
      for (const id of flags.check ?? []) {
        if (!SPEC_CHECKS.some((c) => c.id === id)) throw new InputError(`unknown check "${id}" (have: ${SPEC_CHECKS.map((c) => c.id).join(', ')})`, '--check');
      }
      const checks = flags.check ? SPEC_CHECKS.filter((c) => flags.check!.includes(c.id)) : undefined;
      const timeoutMs = flags.timeout * 1000;
      let results: Results;
      if (flags.fromCluster) {
        if (input !== undefined) throw new InputError('give a document or --from-cluster, not both', input);
        results = await fromCluster(flags, { profile, timeoutMs, ...(checks ? { checks } : {}) });
      } else {
        if (input === undefined) throw new InputError('no document: name a file or URL, use - for standard input, or --from-cluster', 'spec');
        const used = TARGET_FLAGS.find(([flag]) => flags[flag] !== undefined);
        if (used) throw new InputError('reads a cluster; add --from-cluster', used[1]);
        const startedAt = new Date();
        const document = await loadDocument(input, { timeoutMs });
        results = specResults({ profile, target: { server: document.source }, startedAt, items: checkDocument(document, { profile, ...(checks ? { checks } : {}) }) });
      }
      writeResults(results, targets);
      const counts = countFindings(results);
      const failed = counts.MUST > 0 || (flags.failOn === 'should' && counts.SHOULD > 0) || results.items.some((item) => item.error);
      process.exitCode = results.interrupted ? 130 : failed ? EXIT.findings : EXIT.ok;
    });
}

async function fromCluster(flags: SpecFlags, options: Pick<Parameters<typeof checkCluster>[1], 'profile' | 'timeoutMs' | 'checks'>): Promise<Results> {
  const target = await resolveTarget(flags);
  return runInterruptibly(
    { interruptedNote: 'writing what was checked so far', progressLabel: `checking OpenAPI documents of ${target.server}`, showProgress: flags.progress },
    ({ signal, progress }) =>
      checkCluster(target, { ...options, concurrency: flags.concurrency, signal, ...(progress ? { onProgress: progress } : {}) }),
  );
}
