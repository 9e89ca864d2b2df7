import type { ApiResource } from './discovery.js';
import type { Expectation } from './expectation.js';
import type { HttpRequest } from './http.js';

/**
 * What the runner knows when it builds a probe's request. Probes never talk HTTP: they describe the
 * request and what should come back; the runner sends it and the checks judge the answer.
 */
export interface ProbeContext {
  /** The resource probed; absent for target-scope probes. */
  resource: ApiResource | undefined;
  /** Namespace for namespaced resources: the user's choice, or statuslint's throwaway one. */
  namespace: string;
  /** A name no object has. */
  missingName: string;
  /** An existing object of the resource (as listed), when one exists. */
  sample: Record<string, unknown> | undefined;
  /** A user with no permissions, for the `forbidden` probe (impersonated unless another context is given). */
  unprivilegedUser: string;
}

export type Safety =
  /** Reads only. */
  | 'read'
  /** Writes with `dryRun=All`; nothing persists even if the request succeeded. */
  | 'dry-run'
  /** Would persist if the server ignored `dryRun`: only with `--allow-writes`, in the throwaway namespace. */
  | 'throwaway-namespace';

export interface ProbeDefinition {
  /** Stable kebab-case id, also the file name and the doc page name. */
  id: string;
  title: string;
  description: string;
  /** Run for every applicable resource, once per group-version, or once per target. */
  scope: 'resource' | 'group-version' | 'target';
  safety: Safety;
  /** Not run unless named with `--probe`. */
  optional?: boolean;
  /** True when the probe applies, else the reason it does not. */
  appliesTo(resource: ApiResource, context: { hasSample: boolean; direct?: boolean }): true | string;
  request(context: ProbeContext): ProbeRequest;
  expect(context: ProbeContext): Expectation;
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
const metadataOf = (sample: Record<string, unknown> | undefined): Record<string, unknown> =>
  (typeof sample?.metadata === 'object' && sample.metadata !== null ? sample.metadata : {}) as Record<string, unknown>;

export const sampleName = (sample: Record<string, unknown> | undefined): string => String(metadataOf(sample).name ?? '');

export const sampleNamespace = (sample: Record<string, unknown> | undefined): string | undefined => {
  const namespace = metadataOf(sample).namespace;
  return typeof namespace === 'string' ? namespace : undefined;
};
