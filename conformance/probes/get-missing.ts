import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs, qualifiedResource } from '../probe.js';

export default defineProbe({
  id: 'get-missing',
  title: 'Read an object that does not exist',
  description: 'GET a name no object has: `404 NotFound`, with `details` naming the object and a message `<resource> "<name>" not found`.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'get'),
  request: ({ resource, namespace, missingName }) => ({ method: 'GET', path: resourcePath(resource!, namespace, missingName) }),
  expect: ({ resource, missingName }) => ({
    status: 404,
    reason: 'NotFound',
    details: { name: missingName, kind: resource!.name, group: resource!.group },
    message: `${qualifiedResource(resource!)} "${missingName}" not found`,
  }),
});
