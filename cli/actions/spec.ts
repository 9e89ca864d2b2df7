import type { Command } from 'commander';
import type { Results } from '../../conformance/results.js';
import { checkCluster } from '../../conformance/spec/cluster.js';
import type { SpecCheck } from '../../conformance/spec/check.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { resolveTarget, type TargetFlags } from '../../conformance/target.js';
import { resolveProfile } from '../../schemas/compile.js';
import type { Profile } from '../../schemas/types.js';
import { InputError } from '../../schemas/errors.js';
import type { SpecFlags } from '../commands/spec.js';
import { progressLine, runInterruptibly } from '../long-run.js';
import { finishRun, prepareRun } from '../run-setup.js';

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

/** `statuslint spec`: one OpenAPI document, or every document a cluster serves. */
export async function spec(argument: string | undefined, rawFlags: SpecFlags, command: Command): Promise<void> {
  const { flags, setup } = prepareRun('spec', rawFlags, command, process.argv.slice(2));
  // The config's API document is the one to check when none is named (and no cluster is read).
  const input = argument ?? (flags.fromCluster ? undefined : setup.config?.document.openapi);
  const profile = resolveProfile(flags.profile);
  for (const id of flags.check ?? []) {
    if (!SPEC_CHECKS.some((c) => c.id === id)) throw new InputError(`unknown check "${id}" (have: ${SPEC_CHECKS.map((c) => c.id).join(', ')})`, '--check');
  }
  const checks = flags.check ? SPEC_CHECKS.filter((c) => flags.check!.includes(c.id)) : undefined;
  const timeoutMs = flags.timeout * 1000;
  let results: Results;
  if (flags.fromCluster) {
    if (input !== undefined) throw new InputError('give a document or --from-cluster, not both', input);
    if (flags.allowExternalRefs) throw new InputError('applies to a document; the documents a cluster serves may reference nothing outside themselves', '--allow-external-refs');
    results = await fromCluster(flags, { profile, timeoutMs, ...(checks ? { checks } : {}) });
  } else {
    if (input === undefined) throw new InputError('no document: name a file or URL, use - for standard input, or --from-cluster', 'spec');
    const used = TARGET_FLAGS.find(([flag]) => flags[flag] !== undefined);
    if (used) throw new InputError('reads a cluster; add --from-cluster', used[1]);
    results = await fromDocument(input, flags, { profile, timeoutMs, ...(checks ? { checks } : {}) });
  }
  finishRun(results, setup);
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Read and check one document. A function of its own so that the document, which can take hundreds of
 * megabytes, is let go when it returns: reports are written with the results alone in memory.
 */
async function fromDocument(input: string, flags: SpecFlags, options: { profile: Profile; timeoutMs: number; checks?: readonly SpecCheck[] }): Promise<Results> {
  const { profile, timeoutMs, checks } = options;
  const startedAt = new Date();
  const progress = progressLine('spec', flags.progress);
  try {
    const document = await loadDocument(input, { timeoutMs, externalRefs: flags.allowExternalRefs ? 'any' : 'contained', onStage: (stage) => progress?.(stage) });
    const onProgress = progress ? ({ stage, done, total }: { stage: string; done?: number; total?: number }) => progress(total === undefined ? stage : `${stage} ${count(done ?? 0)}/${count(total)}`) : undefined;
    return specResults({
      profile,
      target: { server: document.source },
      startedAt,
      items: checkDocument(document, { profile, ...(checks ? { checks } : {}), ...(onProgress ? { onProgress } : {}) }),
    });
  } finally {
    progress?.(undefined);
  }
}

async function fromCluster(flags: SpecFlags, options: Pick<Parameters<typeof checkCluster>[1], 'profile' | 'timeoutMs' | 'checks'>): Promise<Results> {
  const target = await resolveTarget(flags);
  return runInterruptibly(
    { interruptedNote: 'writing what was checked so far', progressLabel: `checking OpenAPI documents of ${target.server}`, showProgress: flags.progress },
    ({ signal, progress }) =>
      checkCluster(target, { ...options, concurrency: flags.concurrency, signal, ...(progress ? { onProgress: progress } : {}) }),
  );
}
