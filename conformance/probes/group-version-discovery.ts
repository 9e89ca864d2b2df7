import { defineProbe } from '../probe.js';

export default defineProbe({
  id: 'group-version-discovery',
  title: 'The group-version lists its resources',
  description:
    'GET the discovery document of each selected group-version (`/api/v1`, `/apis/<group>/<version>`): `200` with its resources. A group-version whose discovery fails breaks every client that maps kinds to resources (kubectl, controllers), for all of its resources at once.',
  scope: 'discovered-group-version',
  safety: 'read',
  appliesTo: () => true,
  request: ({ groupVersion }) => ({ method: 'GET', path: groupVersion!.group === '' ? `/api/${groupVersion!.version}` : `/apis/${groupVersion!.groupVersion}` }),
  expect: () => ({ status: 200 }),
});
