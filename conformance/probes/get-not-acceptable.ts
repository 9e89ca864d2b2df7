import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'get-not-acceptable',
  title: 'Ask for a media type the server cannot produce',
  description: 'GET with `Accept: application/x-statuslint-unknown`: `406 NotAcceptable`, with a JSON `Status` body all the same.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({
    method: 'GET',
    path: `${resourcePath(resource!, namespace)}?limit=1`,
    headers: { accept: 'application/x-statuslint-unknown' },
  }),
  expect: () => ({ status: 406, reason: 'NotAcceptable' }),
});
