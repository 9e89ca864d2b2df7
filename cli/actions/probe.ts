import { readFileSync } from 'node:fs';
import { DEFAULT_PROBE_OPTIONS } from '../../conformance/defaults.js';
import { PROBES } from '../../conformance/probes/index.js';
import { runProbes } from '../../conformance/runner.js';
import { resolveTarget } from '../../conformance/target.js';
import { isConformant } from '../../conformance/verdict.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { ProbeFlags } from '../commands/probe.js';
import { EXIT } from '../exit-codes.js';
import { runInterruptibly } from '../long-run.js';
import { outputTargets, writeResults } from '../output.js';
import { KUBERNETES_ONLY_FLAGS, probeFromOpenApi } from './probe-openapi.js';

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, '--direct-ca');
  }
}

/** `statuslint probe`: a Kubernetes API server by discovery, or any HTTP API with --openapi. */
export async function probe(flags: ProbeFlags): Promise<void> {
  const targets = outputTargets(process.argv.slice(2), 'stylish');
  const profile = resolveProfile(flags.profile);
  if (flags.openapi !== undefined) {
    for (const name of KUBERNETES_ONLY_FLAGS) {
      if (flags[name] !== undefined) throw new InputError('applies to Kubernetes discovery, not to --openapi', `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
    const results = await probeFromOpenApi({ ...flags, openapi: flags.openapi }, profile, DEFAULT_PROBE_OPTIONS.maxBodyBytes);
    writeResults(results, targets, { verbose: flags.verbose === true });
    process.exitCode = results.interrupted ? 130 : isConformant(results) ? EXIT.ok : EXIT.findings;
    return;
  }
  for (const name of ['operation', 'bodyLimit', 'allowExternalRefs'] as const) {
    if (flags[name] !== undefined) throw new InputError('needs --openapi', `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  if (flags.directCa && !flags.direct) throw new InputError('--direct-ca needs --direct', '--direct-ca');
  if (profile.body.kind !== 'kubernetes-status') throw new InputError('probing a Kubernetes API server needs the kubernetes profile (or one extending it); to probe another API, give its OpenAPI document with --openapi', '--profile');
  for (const id of flags.probe ?? []) {
    if (!PROBES.some((p) => p.id === id)) throw new InputError(`unknown probe "${id}" (have: ${PROBES.map((p) => p.id).join(', ')})`, '--probe');
  }
  const target = await resolveTarget(flags);
  const results = await runInterruptibly(
    { interruptedNote: 'cleaning up and writing what ran so far', progressLabel: `probing ${target.server}`, showProgress: flags.progress },
    ({ signal, progress }) =>
      runProbes(target, {
        profile,
        namespace: flags.namespace,
        filter: { ...(flags.group ? { groups: flags.group } : {}), ...(flags.resource ? { resources: flags.resource } : {}) },
        probeIds: flags.probe ?? [],
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout * 1000,
        maxBodyBytes: DEFAULT_PROBE_OPTIONS.maxBodyBytes,
        allowWrites: flags.allowWrites === true,
        unprivilegedUser: flags.unprivilegedUser,
        signal,
        ...(flags.direct ? { direct: { server: flags.direct, ...(flags.directCa ? { ca: readCa(flags.directCa) } : {}) } } : {}),
        ...(progress ? { onProgress: progress } : {}),
      }),
  );
  writeResults(results, targets, { verbose: flags.verbose === true });
  if (results.throwawayNamespace && !results.throwawayNamespace.deleted) {
    process.stderr.write(`statuslint: throwaway namespace ${results.throwawayNamespace.name}: ${results.throwawayNamespace.note ?? 'not deleted'}\n`);
  }
  process.exitCode = results.interrupted ? 130 : isConformant(results) ? EXIT.ok : EXIT.findings;
}
