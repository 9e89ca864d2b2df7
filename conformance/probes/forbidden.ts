import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'forbidden',
  title: 'Read as a user without permissions',
  description: 'GET an object as a user with no RBAC bindings (impersonated, or `--unprivileged-context`): `403 Forbidden`, with `details` naming the group and resource.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'get'),
  request: ({ resource, namespace, missingName }) => ({ method: 'GET', path: resourcePath(resource!, namespace, missingName), unprivileged: true }),
  expect: ({ resource, missingName }) => ({
    status: 403,
    reason: 'Forbidden',
    details: { name: missingName, kind: resource!.name, group: resource!.group },
  }),
});
