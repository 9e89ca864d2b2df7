import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'unauthenticated',
  title: 'Send an invalid bearer token',
  description:
    'GET a list with a bearer token no authenticator accepts, and no client certificate: `401 Unauthorized`. A request with no credentials at all is not the test: where anonymous requests are enabled (the default of kube-apiserver and of every server built on k8s.io/apiserver) it is authenticated as `system:anonymous`, and its `403 Forbidden` is correct.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1`, invalidToken: true }),
  expect: () => ({ status: 401, reason: 'Unauthorized' }),
});
