import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'watch-too-old-resourceversion',
  title: 'Watch from a resourceVersion that is too old',
  description:
    'GET `?watch=true&resourceVersion=1`: the stream (200) carries an `ERROR` event whose object is a `410 Expired` `Status` (a direct 410 is accepted too); clients then re-list. A server whose history still reaches back to version 1 (a young watch cache) streams events instead: nothing to judge, the checks are skipped.',
  scope: 'resource',
  safety: 'read',
  appliesTo: (resource) => hasVerbs(resource, 'watch'),
  request: ({ resource, namespace }) => ({
    method: 'GET',
    path: `${resourcePath(resource!, namespace)}?watch=true&resourceVersion=1&allowWatchBookmarks=false&timeoutSeconds=1`,
    firstLineOnly: true,
  }),
  expect: () => ({ status: 410, reason: 'Expired', streamStatus: 200 }),
});
