import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** A field no resource has: servers support a few field labels per resource and refuse the rest. */
export const UNSUPPORTED_FIELD_SELECTOR = 'statuslint.invalid=x';

export default defineProbe({
  id: 'list-bad-field-selector',
  title: 'List with a field selector on an unsupported field',
  description: 'GET the collection with `?fieldSelector=statuslint.invalid=x`: `400 BadRequest` (`field label not supported`). A `500`, or a `200` that ignored the selector, misleads the client.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?fieldSelector=${encodeURIComponent(UNSUPPORTED_FIELD_SELECTOR)}` }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
