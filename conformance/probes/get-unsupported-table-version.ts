import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** A Table version no server serves, asked for the way kubectl asks for a Table, without a plain JSON fallback. */
export const UNSUPPORTED_TABLE = 'application/json;as=Table;v=v2;g=meta.k8s.io';

export default defineProbe({
  id: 'get-unsupported-table-version',
  title: 'Ask for a Table in a version the server does not serve',
  description:
    'List with `Accept: application/json;as=Table;v=v2;g=meta.k8s.io` (the media type kubectl sends for tables, in a version that does not exist) and no fallback: `406 NotAcceptable`, as a JSON `Status`. A server that sends a plain list instead hands the client an object it did not ask for.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1`, headers: { accept: UNSUPPORTED_TABLE } }),
  expect: () => ({ status: 406, reason: 'NotAcceptable' }),
});
