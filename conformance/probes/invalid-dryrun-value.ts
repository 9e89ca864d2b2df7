import { resourcePath } from '../discovery.js';
import { defineProbe, isStored, objectBody } from '../probe.js';

export default defineProbe({
  id: 'invalid-dryrun-value',
  title: 'Create with an invalid dryRun value',
  description:
    'POST a valid object with `?dryRun=Bogus`: `422 Invalid` (for `CreateOptions`). A server that ignored the value would create the object, so this probe runs only with `--allow-writes`, in the throwaway namespace.',
  scope: 'group-version',
  safety: 'throwaway-namespace',
  needs: ['sample'],
  appliesTo: (resource, { hasSample }) => {
    const stored = isStored(resource);
    if (stored !== true) return stored;
    if (!resource.namespaced) return 'runs only on namespaced resources, inside the throwaway namespace';
    return hasSample ? true : 'no object of this resource to copy';
  },
  request: ({ resource, namespace, missingName, sample }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?dryRun=Bogus`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace, sample)),
  }),
  expect: () => ({ status: 422, reason: 'Invalid' }),
});
