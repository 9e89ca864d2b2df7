import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs } from '../probe.js';

export default defineProbe({
  id: 'patch-unsupported-patch-type',
  title: 'Patch with an unknown patch type',
  description: 'PATCH (with `dryRun=All`) using `Content-Type: application/x-unknown-patch+json`: `415 UnsupportedMediaType`.',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => hasVerbs(resource, 'get', 'patch'),
  request: ({ resource, namespace, missingName }) => ({
    method: 'PATCH',
    path: `${resourcePath(resource!, namespace, missingName)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/x-unknown-patch+json' },
    body: '{"metadata":{"labels":{"statuslint":"probe"}}}',
  }),
  expect: () => ({ status: 415, reason: 'UnsupportedMediaType' }),
});
