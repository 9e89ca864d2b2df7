import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'watch-not-served',
  title: 'Watch a resource that serves no watch',
  description:
    'GET `?watch=true` on a collection whose discovery lists `list` but not `watch`: `405 MethodNotAllowed`. A server that answers with a list instead leaves an informer waiting for events that never come.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => {
    const listed = hasVerbs(resource, 'list');
    if (listed !== true) return listed;
    return resource.verbs.includes('watch') ? 'the resource serves watch' : true;
  },
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?watch=true&timeoutSeconds=1`, firstLineOnly: true }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed' }),
});
