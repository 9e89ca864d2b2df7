import { resourcePath } from '../discovery.js';
import { mediaTypeOf } from '../exchange.js';
import { KUBERNETES_PROTOBUF } from '../kubernetes-protobuf.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'get-protobuf-not-served',
  title: 'Ask only for protobuf, which the resource may not serve',
  description:
    'List with `Accept: application/vnd.kubernetes.protobuf` and no fallback. A resource with no protobuf encoding (every CRD, most aggregated servers) must answer `406 NotAcceptable` with a `Status`; kube-apiserver sends that `Status` in protobuf, which statuslint decodes and judges like a JSON one. A server that sends a JSON list instead hands the client an object it cannot decode. A `200` in protobuf shows the resource has a protobuf encoding (built-in resources, servers with generated protobuf types such as sample-apiserver): listed as not judged.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1`, headers: { accept: KUBERNETES_PROTOBUF } }),
  expect: () => ({ status: 406, reason: 'NotAcceptable' }),
  judgedWhen: ({ status, headers }) =>
    status === 200 && mediaTypeOf(headers?.['content-type']) === KUBERNETES_PROTOBUF ? 'the resource serves protobuf (it answered `200` in `application/vnd.kubernetes.protobuf`)' : true,
});
