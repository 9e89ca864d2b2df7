import { randomBytes } from 'node:crypto';
import type { Profile } from '../schemas/types.js';
import { UnreachableError } from '../schemas/errors.js';
import { toolVersion } from '../schemas/paths.js';
import type { CheckResult } from './check.js';
import { ALL_CHECKS, PASSIVE_CHECKS } from './checks/index.js';
import { type ApiResource, type Discovery, type DiscoveryFilter, discover, qualifiedName, resourcePath } from './discovery.js';
import { viewOfText } from './exchange.js';
import { HttpClient, type HttpExchange, type HttpRequest, isInterrupted, TransportError } from './http.js';
import type { ProbeContext, ProbeDefinition } from './probe.js';
import { PROBES } from './probes/index.js';
import { RESULTS_SCHEMA_VERSION, redactBody, type RecordedRequest, type ResultItem, type Results } from './results.js';
import { retarget, type Target } from './target.js';
import { transportFindings } from './transport-findings.js';
import { checkResponse, compiledProfileOf } from './validate.js';

export interface ProbeRunOptions {
  profile: Profile;
  /** Namespace for namespaced resources (must exist). */
  namespace: string;
  filter: DiscoveryFilter;
  /** Probe ids to run; all non-optional probes when empty. */
  probeIds: string[];
  concurrency: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Create a throwaway namespace for probes that could persist if dryRun were ignored. */
  allowWrites: boolean;
  /** The user impersonated by the `forbidden` probe. */
  unprivilegedUser: string;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; item?: ResultItem }) => void;
  /** Also probe the aggregated API server at its own address, to compare with what the aggregator returns. */
  direct?: { server: string; ca?: Buffer };
}

export { DEFAULT_PROBE_OPTIONS } from './defaults.js';

/** The target did not answer discovery at all. */
export class TargetUnreachableError extends UnreachableError {
  override readonly name = 'TargetUnreachableError';
}

/** Milliseconds since a `performance.now()` reading, to the tenth: enough for a report, stable to read. */
export const elapsedSince = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

/** Bodies kept in the results: enough to read, not megabytes; the cut is recorded as data. */
const RECORDED_BODY_LIMIT = 16 * 1024;
export function clip(text: string): { body: string; truncated?: true; bodyBytes?: number } {
  if (text.length <= RECORDED_BODY_LIMIT) return { body: text };
  return { body: text.slice(0, RECORDED_BODY_LIMIT), truncated: true, bodyBytes: Buffer.byteLength(text) };
}

export function recordRequest(request: HttpRequest & { unprivileged?: boolean }, unprivilegedUser: string): RecordedRequest {
  // Credentials are added by the HTTP client at send time and never pass through here.
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.unprivileged) headers['impersonate-user'] = unprivilegedUser;
  return {
    method: request.method,
    path: request.path,
    headers,
    // A sample copied into a create (e.g. a Secret) must not carry its data into the results.
    ...(request.body !== undefined ? (({ body, truncated }) => ({ body: redactBody(body), ...(truncated ? { truncated } : {}) }))(clip(String(request.body))) : {}),
  };
}

interface WorkItem {
  probe: ProbeDefinition;
  resource: ApiResource | undefined;
  context: ProbeContext;
}

function selectProbes(ids: string[]): ProbeDefinition[] {
  if (ids.length === 0) return PROBES.filter((p) => !p.optional);
  return PROBES.filter((p) => ids.includes(p.id));
}

/** One existing object per resource: from the chosen namespace first, else from anywhere the caller may list. */
async function fetchSamples(client: HttpClient, resources: ApiResource[], namespace: string, concurrency: number): Promise<Map<ApiResource, Record<string, unknown>>> {
  const samples = new Map<ApiResource, Record<string, unknown>>();
  const firstItem = async (path: string): Promise<Record<string, unknown> | undefined> => {
    try {
      const exchange = await client.sendWithRetry({ method: 'GET', path: `${path}?limit=1` });
      if (exchange.status !== 200) return undefined;
      const first = (JSON.parse(exchange.bodyText) as { items?: unknown[] }).items?.[0];
      return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
    } catch {
      return undefined; // no sample: the probes that need one are skipped
    }
  };
  await pool(resources.filter((r) => r.verbs.includes('list')), concurrency, async (resource) => {
    const sample = (resource.namespaced ? await firstItem(resourcePath(resource, namespace)) : undefined) ?? (await firstItem(resourcePath(resource)));
    if (sample) samples.set(resource, sample);
  });
  return samples;
}

/** Run `task` over `items`, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) await task(items[next++]!);
  });
  await Promise.all(workers);
}

function planWork(probes: ProbeDefinition[], discovery: Discovery, samples: Map<ApiResource, Record<string, unknown>>, base: Omit<ProbeContext, 'resource' | 'sample'>, throwaway: string | undefined, direct: boolean): WorkItem[] {
  const work: WorkItem[] = [];
  for (const probe of probes) {
    const namespace = probe.safety === 'throwaway-namespace' ? throwaway : base.namespace;
    if (namespace === undefined) continue;
    if (probe.scope === 'target') {
      // Probed directly, only the group's own resources are of interest: clients never reach the server otherwise.
      if (direct) continue;
      work.push({ probe, resource: undefined, context: { ...base, namespace, resource: undefined, sample: undefined } });
      continue;
    }
    const seen = new Set<string>();
    for (const resource of discovery.resources) {
      if (probe.scope === 'group-version' && seen.has(resource.groupVersion)) continue;
      const sample = samples.get(resource);
      if (probe.appliesTo(resource, { hasSample: sample !== undefined, direct }) !== true) continue;
      seen.add(resource.groupVersion);
      work.push({ probe, resource, context: { ...base, namespace, resource, sample } });
    }
  }
  return work;
}

async function runOne(client: HttpClient, item: WorkItem, options: ProbeRunOptions, via: 'aggregator' | 'direct' | undefined): Promise<ResultItem | undefined> {
  const { probe, resource, context } = item;
  const request = probe.request(context);
  const expectation = probe.expect(context);
  const headers = { ...request.headers, ...(request.unprivileged ? { 'impersonate-user': options.unprivilegedUser } : {}) };
  const result: ResultItem = {
    id: `${via === 'direct' ? 'direct:' : ''}${probe.id}:${resource ? qualifiedName(resource) : 'target'}`,
    title: `${probe.title}${resource ? ` (${qualifiedName(resource)})` : ''}`,
    location: `${request.method} ${request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path}`,
    probeId: probe.id,
    ...(resource ? { groupVersion: resource.groupVersion, resource: qualifiedName(resource), aggregated: resource.aggregated } : {}),
    ...(via ? { via } : {}),
    expected: {
      status: expectation.status,
      ...(expectation.reason !== undefined ? { reason: expectation.reason } : {}),
      ...(expectation.condition ? { condition: expectation.condition } : {}),
    },
    request: recordRequest(request, options.unprivilegedUser),
    checks: [],
  };
  let exchange: HttpExchange;
  const sentAt = performance.now();
  try {
    exchange = await client.send({ ...request, headers });
    result.durationMs = elapsedSince(sentAt);
  } catch (error) {
    // Cut short by Ctrl-C: not run, rather than a server that did not answer.
    if (isInterrupted(error)) return undefined;
    result.durationMs = elapsedSince(sentAt);
    // A failed exchange is a finding too (response-complete), with whatever arrived before it failed.
    const outcome = transportFindings(error, compiledProfileOf(options.profile), { expectation, request: { method: request.method, path: request.path } });
    if (outcome.response) {
      const { status, headers: received, bodyText, truncated } = outcome.response;
      result.response = { status, headers: received, ...clip(bodyText), ...(truncated ? { truncated: true } : {}) };
    }
    if (outcome.error) result.error = outcome.error;
    result.checks = outcome.checks;
    return result;
  }
  const recorded = clip(exchange.bodyText);
  result.response = {
    status: exchange.status,
    headers: exchange.headers,
    ...recorded,
    ...(exchange.truncated ? { truncated: true } : {}),
  };
  const watchEvent = request.firstLineOnly === true && exchange.status === 200;
  const view = viewOfText(exchange.bodyText, exchange.status, exchange.headers, exchange.truncated && !watchEvent);
  result.checks = checkResponse(view, compiledProfileOf(options.profile), { expectation, request: { method: request.method, path: request.path }, ...(watchEvent ? { watchEvent } : {}) }, ALL_CHECKS);
  return result;
}

async function createThrowawayNamespace(client: HttpClient): Promise<string> {
  const name = `statuslint-${randomBytes(4).toString('hex')}`;
  const exchange = await client.send({
    method: 'POST',
    path: '/api/v1/namespaces',
    survivesInterrupt: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/created-by': 'statuslint' } } }),
  });
  if (exchange.status !== 201) throw new Error(`cannot create the throwaway namespace ${name}: HTTP ${exchange.status} ${exchange.bodyText.slice(0, 200)}`);
  return name;
}

/** Delete the throwaway namespace and wait until it is gone (its finalizers need the cluster's namespace controller). */
export async function deleteNamespace(client: HttpClient, name: string, waitMs = 30_000): Promise<{ deleted: boolean; note?: string }> {
  const removal = await client.send({ method: 'DELETE', path: `/api/v1/namespaces/${name}`, survivesInterrupt: true });
  if (removal.status !== 200 && removal.status !== 202 && removal.status !== 404) {
    return { deleted: false, note: `DELETE answered HTTP ${removal.status}` };
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const check = await client.send({ method: 'GET', path: `/api/v1/namespaces/${name}`, survivesInterrupt: true });
    if (check.status === 404) return { deleted: true };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { deleted: false, note: `still terminating after ${waitMs / 1000} s; the cluster's namespace controller finishes it` };
}

interface ServerRun {
  discovery: Discovery;
  items: ResultItem[];
  throwawayNamespace?: Results['throwawayNamespace'];
}

/** Discover one server and run every applicable probe against it. */
async function probeServer(target: Target, options: ProbeRunOptions, direct: boolean, groupVersions?: string[]): Promise<ServerRun> {
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, signal: options.signal });
  const compiled = compiledProfileOf(options.profile);
  const passiveItems: ResultItem[] = [];
  // Every error the target returns while we find our way around is judged too (e.g. a plain-text 429).
  client.observer = (request, exchange) => {
    if (exchange.status < 400) return;
    passiveItems.push({
      id: `${direct ? 'direct:' : ''}passive:${passiveItems.length + 1}`,
      title: `Response seen while discovering (${request.method} ${request.path})`,
      location: `${request.method} ${request.path}`,
      ...(direct ? { via: 'direct' as const } : {}),
      request: recordRequest(request, options.unprivilegedUser),
      response: { status: exchange.status, headers: exchange.headers, ...clip(exchange.bodyText) },
      checks: checkResponse(viewOfText(exchange.bodyText, exchange.status, exchange.headers), compiled, {}, PASSIVE_CHECKS),
    });
  };
  let discovery: Discovery;
  try {
    discovery = await discover(client, options.filter, { direct, ...(groupVersions ? { groupVersions } : {}) });
  } catch (error) {
    await client.close();
    // Interrupted while discovering: nothing was probed, and the partial report says so.
    if (isInterrupted(error)) return { discovery: { groupVersions: [], resources: [], problems: ['interrupted before discovery finished'] }, items: passiveItems };
    if (error instanceof TransportError) throw new TargetUnreachableError(`${target.server} did not answer: ${error.message} (${error.code})`);
    throw error;
  }
  const probes = selectProbes(options.probeIds);
  const needsSamples = probes.some((p) => ['create-existing', 'update-stale-resourceversion', 'invalid-dryrun-value'].includes(p.id));
  const samples = needsSamples ? await fetchSamples(client, discovery.resources, options.namespace, options.concurrency) : new Map();
  client.observer = undefined;

  let throwaway: string | undefined;
  let throwawayNamespace: Results['throwawayNamespace'];
  const items: ResultItem[] = [];
  try {
    if (!direct && options.allowWrites && probes.some((p) => p.safety === 'throwaway-namespace') && !options.signal?.aborted) {
      throwaway = await createThrowawayNamespace(client);
    }
    const base = { namespace: options.namespace, missingName: `statuslint-missing-${randomBytes(3).toString('hex')}`, unprivilegedUser: options.unprivilegedUser };
    const work = planWork(probes, discovery, samples, base, throwaway, direct);
    const via = direct ? ('direct' as const) : undefined;
    let done = 0;
    options.onProgress?.({ done, total: work.length });
    const byItem = new Map<WorkItem, ResultItem>();
    await pool(
      work,
      options.concurrency,
      async (item) => {
        const result = await runOne(client, item, options, via ?? (item.resource?.aggregated ? 'aggregator' : undefined));
        if (!result) return;
        byItem.set(item, result);
        options.onProgress?.({ done: ++done, total: work.length, item: result });
      },
      options.signal,
    );
    for (const item of work) {
      const result = byItem.get(item);
      if (result) items.push(result);
    }
  } finally {
    if (throwaway) throwawayNamespace = { name: throwaway, ...(await deleteNamespace(client, throwaway).catch((e: Error) => ({ deleted: false, note: e.message }))) };
    await client.close();
  }
  return { discovery, items: [...items, ...passiveItems], ...(throwawayNamespace ? { throwawayNamespace } : {}) };
}

/** Discover the target, run every applicable probe (and, with `direct`, again at the aggregated server itself) and return the results model. */
export async function runProbes(target: Target, options: ProbeRunOptions): Promise<Results> {
  const startedAt = new Date().toISOString();
  const main = await probeServer(target, options, false);
  const aggregatedVersions = main.discovery.groupVersions.filter((gv) => gv.aggregated).map((gv) => gv.groupVersion);
  const direct =
    options.direct && !options.signal?.aborted
      ? await probeServer(retarget(target, options.direct.server, options.direct.ca), options, true, aggregatedVersions.length > 0 ? aggregatedVersions : undefined)
      : undefined;
  const { discovery } = main;
  const selected = (gv: { group: string }): boolean => !options.filter.groups?.length || options.filter.groups.includes(gv.group === '' ? 'core' : gv.group);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'statuslint', version: toolVersion() },
    command: 'probe',
    profile: options.profile.name,
    target: { server: target.server, ...(target.context ? { context: target.context } : {}), ...(discovery.serverVersion ? { version: discovery.serverVersion } : {}) },
    ...(options.direct ? { direct: { server: retarget(target, options.direct.server).server, ...(direct?.discovery.serverVersion ? { version: direct.discovery.serverVersion } : {}) } } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
    discovery: {
      ...(discovery.serverVersion ? { serverVersion: discovery.serverVersion } : {}),
      groupVersions: discovery.groupVersions.filter(selected).map((gv) => ({
        groupVersion: gv.groupVersion,
        aggregated: gv.aggregated,
        ...(gv.service ? { service: gv.service } : {}),
        resources: discovery.resources.filter((r) => r.groupVersion === gv.groupVersion).length,
        resourceNames: discovery.resources.filter((r) => r.groupVersion === gv.groupVersion).map((r) => r.name),
        ...(gv.error ? { error: gv.error } : {}),
      })),
      problems: [...discovery.problems, ...(direct?.discovery.problems.map((p) => `direct: ${p}`) ?? [])],
    },
    ...(options.signal?.aborted ? { interrupted: true } : {}),
    ...(main.throwawayNamespace ? { throwawayNamespace: main.throwawayNamespace } : {}),
    items: [...main.items, ...(direct?.items ?? [])],
  };
}

export type { CheckResult };
