import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored } from '../probe.js';

export default defineProbe({
  id: 'create-malformed-json',
  title: 'Create with a body that is not JSON',
  description: 'POST (with `dryRun=All`) a cut-off JSON body: `400 BadRequest`.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: ({ resource, namespace }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: `{"apiVersion":"${resource!.groupVersion}","kind":"${resource!.kind}","metadata":{"name":`,
  }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
