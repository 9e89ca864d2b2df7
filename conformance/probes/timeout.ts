import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'timeout',
  title: 'A request that runs out of its timeout',
  description:
    'GET a list with `?timeout=1ns`: `504 Timeout` when the server honours the timeout before answering. Optional (`--probe timeout`): a fast server answers first, and that is not a defect.',
  scope: 'group-version',
  safety: 'read',
  optional: true,
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?timeout=1ns` }),
  expect: () => ({ status: 504, reason: 'Timeout' }),
});
