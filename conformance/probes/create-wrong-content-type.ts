import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored, objectBody } from '../probe.js';

export default defineProbe({
  id: 'create-wrong-content-type',
  title: 'Create with an unsupported Content-Type',
  description: 'POST (with `dryRun=All`) a JSON object labelled `text/plain`: `415 UnsupportedMediaType`.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: ({ resource, namespace, missingName }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 415, reason: 'UnsupportedMediaType' }),
});
