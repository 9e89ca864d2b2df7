import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'list-bad-continue',
  title: 'List with a malformed continue token',
  description: 'GET `?limit=1&continue=<garbage>`: `400 BadRequest`.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1&continue=statuslint-not-a-token` }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
