import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, objectBody } from '../probe.js';

export default defineProbe({
  id: 'post-to-object',
  title: 'POST to a named object',
  description:
    'POST (with `dryRun=All`) an object to the path of a named object, where only the collection takes a POST: `405 MethodNotAllowed`, which should carry an `Allow` header.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'get'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed', headers: ['allow'] }),
});
