import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'patch-not-a-patch-type',
  title: 'Patch with a media type that is no patch type',
  description:
    'PATCH (with `dryRun=All`) an object no one has with `Content-Type: text/plain`, which names no patch format at all: `415 UnsupportedMediaType`. A server that guesses the format from the body applies a patch the client never described.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'patch'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'PATCH',
    path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}`,
    headers: { 'content-type': 'text/plain' },
    body: '{"metadata":{"labels":{"statuslint":"probe"}}}',
  }),
  expect: () => ({ status: 415, reason: 'UnsupportedMediaType' }),
});
