import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** Not a selector in any syntax: an `in` with its value list left open. */
export const MALFORMED_LABEL_SELECTOR = 'statuslint in (unclosed';

export default defineProbe({
  id: 'list-bad-label-selector',
  title: 'List with a malformed label selector',
  description: 'GET the collection with `?labelSelector=statuslint in (unclosed`: `400 BadRequest`, naming the selector. A `500` tells clients to retry a request that can never succeed.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?labelSelector=${encodeURIComponent(MALFORMED_LABEL_SELECTOR)}` }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
