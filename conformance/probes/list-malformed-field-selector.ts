import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** A field with no operator and no value: no field selector grammar accepts it. */
export const MALFORMED_FIELD_SELECTOR = 'metadata.name';

export default defineProbe({
  id: 'list-malformed-field-selector',
  title: 'List with a field selector that does not parse',
  description:
    'GET the collection with `?fieldSelector=metadata.name` (a supported field, but no operator and no value): `400 BadRequest` (`invalid selector`). A `200` that ignored the selector hands the client every object.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?fieldSelector=${encodeURIComponent(MALFORMED_FIELD_SELECTOR)}` }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
