import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'delete-bad-propagation-policy',
  title: 'Delete with a propagationPolicy that does not exist',
  description:
    'DELETE (with `dryRun=All`) an object no one has, with `DeleteOptions.propagationPolicy: "Bogus"`: `422 Invalid` with a `FieldValueNotSupported` cause for field `propagationPolicy`. The options are judged before the object is looked up, and a name no object has leaves nothing to delete.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'delete'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'DELETE',
    path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Bogus' }),
  }),
  expect: () => ({ status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'propagationPolicy' }] }),
});
