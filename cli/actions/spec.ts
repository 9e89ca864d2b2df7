import type { Command } from 'commander';
import type { Results } from '../../conformance/results.js';
import { checkCluster } from '../../conformance/spec/cluster.js';
import type { SpecCheck } from '../../conformance/spec/check.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocumentInParts, type DocumentParts, type ItemStore, type SpecResultItem, specResults } from '../../conformance/spec/run.js';
import { resolveTarget, type TargetFlags } from '../../conformance/target.js';
import { resolveProfile } from '../../schemas/compile.js';
import type { Profile } from '../../schemas/types.js';
import { InputError } from '../../schemas/errors.js';
import type { SpecFlags } from '../commands/spec.js';
import { collectGarbageNow, progressLine, runInterruptibly } from '../long-run.js';
import { ItemSpool } from '../report-spool.js';
import { finishRun, prepareRun, type RunSetup, streamRun } from '../run-setup.js';

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
  if (flags.fromCluster) {
    if (input !== undefined) throw new InputError('give a document or --from-cluster, not both', input);
    if (flags.allowExternalRefs) throw new InputError('applies to a document; the documents a cluster serves may reference nothing outside themselves', '--allow-external-refs');
    finishRun(await fromCluster(flags, { profile, timeoutMs, ...(checks ? { checks } : {}) }), setup);
    return;
  }
  if (input === undefined) throw new InputError('no document: name a file or URL, use - for standard input, or --from-cluster', 'spec');
  const used = TARGET_FLAGS.find(([flag]) => flags[flag] !== undefined);
  if (used) throw new InputError('reads a cluster; add --from-cluster', used[1]);
  await fromDocument(input, flags, setup, { profile, timeoutMs, ...(checks ? { checks } : {}) });
}

const count = (n: number): string => n.toLocaleString('en-US');

type DocumentJob = { profile: Profile; timeoutMs: number; checks?: readonly SpecCheck[] };

/**
 * Read and check one document, then write its reports from the operations' items set aside in a
 * temporary file (see `checkDocumentInParts`): while the reports are written, neither the document nor
 * its results are in memory, whatever their size.
 */
async function fromDocument(input: string, flags: SpecFlags, setup: RunSetup, job: DocumentJob): Promise<void> {
  const startedAt = new Date();
  const progress = progressLine('spec', flags.progress);
  const spool = new ItemSpool<SpecResultItem>();
  try {
    const { parts, source } = await judgedDocument(input, flags, job, spool, progress);
    // The document is let go: its memory is returned before the text is read again and reports written.
    collectGarbageNow();
    const head = specResults({ profile: job.profile, target: { server: source }, startedAt, items: [] });
    await runInterruptibly({ interruptedNote: 'writing what was reported so far', progressLabel: 'spec', showProgress: false }, ({ signal }) =>
      streamRun(head, itemsOf(parts, signal, () => progress?.(undefined)), setup, () => (signal.aborted ? { interrupted: true } : {})),
    );
  } finally {
    spool.dispose();
    progress?.(undefined);
  }
}

/** The document read and judged: a function of its own, so that the document is let go when it returns. */
async function judgedDocument(input: string, flags: SpecFlags, job: DocumentJob, store: ItemStore, progress: ((text: string | undefined) => void) | undefined): Promise<{ parts: DocumentParts; source: string }> {
  const { profile, timeoutMs, checks } = job;
  const document = await loadDocument(input, { timeoutMs, externalRefs: flags.allowExternalRefs ? 'any' : 'contained', onStage: (stage) => progress?.(stage) });
  const onProgress = progress ? ({ stage, done, total }: { stage: string; done?: number; total?: number }) => progress(total === undefined ? stage : `${stage} ${count(done ?? 0)}/${count(total)}`) : undefined;
  return { parts: checkDocumentInParts(document, { profile, store, ...(checks ? { checks } : {}), ...(onProgress ? { onProgress } : {}) }), source: document.source };
}

/** Batches between two turns of the event loop, in which Ctrl-C is heard: the items are read from a file without waiting. */
const BATCHES_BETWEEN_TURNS = 50;

/** The items, a batch at a time, until Ctrl-C (`signal`); `done` before the run's summary is written. */
async function* itemsOf(parts: DocumentParts, signal: AbortSignal, done: () => void): AsyncGenerator<SpecResultItem[]> {
  try {
    let given = 0;
    for (const batch of parts.batches()) {
      yield batch;
      if (++given % BATCHES_BETWEEN_TURNS === 0) await new Promise(setImmediate);
      if (signal.aborted) return;
    }
  } finally {
    done();
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
