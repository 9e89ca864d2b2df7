import { runApiProbes } from '../../conformance/api/runner.js';
import { DEFAULT_BODY_LIMIT } from '../../conformance/defaults.js';
import { apiOperationsOf, documentBasePath, documentServer, documentServerRefusal, type OperationFilter, operationMatcher } from '../../conformance/api/operations.js';
import { sniffProfile } from '../../conformance/api/profile-sniff.js';
import { withCredentialsNote } from '../../conformance/diagnostics.js';
import { withProfileFit } from '../../conformance/profile-fit.js';
import { RunPace, type RunLimits } from '../../conformance/run-core.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { indexOf } from '../../schemas/catalog.js';
import { operationsNotIgnored } from '../../conformance/policy/ignore.js';
import type { AppliedIgnore } from '../../conformance/policy/record.js';
import type { SpecDocument } from '../../conformance/spec/document.js';
import type { IgnoreDocument } from '../../schemas/config-schema.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import type { Results } from '../../conformance/results.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { resolveTarget, type TargetFlags } from '../../conformance/target.js';
import type { Profile } from '../../schemas/types.js';
import { InputError } from '../../schemas/errors.js';
import { runInterruptibly } from '../long-run.js';

export interface OpenApiProbeFlags extends TargetFlags {
  openapi: string;
  probe?: string[];
  operation?: string[];
  tag?: string[];
  path?: string[];
  method?: string[];
  maxTime?: number;
  rateLimit?: { requests: number; perMs: number };
  concurrency: number;
  timeout: number;
  bodyLimit?: number;
  allowWrites?: boolean;
  allowExternalRefs?: boolean;
  progress: boolean;
}

/** Flags that only make sense for a Kubernetes API server's discovery. */
export const KUBERNETES_ONLY_FLAGS = ['group', 'resource', 'direct', 'directCa'] as const;

/** `--max-time` and `--rate-limit` for either kind of probe; the clock starts here. */
export const runPaceOf = (flags: { maxTime?: number; rateLimit?: RunLimits['rate'] }): RunPace =>
  new RunPace({ ...(flags.maxTime !== undefined ? { maxTimeMs: flags.maxTime * 1000 } : {}), ...(flags.rateLimit ? { rate: flags.rateLimit } : {}) });

/** The operations to probe: those `--operation`, `--tag`, `--path` and `--method` select (all without them), less those the config ignores, which get no request. */
function operationsToProbe(document: SpecDocument, filter: OperationFilter, ignore: readonly IgnoreDocument[]): { operations: string[]; ignoredBeforeRun: AppliedIgnore[] } {
  const wanted = filter.operations ?? [];
  // Compiled before any request, so that a pattern RE2 cannot run fails the run at once.
  const selected = operationMatcher(filter);
  if (ignore.length === 0) return { operations: [...wanted], ignoredBeforeRun: [] };
  const titles = apiOperationsOf(document)
    .filter(selected)
    .map((operation) => operation.title);
  const { kept, ignored } = operationsNotIgnored(titles, ignore);
  if (kept.length === 0 && titles.length > 0) throw new InputError('every operation selected is ignored by the config', 'ignore');
  return { operations: kept.length === titles.length ? [...wanted] : kept, ignoredBeforeRun: ignored };
}

/** `statuslint probe --openapi`: probes derived from each operation of the document, sent to --server (or the document's server). */
export async function probeFromOpenApi(flags: OpenApiProbeFlags, wanted: Profile | typeof AUTO_PROFILE, maxBodyBytes: number, ignore: readonly IgnoreDocument[] = []): Promise<{ results: Results; ignoredBeforeRun: AppliedIgnore[] }> {
  for (const id of flags.probe ?? []) {
    if (!API_PROBES.some((p) => p.id === id)) throw new InputError(`unknown probe "${id}" for --openapi (have: ${API_PROBES.map((p) => p.id).join(', ')})`, '--probe');
  }
  const document = await loadDocument(flags.openapi, { externalRefs: flags.allowExternalRefs === true ? 'any' : 'contained' });
  let server = flags.server;
  const named = documentServer(document);
  if (server === undefined && !flags.kubeconfig && !flags.context && !flags.inCluster) {
    if (!named) throw new InputError('the document names no absolute server URL (servers[0].url); give --server', flags.openapi);
    const credentials = (['token', 'cert', 'key', 'header', 'basicAuth'] as const).filter((name) => flags[name] !== undefined).map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    const refused = documentServerRefusal(named, flags.openapi, credentials);
    if (refused) throw new InputError(refused, '--server');
    server = named;
  } else if (server !== undefined && !named) {
    // A relative `servers[0].url` (`/v1`) is a prefix under whatever host serves the API.
    server = `${server.replace(/\/+$/, '')}${documentBasePath(document)}`;
  }
  const target = await resolveTarget({ ...flags, ...(server !== undefined ? { server } : {}) });
  const filter = { ...(flags.tag ? { tags: flags.tag } : {}), ...(flags.path ? { paths: flags.path } : {}), ...(flags.method ? { methods: flags.method } : {}) };
  const { operations, ignoredBeforeRun } = operationsToProbe(document, { ...filter, operations: flags.operation ?? [] }, ignore);
  const selected = apiOperationsOf(document).filter(operationMatcher({ ...filter, operations }));
  const sniffed = wanted === AUTO_PROFILE ? await sniffProfile(document, target, selected, { timeoutMs: flags.timeout * 1000, maxBodyBytes, bodyLimit: flags.bodyLimit ?? DEFAULT_BODY_LIMIT }) : undefined;
  const profile = sniffed?.profile ?? (wanted as Profile);
  const ran = await runInterruptibly(
    { interruptedNote: 'writing what ran so far', progressLabel: `probing ${target.server}`, showProgress: flags.progress },
    ({ signal, progress }) =>
      runApiProbes(document, target, {
        profile,
        probeIds: flags.probe ?? [],
        operations,
        filter,
        pace: runPaceOf(flags),
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout * 1000,
        maxBodyBytes,
        bodyLimit: flags.bodyLimit ?? DEFAULT_BODY_LIMIT,
        allowWrites: flags.allowWrites === true,
        signal,
        ...(progress ? { onProgress: progress } : {}),
      }),
  );
  const results = withCredentialsNote(withProfileFit(sniffed ? { ...ran, diagnostics: [sniffed.note, ...(ran.diagnostics ?? [])] } : ran, profile), {
    given: Object.keys(target.authHeaders).length > 0 || target.tls.cert !== undefined,
    secured: new Set(selected.filter((operation) => operation.secured).map((operation) => operation.title)),
    unauthenticated: indexOf(profile).authFailureStatus('authentication') ?? 401,
  });
  return { results, ignoredBeforeRun };
}

