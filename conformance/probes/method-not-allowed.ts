import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'method-not-allowed',
  title: 'Use a method the collection does not support',
  description: 'PATCH (with `dryRun=All`) the collection path, which no resource supports: `405 MethodNotAllowed`, which should carry an `Allow` header.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({
    method: 'PATCH',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: '{}',
  }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed', headers: ['allow'] }),
});
