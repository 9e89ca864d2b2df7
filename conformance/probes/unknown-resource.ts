import { defineProbe } from '../probe.js';

/** A resource name no server serves: lower case, plural, and a reserved word no CRD would take. */
export const UNKNOWN_RESOURCE = 'statuslintunknownthings';

export default defineProbe({
  id: 'unknown-resource',
  title: 'Request a resource the group-version does not serve',
  description:
    'GET `<group-version>/namespaces/<namespace>/statuslintunknownthings/<name>/status`, an object of a resource discovery does not list: `404 NotFound`, as a `Status`. The path has every segment a namespaced object\'s subresource has, so it reaches the handlers that route by resource (an aggregated server\'s own router too, not only the first segment). Clients whose kind-to-resource mapping is stale meet this answer, and treat a `500` as a server to retry.',
  scope: 'discovered-group-version',
  safety: 'read',
  appliesTo: () => true,
  request: ({ groupVersion, namespace, missingName }) => ({
    method: 'GET',
    path: `${groupVersion!.group === '' ? `/api/${groupVersion!.version}` : `/apis/${groupVersion!.groupVersion}`}/namespaces/${encodeURIComponent(namespace)}/${UNKNOWN_RESOURCE}/${encodeURIComponent(missingName)}/status`,
  }),
  expect: () => ({ status: 404, reason: 'NotFound' }),
});
