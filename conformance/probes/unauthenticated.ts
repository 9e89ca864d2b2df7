import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'unauthenticated',
  title: 'Send no credentials',
  description: 'GET a list with no credentials at all: `401 Unauthorized`.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1`, anonymous: true }),
  expect: () => ({ status: 401, reason: 'Unauthorized' }),
});
