import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'list-bad-resource-version-match',
  title: 'List with an invalid resourceVersionMatch',
  description:
    'GET the collection with `?resourceVersion=1&resourceVersionMatch=Bogus`: `422 Invalid` for `ListOptions`, with a `FieldValueNotSupported` cause for `resourceVersionMatch`.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?resourceVersion=1&resourceVersionMatch=Bogus` }),
  expect: () => ({ status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'resourceVersionMatch' }] }),
});
