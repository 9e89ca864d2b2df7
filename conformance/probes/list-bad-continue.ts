import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'list-bad-continue',
  title: 'List with a malformed continue token',
  description:
    'GET `?limit=1&continue=<garbage>`: `400 BadRequest`. A server may ignore `limit` and `continue` (the ListOptions docs allow it): a `200` with a whole list is judged only where the server showed it paginates (a `metadata.continue` in a list limited to one item), and is otherwise listed as not judged, with the reason.',
  scope: 'resource',
  safety: 'read',
  needs: ['sample'],
  appliesTo: (resource) => hasVerbs(resource, 'list'),
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?limit=1&continue=statuslint-not-a-token` }),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
  judgedWhen: ({ status }, { paginates }) =>
    status !== 200 || paginates === true ? true : 'the server answered 200 and showed no pagination on this list (no `metadata.continue` for `limit=1`): a server may ignore `limit` and `continue`',
});
