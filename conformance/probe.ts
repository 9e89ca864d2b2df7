import { type ApiResource, type ApiServiceInfo, type GroupVersionInfo, resourcePath } from './discovery.js';
import type { Expectation } from './expectation.js';
import type { HttpRequest } from './http.js';
import type { ProbeBase } from './probe-model.js';

/**
 * What the runner knows when it builds a probe's request. Probes never talk HTTP: they describe the
 * request and what should come back; the runner sends it and the checks judge the answer.
 */
export interface ProbeContext {
  /** The resource probed; absent for the scopes that probe no resource. */
  resource: ApiResource | undefined;
  /** `discovered-group-version` scope: the group-version probed. */
  groupVersion?: GroupVersionInfo;
  /** `api-service` scope: the APIService probed. */
  apiService?: ApiServiceInfo;
  /** Namespace for namespaced resources: the user's choice, or statuslint's throwaway one. */
  namespace: string;
  /** A name no object has. */
  missingName: string;
  /** An existing object of the resource (as listed), when one exists. */
  sample: Record<string, unknown> | undefined;
  /** A user with no permissions, for the `forbidden` probe (impersonated unless another context is given). */
  unprivilegedUser: string;
  /** The resource's list showed it paginates: a list limited to one item carried `metadata.continue`. */
  paginates?: boolean;
  /** The resource's list carried a `metadata.resourceVersion`: the server versions what it serves. */
  versioned?: boolean;
}

export type Safety =
  /** Reads only. */
  | 'read'
  /** Writes with `dryRun=All`; nothing persists even if the request succeeded. */
  | 'dry-run'
  /** Would persist if the server ignored `dryRun`: only with `--allow-writes`, in the throwaway namespace. */
  | 'throwaway-namespace';

/**
 * Where a probe runs: on every applicable resource; once per group-version (on its first applicable
 * resource); once per group-version discovery found, whether or not its resources could be listed;
 * once per aggregated APIService of the selected groups, whatever discovery returned; or once per server.
 */
export type ProbeScope = 'resource' | 'group-version' | 'discovered-group-version' | 'api-service' | 'target';

/** What the runner knows of a resource when it plans a probe on it. */
export interface AppliesToContext {
  hasSample: boolean;
  /** The existing object the probe would be sent against, when it needs one (`needs: ['sample']`). */
  sample?: Record<string, unknown>;
  /** Probing the aggregated server at its own address (`--direct`). */
  direct?: boolean;
  /** What a list limited to one item showed, when the runner read one (probes that need a sample). */
  firstPage?: { paginates: boolean; versioned: boolean };
}

export interface ProbeDefinition extends ProbeBase<Safety> {
  safety: Safety;
  scope: ProbeScope;
  /**
   * `resource` and `group-version` scopes: true when the probe applies to the resource, else the
   * reason it does not (the report lists it). The other scopes apply wherever they are planned.
   */
  appliesTo(resource: ApiResource, context: AppliesToContext): true | string;
  /** Why the probe is not run at an aggregated server's own address, when it is not (`--direct`). */
  notDirect?: string;
  request(context: ProbeContext): ProbeRequest;
  expect(context: ProbeContext): Expectation;
  /**
   * True when the answer is to be judged, else why not: an answer the conventions allow for a reason
   * only the answer shows (e.g. a server that ignores `continue`). The report lists the probe as not judged.
   */
  judgedWhen?(answer: { status: number; headers?: Readonly<Record<string, string>> }, context: ProbeContext): true | string;
}

export interface ProbeRequest extends HttpRequest {
  /** Send as the unprivileged user (impersonated). */
  unprivileged?: boolean;
}

export const defineProbe = (probe: ProbeDefinition): ProbeDefinition => Object.freeze(probe);

export const hasVerbs = (resource: ApiResource, ...verbs: string[]): true | string => {
  const missing = verbs.filter((v) => !resource.verbs.includes(v));
  return missing.length === 0 ? true : `the resource does not support ${missing.join(', ')}`;
};

/** Stored resources: those that can be listed, read and created (not reviews, bindings and other virtual ones). */
export const isStored = (resource: ApiResource): true | string => hasVerbs(resource, 'get', 'list', 'create');

export const DRY_RUN = 'dryRun=All';

/** A dry-run create of `body` under strict field validation: what a client that wants typos caught sends. */
export function strictCreate(context: ProbeContext, body: string): ProbeRequest {
  return {
    method: 'POST',
    path: `${resourcePath(context.resource!, context.namespace)}?${DRY_RUN}&fieldValidation=Strict`,
    headers: { 'content-type': 'application/json' },
    body,
  };
}


/** The object a create or update sends: the listed sample without server-owned metadata. */
export function objectBody(resource: ApiResource, name: string, namespace: string | undefined, sample?: Record<string, unknown>): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = sample ?? {};
  return {
    ...rest,
    apiVersion: resource.groupVersion,
    kind: resource.kind,
    metadata: { name, ...(resource.namespaced && namespace ? { namespace } : {}) },
  };
}

/** `widgets.example.dev "w1" not found`: how apimachinery names a resource in its messages. */
export const qualifiedResource = (resource: ApiResource): string => (resource.group === '' ? resource.name : `${resource.name}.${resource.group}`);

/** Name and namespace of the existing object a probe collides with. */
export const metadataOf = (sample: Record<string, unknown> | undefined): Record<string, unknown> =>
  (typeof sample?.metadata === 'object' && sample.metadata !== null ? sample.metadata : {}) as Record<string, unknown>;

export const sampleName = (sample: Record<string, unknown> | undefined): string => String(metadataOf(sample).name ?? '');

export const sampleNamespace = (sample: Record<string, unknown> | undefined): string | undefined => {
  const namespace = metadataOf(sample).namespace;
  return typeof namespace === 'string' ? namespace : undefined;
};

/** A precondition names an existing object: a resource that can be read and deleted, with one listed. */
export function appliesToExistingDeletable(resource: ApiResource, { hasSample }: AppliesToContext): true | string {
  const verbs = hasVerbs(resource, 'get', 'delete');
  if (verbs !== true) return verbs;
  return hasSample ? true : 'no object of this resource exists to name in a precondition';
}

/** DELETE (with `dryRun=All`) the listed object with these `DeleteOptions.preconditions`. */
export function deleteSampleWith(resource: ApiResource, sample: Record<string, unknown> | undefined, preconditions: Record<string, string>): ProbeRequest {
  return {
    method: 'DELETE',
    path: `${resourcePath(resource, sampleNamespace(sample), sampleName(sample))}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions }),
  };
}
