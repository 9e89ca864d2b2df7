import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'delete-not-served',
  title: 'Delete where the resource serves no delete',
  description:
    'DELETE (with `dryRun=All`) a named object of a resource whose discovery lists `get` but not `delete` (read-only resources such as metrics or `componentstatuses`): `405 MethodNotAllowed`. Discovery and the server must agree on what the resource serves.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => {
    const read = hasVerbs(resource, 'get');
    if (read !== true) return read;
    return resource.verbs.includes('delete') ? 'the resource serves delete' : true;
  },
  request: ({ resource, namespace, missingName }) => ({ method: 'DELETE', path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}` }),
  expect: () => ({ status: 405, reason: 'MethodNotAllowed' }),
});
