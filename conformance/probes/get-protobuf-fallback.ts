import { resourcePath } from '../discovery.js';
import { KUBERNETES_PROTOBUF } from '../kubernetes-protobuf.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** What client-go sends when a client is configured for protobuf, kubectl's included: protobuf first, JSON as the fallback. */
export const PROTOBUF_WITH_JSON_FALLBACK = `${KUBERNETES_PROTOBUF}, application/json`;

export default defineProbe({
  id: 'get-protobuf-fallback',
  title: 'Ask for protobuf with a JSON fallback, as client-go does',
  description:
    'List with `Accept: application/vnd.kubernetes.protobuf, application/json`, the header of every client-go client set up for protobuf: `200`, in protobuf where the resource has it and in JSON where it does not (CRDs, most aggregated servers). A server that answers `406` because it reads only the first media type fails every such client, though it could have served JSON.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1`, headers: { accept: PROTOBUF_WITH_JSON_FALLBACK } }),
  expect: () => ({ status: 200 }),
});
