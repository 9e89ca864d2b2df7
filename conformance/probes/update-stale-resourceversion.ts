import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, isStored, objectBody, sampleName, sampleNamespace } from '../probe.js';

export default defineProbe({
  id: 'update-stale-resourceversion',
  title: 'Update with a stale resourceVersion',
  description: 'PUT (with `dryRun=All`) an existing object carrying `resourceVersion: "1"`: `409 Conflict`, which tells clients to re-read and retry.',
  scope: 'resource',
  safety: 'dry-run',
  needs: ['sample'],
  appliesTo: (resource, { hasSample }) => {
    const stored = isStored(resource);
    if (stored !== true) return stored;
    const update = hasVerbs(resource, 'update');
    if (update !== true) return update;
    return hasSample ? true : 'no object of this resource exists to update';
  },
  request: ({ resource, sample }) => {
    const body = objectBody(resource!, sampleName(sample), sampleNamespace(sample), sample);
    (body.metadata as Record<string, unknown>).resourceVersion = '1';
    return {
      method: 'PUT',
      path: `${resourcePath(resource!, sampleNamespace(sample), sampleName(sample))}?${DRY_RUN}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  },
  expect: ({ resource, sample }) => ({
    status: 409,
    reason: 'Conflict',
    details: { name: sampleName(sample), kind: resource!.name, group: resource!.group },
  }),
});
