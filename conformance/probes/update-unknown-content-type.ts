import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, objectBody } from '../probe.js';

export default defineProbe({
  id: 'update-unknown-content-type',
  title: 'Update with a Content-Type the server does not know',
  description: 'PUT (with `dryRun=All`) a JSON object labelled `application/x-statuslint-unknown` to the name of an object no one has: `415 UnsupportedMediaType`, before the object is looked up.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'update'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'PUT',
    path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/x-statuslint-unknown' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 415, reason: 'UnsupportedMediaType' }),
});
