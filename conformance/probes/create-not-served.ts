import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, objectBody } from '../probe.js';

export default defineProbe({
  id: 'create-not-served',
  title: 'Create where the resource serves no create',
  description:
    'POST (with `dryRun=All`) an object to a collection whose discovery lists no `create` verb (read-only resources such as metrics): `405 MethodNotAllowed`. Discovery and the server must agree on what the resource serves.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => {
    const listed = hasVerbs(resource, 'list');
    if (listed !== true) return listed;
    return resource.verbs.includes('create') ? 'the resource serves create' : true;
  },
  request: ({ resource, namespace, missingName }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed' }),
});
