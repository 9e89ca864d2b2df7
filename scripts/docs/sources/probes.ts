/**
 * `docs/probes/`: a page per Kubernetes probe, showing the request it sends to an example resource
 * and what it expects back. The example context is also what the probe tests build requests with.
 */
import type { ApiResource, ApiServiceInfo, GroupVersionInfo } from '../../../conformance/discovery.js';
import type { ProbeContext, ProbeDefinition } from '../../../conformance/probe.js';
import { PROBES } from '../../../conformance/probes/index.js';
import { requestFence, shortBody } from '../examples.js';
import { fence, table, unitLink } from '../markdown.js';
import type { GeneratedPage } from '../page.js';
import { defaultFact, unitPages, type UnitKind } from '../unit-pages.js';

/** The resource every probe page shows its request for. */
export const EXAMPLE_RESOURCE: ApiResource = {
  group: 'example.dev',
  version: 'v1',
  groupVersion: 'example.dev/v1',
  name: 'widgets',
  kind: 'Widget',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  aggregated: false,
};

const { group, version, groupVersion } = EXAMPLE_RESOURCE;

/** The example resource's group-version, for the probes that run once per group-version discovery found. */
const EXAMPLE_GROUP_VERSION: GroupVersionInfo = { group, version, groupVersion, aggregated: false };

/** An APIService for the example group-version, for the probes that run once per APIService. */
const EXAMPLE_API_SERVICE: ApiServiceInfo = { name: `${version}.${group}`, group, version, service: 'example/widgets-api' };

export const exampleContext = (probe: ProbeDefinition): ProbeContext => ({
  resource: probe.scope === 'target' ? undefined : EXAMPLE_RESOURCE,
  groupVersion: EXAMPLE_GROUP_VERSION,
  apiService: EXAMPLE_API_SERVICE,
  namespace: probe.safety === 'throwaway-namespace' ? 'statuslint-1a2b3c4d' : 'default',
  missingName: 'statuslint-missing-5e6f7a',
  sample: {
    metadata: {
      name: 'w1',
      namespace: 'default',
      uid: '6a81fc7c-c4c6-46b7-aacd-7c729798ea37',
      resourceVersion: '4711',
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { '.': {}, 'f:size': {} } } }],
    },
    spec: { size: 3 },
  },
  unprivilegedUser: 'statuslint:unprivileged-probe',
});

const RUNS: Record<ProbeDefinition['scope'], string> = {
  resource: 'for each applicable resource',
  'group-version': 'once per group-version',
  'discovered-group-version': 'once per group-version discovery found',
  'api-service': 'once per aggregated APIService',
  target: 'once per target',
};

const SAFETY: Record<ProbeDefinition['safety'], string> = {
  read: 'reads only',
  'dry-run': 'writes with `dryRun=All`: nothing persists',
  'throwaway-namespace': 'only with `--allow-writes`, inside the throwaway namespace statuslint creates and deletes',
};

function requestSection(probe: ProbeDefinition): string {
  const context = exampleContext(probe);
  const request = probe.request(context);
  return requestFence({
    method: request.method,
    path: request.path,
    headers: { ...request.headers, ...(request.unprivileged ? { 'impersonate-user': context.unprivilegedUser } : {}) },
    credentials: request.anonymous ? '(no credentials)' : undefined,
    body: request.body === undefined ? undefined : shortBody(String(request.body), 300, 300),
  });
}

const PROBE_KIND: UnitKind<ProbeDefinition> = {
  folder: 'probes',
  from: "the probe's definition in conformance/probes/",
  units: PROBES,
  index: () => [
    '# Probes',
    '`statuslint probe` sends these requests to elicit each error the API conventions define, then checks what comes back.',
    table(
      ['Probe', 'Runs', 'Expects'],
      PROBES.map((probe) => {
        const expectation = probe.expect(exampleContext(probe));
        return [unitLink(probe), probe.scope, `${expectation.status}${expectation.reason ? ` \`${expectation.reason}\`` : ''}`];
      }),
    ),
  ],
  facts: (probe) => ({ Runs: RUNS[probe.scope], Safety: SAFETY[probe.safety], Default: defaultFact(probe) }),
  sections: (probe) => [
    `## Request (for \`${EXAMPLE_RESOURCE.name}.${EXAMPLE_RESOURCE.group}\`)`,
    requestSection(probe),
    '## Expected',
    fence('json', [JSON.stringify(probe.expect(exampleContext(probe)), null, 2)]),
    'Every response is also judged by the passive checks (see [docs/checks](../checks/README.md)).',
  ],
};

export const probePages = (): GeneratedPage[] => unitPages(PROBE_KIND);
