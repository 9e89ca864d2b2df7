import type { ApiResource } from '../../conformance/discovery.js';
import type { ProbeDefinition, ProbeRequest } from '../../conformance/probe.js';
import type { Expectation } from '../../conformance/expectation.js';
import { EXAMPLE_RESOURCE, exampleContext } from '../../scripts/docs/sources/probes.js';

export const widgets = EXAMPLE_RESOURCE;
export const configmaps: ApiResource = { ...EXAMPLE_RESOURCE, group: '', version: 'v1', groupVersion: 'v1', name: 'configmaps', kind: 'ConfigMap' };
/** A read-only resource, as metrics-server serves it. */
export const nodeMetrics: ApiResource = {
  ...EXAMPLE_RESOURCE,
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  groupVersion: 'metrics.k8s.io/v1beta1',
  name: 'nodes',
  kind: 'NodeMetrics',
  namespaced: false,
  verbs: ['get', 'list'],
};
/** A virtual resource: it can be created, not listed or read. */
export const tokenreviews: ApiResource = {
  ...EXAMPLE_RESOURCE,
  group: 'authentication.k8s.io',
  groupVersion: 'authentication.k8s.io/v1',
  name: 'tokenreviews',
  kind: 'TokenReview',
  namespaced: false,
  verbs: ['create'],
};

/** A probe's request and expectation for a resource, with the context its doc page shows. */
export function build(probe: ProbeDefinition, resource: ApiResource = widgets): { request: ProbeRequest; expectation: Expectation; body: Record<string, unknown> | undefined } {
  const context = { ...exampleContext(probe), resource: probe.scope === 'target' ? undefined : resource };
  const request = probe.request(context);
  let body: Record<string, unknown> | undefined;
  try {
    body = request.body === undefined ? undefined : (JSON.parse(String(request.body)) as Record<string, unknown>);
  } catch {
    body = undefined;
  }
  return { request, expectation: probe.expect(context), body };
}
