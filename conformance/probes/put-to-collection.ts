import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, objectBody } from '../probe.js';

export default defineProbe({
  id: 'put-to-collection',
  title: 'PUT to a collection',
  description:
    'PUT (with `dryRun=All`) an object to the collection path, where only a named object takes a PUT: `405 MethodNotAllowed`, which should carry an `Allow` header. A `400` reads as a bad object, and the client fixes the wrong thing.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'PUT',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed', headers: ['allow'] }),
});
