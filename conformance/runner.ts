import { randomBytes } from 'node:crypto';
import type { Profile } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import { PASSIVE_CHECKS } from './checks/index.js';
import { type ApiResource, type Discovery, type DiscoveryFilter, discover, qualifiedName, resourcePath } from './discovery.js';
import { viewOfText } from './exchange.js';
import { HttpClient, isInterrupted, TransportError } from './http.js';
import type { ProbeContext, ProbeDefinition } from './probe.js';
import { needs, selectProbes } from './probe-model.js';
import { PROBES } from './probes/index.js';
import type { NotRun, ResultItem, Results, RunTiming } from './results.js';
import { clip, credentialSchemes, elapsedSince, isThrottled, judgeExchange, judgeFailure, judgeThrottled, notRunOf, pool, type Progress, probeItem, type RunPace, type ProbeItemInput, recordRequest, resultsHeader, roundedMs, runPlanned, TargetUnreachableError } from './run-core.js';
import { retarget, type Target } from './target.js';
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
  onProgress?: Progress;
  /** `--max-time` and `--rate-limit`. */
  pace?: RunPace;
  /** Also probe the aggregated API server at its own address, to compare with what the aggregator returns. */
  direct?: { server: string; ca?: Buffer };
}

export { DEFAULT_PROBE_OPTIONS } from './defaults.js';

export { TargetUnreachableError } from './run-core.js';

interface WorkItem {
  probe: ProbeDefinition;
  resource: ApiResource | undefined;
  context: ProbeContext;
}

/** What a list limited to one item shows of a resource: an existing object, and whether the server paginates it. */
interface FirstPage {
  sample?: Record<string, unknown>;
  /** The list carried `metadata.continue`. */
  paginates: boolean;
  /** The list carried a `metadata.resourceVersion`: the server versions what it serves. */
  versioned: boolean;
}

type FirstPages = Map<ApiResource, FirstPage>;

/** GET `path?limit=1`; nothing when it cannot be read (the probes that need it are skipped). */
async function readFirstPage(client: HttpClient, path: string): Promise<FirstPage | undefined> {
  try {
    const exchange = await client.sendWithRetry({ method: 'GET', path: `${path}?limit=1` });
    if (exchange.status !== 200) return undefined;
    const list = JSON.parse(exchange.bodyText) as { items?: unknown[]; metadata?: { continue?: unknown; resourceVersion?: unknown } };
    const first = list.items?.[0];
    const isSet = (value: unknown): boolean => typeof value === 'string' && value !== '';
    return {
      ...(typeof first === 'object' && first !== null ? { sample: first as Record<string, unknown> } : {}),
      paginates: isSet(list.metadata?.continue),
      versioned: isSet(list.metadata?.resourceVersion),
    };
  } catch {
    return undefined;
  }
}

/** Each listable resource's first page: from the chosen namespace first, else from anywhere the caller may list. */
async function readFirstPages(client: HttpClient, resources: ApiResource[], namespace: string, concurrency: number): Promise<FirstPages> {
  const pages: FirstPages = new Map();
  await pool(resources.filter((r) => r.verbs.includes('list')), concurrency, async (resource) => {
    const inNamespace = resource.namespaced ? await readFirstPage(client, resourcePath(resource, namespace)) : undefined;
    const everywhere = inNamespace?.sample ? undefined : await readFirstPage(client, resourcePath(resource));
    const sample = inNamespace?.sample ?? everywhere?.sample;
    const either = (flag: 'paginates' | 'versioned'): boolean => inNamespace?.[flag] === true || everywhere?.[flag] === true;
    if (inNamespace || everywhere) pages.set(resource, { ...(sample ? { sample } : {}), paginates: either('paginates'), versioned: either('versioned') });
  });
  return pages;
}

interface Plan {
  work: WorkItem[];
  notRun: NotRun[];
}

type BaseContext = Omit<ProbeContext, 'resource' | 'sample'>;

/** Where each probe runs, and the probes left out of a subject with the reason. */
function planWork(probes: ProbeDefinition[], discovery: Discovery, pages: FirstPages, base: BaseContext, throwaway: string | undefined, direct: boolean): Plan {
  const plan: Plan = { work: [], notRun: [] };
  const via = direct ? { via: 'direct' as const } : {};
  for (const probe of probes) {
    const namespace = probe.safety === 'throwaway-namespace' ? throwaway : base.namespace;
    if (namespace === undefined) {
      plan.notRun.push({ probeId: probe.id, ...via, reason: 'it could persist an object if the server ignored dryRun: run with --allow-writes against a test cluster' });
      continue;
    }
    if (direct && probe.notDirect !== undefined) {
      plan.notRun.push({ probeId: probe.id, ...via, reason: probe.notDirect });
      continue;
    }
    const context: ProbeContext = { ...base, namespace, resource: undefined, sample: undefined };
    if (probe.scope === 'target') plan.work.push({ probe, resource: undefined, context });
    else if (probe.scope === 'api-service') for (const apiService of discovery.apiServices) plan.work.push({ probe, resource: undefined, context: { ...context, apiService } });
    else if (probe.scope === 'discovered-group-version') for (const groupVersion of discovery.selectedGroupVersions) plan.work.push({ probe, resource: undefined, context: { ...context, groupVersion } });
    else planOnResources(plan, probe, discovery, pages, context, direct);
  }
  return plan;
}

function planOnResources(plan: Plan, probe: ProbeDefinition, discovery: Discovery, pages: FirstPages, context: ProbeContext, direct: boolean): void {
  const planned = new Set<string>();
  const skipped = new Map<string, NotRun[]>();
  for (const resource of discovery.resources) {
    if (probe.scope === 'group-version' && planned.has(resource.groupVersion)) continue;
    const page = pages.get(resource);
    const sample = page?.sample;
    const firstPage = page ? { firstPage: { paginates: page.paginates, versioned: page.versioned } } : {};
    const applies = probe.appliesTo(resource, { hasSample: sample !== undefined, ...(sample ? { sample } : {}), direct, ...firstPage });
    if (applies !== true) {
      const entry: NotRun = { probeId: probe.id, resource: qualifiedName(resource), groupVersion: resource.groupVersion, ...(direct ? { via: 'direct' as const } : {}), reason: applies };
      skipped.set(resource.groupVersion, [...(skipped.get(resource.groupVersion) ?? []), entry]);
      continue;
    }
    planned.add(resource.groupVersion);
    plan.work.push({ probe, resource, context: { ...context, resource, sample, ...(page?.paginates ? { paginates: true } : {}), ...(page?.versioned ? { versioned: true } : {}) } });
  }
  // A probe run once per group-version is not "left out" of the resources it did not need.
  for (const [groupVersion, entries] of skipped) if (probe.scope === 'resource' || !planned.has(groupVersion)) plan.notRun.push(...entries);
}

/** The id, title and subject of a probe's result item. */
function subjectOf(item: WorkItem): { key: string; label: string; subject: ProbeItemInput['subject'] } {
  const { resource, context } = item;
  if (resource) return {
    key: qualifiedName(resource),
    label: qualifiedName(resource),
    subject: { groupVersion: resource.groupVersion, resource: qualifiedName(resource), aggregated: resource.aggregated },
  };
  if (context.apiService) {
    const { apiService } = context;
    return {
      key: `apiservice/${apiService.name}`,
      label: `APIService ${apiService.name}`,
      subject: { groupVersion: `${apiService.group}/${apiService.version}`, aggregated: true },
    };
  }
  if (context.groupVersion) {
    const { groupVersion } = context;
    return { key: groupVersion.groupVersion, label: groupVersion.groupVersion, subject: { groupVersion: groupVersion.groupVersion, aggregated: groupVersion.aggregated } };
  }
  return { key: 'target', label: '', subject: {} };
}

/** A probe that ran but whose answer the conventions allow for a reason only the answer showed. */
function notJudgedEntry(item: ResultItem, reason: string): NotRun {
  return {
    probeId: item.probeId!,
    ...(item.resource ? { resource: item.resource } : {}),
    ...(item.groupVersion ? { groupVersion: item.groupVersion } : {}),
    ...(item.via === 'direct' ? { via: 'direct' as const } : {}),
    reason: `not judged: ${reason}`,
  };
}

interface Answer {
  item: ResultItem;
  /** Why the answer was not judged (the conventions allow it), when it was not. */
  notJudged?: string;
}

async function runOne(client: HttpClient, work: WorkItem, options: ProbeRunOptions, via: 'aggregator' | 'direct' | undefined): Promise<Answer | undefined> {
  const { probe, context } = work;
  const request = probe.request(context);
  const expectation = probe.expect(context);
  const impersonation: Record<string, string> = request.unprivileged ? { 'impersonate-user': options.unprivilegedUser } : {};
  const { key, label, subject } = subjectOf(work);
  const item = probeItem({
    id: `${via === 'direct' ? 'direct:' : ''}${probe.id}:${key}`,
    probeId: probe.id,
    title: `${probe.title}${label ? ` (${label})` : ''}${via === 'direct' ? ', at the server directly' : ''}`,
    request,
    expectation,
    recordedHeaders: impersonation,
    subject: { ...subject, ...(via ? { via } : {}) },
  });
  const compiled = compiledProfileOf(options.profile);
  const accept = request.headers?.accept;
  const checkOptions = { expectation, request: { method: request.method, path: request.path, ...(accept !== undefined ? { accept } : {}) } };
  try {
    const sent = { ...request, headers: { ...request.headers, ...impersonation } };
    // A 429 the probe did not ask for means the server was throttling: wait as it says and ask again.
    const exchange = expectation.status === 429 ? await client.send(sent) : await client.sendWithRetry(sent);
    if (isThrottled(exchange, expectation)) {
      judgeThrottled(item, exchange, compiled, checkOptions);
      return { item };
    }
    const judged = probe.judgedWhen?.(exchange, context) ?? true;
    if (judged !== true) return { item, notJudged: judged };
    const watchEvent = request.firstLineOnly === true && exchange.status === 200;
    judgeExchange(item, exchange, compiled, { ...checkOptions, ...(watchEvent ? { watchEvent } : {}) }, !watchEvent);
  } catch (error) {
    if (isInterrupted(error)) return undefined;
    judgeFailure(item, error, compiled, checkOptions);
  }
  return { item };
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
  notRun: NotRun[];
  throwawayNamespace?: Results['throwawayNamespace'];
  timing: RunTiming;
}

/** Each phase timed apart: on a big cluster, discovery and planning must stay small beside the probes, and a user sees which grew. */
const noTiming = (): RunTiming => ({ discoveryMs: 0, samplesMs: 0, planningMs: 0, probesMs: 0 });

/** Both passes' phases together (with `--direct`, the aggregated server's pass adds its own). */
const addTiming = (a: RunTiming, b: RunTiming | undefined): RunTiming =>
  b === undefined
    ? a
    : {
      discoveryMs: roundedMs(a.discoveryMs + b.discoveryMs),
      samplesMs: roundedMs(a.samplesMs + b.samplesMs),
      planningMs: roundedMs(a.planningMs + b.planningMs),
      probesMs: roundedMs(a.probesMs + b.probesMs),
    };

/** Discover one server and run every applicable probe against it. */
async function probeServer(target: Target, options: ProbeRunOptions, direct: boolean, groupVersions?: string[]): Promise<ServerRun> {
  const { pace, signal } = options;
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, signal, ...(pace ? { beforeSend: () => pace.beforeRequest(signal) } : {}) });
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
      request: recordRequest(request),
      response: { status: exchange.status, headers: exchange.headers, ...clip(exchange.bodyText) },
      checks: checkResponse(viewOfText(exchange.bodyText, exchange.status, exchange.headers), compiled, {}, PASSIVE_CHECKS),
    });
  };
  const timing = noTiming();
  let phaseStarted = performance.now();
  /** Close the phase that is running: its time goes to `phase`, and the next one starts now. */
  const endPhase = (phase: keyof RunTiming): void => {
    timing[phase] = elapsedSince(phaseStarted);
    phaseStarted = performance.now();
  };
  let discovery: Discovery;
  try {
    discovery = await discover(client, options.filter, { direct, ...(groupVersions ? { groupVersions } : {}) });
  } catch (error) {
    await client.close();
    // Interrupted while discovering: nothing was probed, and the partial report says so.
    if (isInterrupted(error)) return {
      discovery: { groupVersions: [], resources: [], apiServices: [], selectedGroupVersions: [], problems: ['interrupted before discovery finished'] },
      items: passiveItems,
      notRun: [],
      timing: { ...timing, discoveryMs: elapsedSince(phaseStarted) },
    };
    if (error instanceof TransportError) throw new TargetUnreachableError(`${target.server} did not answer: ${error.message} (${error.code})`);
    throw error;
  }
  endPhase('discoveryMs');
  const probes = selectProbes(PROBES, options.probeIds);
  const pages = probes.some((p) => needs(p, 'sample')) ? await readFirstPages(client, discovery.resources, options.namespace, options.concurrency) : new Map();
  client.observer = undefined;
  endPhase('samplesMs');

  let throwaway: string | undefined;
  let throwawayNamespace: Results['throwawayNamespace'];
  let items: ResultItem[] = [];
  let notRun: NotRun[] = [];
  try {
    if (!direct && options.allowWrites && probes.some((p) => p.safety === 'throwaway-namespace') && !options.signal?.aborted) {
      throwaway = await createThrowawayNamespace(client);
    }
    const base = { namespace: options.namespace, missingName: `statuslint-missing-${randomBytes(3).toString('hex')}`, unprivilegedUser: options.unprivilegedUser };
    const planningStarted = performance.now();
    const plan = planWork(probes, discovery, pages, base, throwaway, direct);
    notRun = plan.notRun;
    timing.planningMs = elapsedSince(planningStarted);
    const leftOutByTime = (work: WorkItem, reason: string): void => {
      const { subject } = subjectOf(work);
      notRun.push({
        probeId: work.probe.id,
        ...(subject.resource ? { resource: subject.resource } : {}),
        ...(subject.groupVersion ? { groupVersion: subject.groupVersion } : {}),
        ...(direct ? { via: 'direct' as const } : {}),
        reason,
      });
    };
    const answers = await runPlanned(plan.work, options, (work) => runOne(client, work, options, direct ? 'direct' : work.context.resource?.aggregated || work.context.groupVersion?.aggregated ? 'aggregator' : undefined), leftOutByTime);
    items = answers.flatMap((answer) => (answer.notJudged === undefined ? [answer.item] : []));
    for (const { item, notJudged } of answers) if (notJudged !== undefined) notRun.push(notJudgedEntry(item, notJudged));
  } finally {
    if (throwaway) throwawayNamespace = { name: throwaway, ...(await deleteNamespace(client, throwaway).catch((e: Error) => ({ deleted: false, note: e.message }))) };
    await client.close();
    // The throwaway namespace's creation and deletion are part of probing, planning is not.
    timing.probesMs = Math.max(0, roundedMs(performance.now() - phaseStarted - timing.planningMs));
  }
  return { discovery, items: [...items, ...passiveItems], notRun, ...(throwawayNamespace ? { throwawayNamespace } : {}), timing };
}

/** Discover the target, run every applicable probe (and, with `direct`, again at the aggregated server itself) and return the results model. */
export async function runProbes(target: Target, options: ProbeRunOptions): Promise<Results> {
  const startedAt = new Date();
  const main = await probeServer(target, options, false);
  const aggregatedVersions = main.discovery.groupVersions.filter((gv) => gv.aggregated).map((gv) => gv.groupVersion);
  const direct =
    options.direct && !options.signal?.aborted
      ? await probeServer(retarget(target, options.direct.server, options.direct.ca), options, true, aggregatedVersions.length > 0 ? aggregatedVersions : undefined)
      : undefined;
  const { discovery } = main;
  const selected = (gv: { group: string }): boolean => !options.filter.groups?.length || options.filter.groups.includes(gv.group === '' ? 'core' : gv.group);
  return {
    ...resultsHeader('probe', options.profile.name, startedAt),
    target: {
      server: target.server,
      ...credentialSchemes(target),
      ...(target.context ? { context: target.context } : {}),
      ...(discovery.serverVersion ? { version: discovery.serverVersion } : {}),
    },
    ...(options.direct ? { direct: { server: retarget(target, options.direct.server).server, ...(direct?.discovery.serverVersion ? { version: direct.discovery.serverVersion } : {}) } } : {}),
    discovery: {
      ...(discovery.serverVersion ? { serverVersion: discovery.serverVersion } : {}),
      ...(options.filter.groups?.length ? { groups: options.filter.groups.map((g) => (g === '' ? 'core' : g)) } : {}),
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
    ...(options.signal?.aborted || options.pace?.cutShort ? { interrupted: true } : {}),
    ...(main.throwawayNamespace ? { throwawayNamespace: main.throwawayNamespace } : {}),
    timing: addTiming(main.timing, direct?.timing),
    ...notRunOf([...main.notRun, ...(direct?.notRun ?? [])]),
    items: [...main.items, ...(direct?.items ?? [])],
  };
}

export type { CheckResult };
