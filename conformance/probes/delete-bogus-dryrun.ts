import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'delete-bogus-dryrun',
  title: 'Delete with an invalid dryRun value',
  description:
    'DELETE an object no one has with `?dryRun=Bogus`: `422 Invalid` with a `FieldValueNotSupported` cause for field `dryRun` (for `DeleteOptions`). Unlike a create with the same value, it is safe on any cluster: there is nothing to delete.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'delete'),
  request: ({ resource, namespace, missingName }) => ({ method: 'DELETE', path: `${resourcePath(resource!, namespace, missingName)}?dryRun=Bogus` }),
  expect: () => ({ status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'dryRun' }] }),
});
