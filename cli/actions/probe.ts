import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { DEFAULT_PROBE_OPTIONS } from '../../conformance/defaults.js';
import { PROBES } from '../../conformance/probes/index.js';
import { runProbes } from '../../conformance/runner.js';
import { resolveTarget } from '../../conformance/target.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { ProbeFlags } from '../commands/probe.js';
import { probeSelection } from '../config/probe-selection.js';
import { runInterruptibly } from '../long-run.js';
import { finishRun, prepareRun, type RunSetup } from '../run-setup.js';
import { KUBERNETES_ONLY_FLAGS, probeFromOpenApi, runPaceOf } from './probe-openapi.js';

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, '--direct-ca');
  }
}

/** The config's probe switches (`probes: { timeout: on, method-not-allowed: off }`), when it has them. */
const switchesOf = (setup: RunSetup): Readonly<Record<string, 'on' | 'off'>> | undefined => {
  const probes = setup.config?.document.probes;
  return probes !== undefined && !Array.isArray(probes) ? probes : undefined;
};

/** `statuslint probe`: a Kubernetes API server by discovery, or any HTTP API with --openapi. */
export async function probe(rawFlags: ProbeFlags, command: Command): Promise<void> {
  const { flags, setup } = prepareRun('probe', rawFlags, command, process.argv.slice(2));
  // `auto` picks from the error bodies of an API probed with --openapi; elsewhere resolveProfile says so.
  const auto = flags.openapi !== undefined && flags.profile === AUTO_PROFILE;
  const profile = auto ? AUTO_PROFILE : resolveProfile(flags.profile);
  const configName = setup.config?.name ?? 'the config';
  if (flags.openapi !== undefined) {
    for (const name of KUBERNETES_ONLY_FLAGS) {
      if (flags[name] !== undefined) throw new InputError('applies to Kubernetes discovery, not to --openapi', `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
    const selection = probeSelection(API_PROBES, flags.probe, switchesOf(setup), configName);
    const { results, ignoredBeforeRun } = await probeFromOpenApi({ ...flags, openapi: flags.openapi, probe: selection.probeIds }, profile, DEFAULT_PROBE_OPTIONS.maxBodyBytes, setup.policy.ignore ?? []);
    finishRun(results, { ...setup, policy: { ...setup.policy, ignoredBeforeRun } }, { probesOff: selection.probesOff });
    return;
  }
  for (const name of ['operation', 'tag', 'path', 'method', 'bodyLimit', 'allowExternalRefs', 'header', 'basicAuth'] as const) {
    if (flags[name] !== undefined) throw new InputError('needs --openapi', `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  if (flags.directCa && !flags.direct) throw new InputError('--direct-ca needs --direct', '--direct-ca');
  if (profile === AUTO_PROFILE || profile.body.kind !== 'kubernetes-status') throw new InputError('probing a Kubernetes API server needs the kubernetes profile (or one extending it); to probe another API, give its OpenAPI document with --openapi', '--profile');
  for (const id of flags.probe ?? []) {
    if (!PROBES.some((p) => p.id === id)) throw new InputError(`unknown probe "${id}" (have: ${PROBES.map((p) => p.id).join(', ')})`, '--probe');
  }
  const selection = probeSelection(PROBES, flags.probe, switchesOf(setup), configName);
  const target = await resolveTarget(flags);
  const results = await runInterruptibly(
    { interruptedNote: 'cleaning up and writing what ran so far', progressLabel: `probing ${target.server}`, showProgress: flags.progress },
    ({ signal, progress }) =>
      runProbes(target, {
        profile,
        namespace: flags.namespace,
        filter: { ...(flags.group ? { groups: flags.group } : {}), ...(flags.resource ? { resources: flags.resource } : {}) },
        probeIds: selection.probeIds,
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout * 1000,
        maxBodyBytes: DEFAULT_PROBE_OPTIONS.maxBodyBytes,
        allowWrites: flags.allowWrites === true,
        unprivilegedUser: flags.unprivilegedUser,
        pace: runPaceOf(flags),
        signal,
        ...(flags.direct ? { direct: { server: flags.direct, ...(flags.directCa ? { ca: readCa(flags.directCa) } : {}) } } : {}),
        ...(progress ? { onProgress: progress } : {}),
      }),
  );
  finishRun(results, setup, { probesOff: selection.probesOff });
  if (results.throwawayNamespace && !results.throwawayNamespace.deleted) {
    process.stderr.write(`statuslint: throwaway namespace ${results.throwawayNamespace.name}: ${results.throwawayNamespace.note ?? 'not deleted'}\n`);
  }
}
