import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored } from '../probe.js';

/** kube-apiserver refuses bodies over 3 MiB (`--max-request-body-bytes` default: 3 * 1024 * 1024). */
const SIZE = 3 * 1024 * 1024 + 64 * 1024;

export default defineProbe({
  id: 'body-too-large',
  title: 'Send a body over the size limit',
  description: 'POST (with `dryRun=All`) a body just over 3 MiB, once per group-version: `413 RequestEntityTooLarge`.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: ({ resource, namespace, missingName }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: `{"apiVersion":"${resource!.groupVersion}","kind":"${resource!.kind}","metadata":{"name":"${missingName}","annotations":{"statuslint.dev/padding":"${'x'.repeat(SIZE)}"}}}`,
  }),
  expect: () => ({ status: 413, reason: 'RequestEntityTooLarge' }),
});
