import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored, objectBody, sampleName, sampleNamespace } from '../probe.js';

export default defineProbe({
  id: 'create-existing',
  title: 'Create an object that already exists',
  description: 'POST (with `dryRun=All`) a copy of an existing object under its own name: `409 AlreadyExists`, with `details` naming it.',
  scope: 'resource',
  safety: 'dry-run',
  needs: ['sample'],
  appliesTo: (resource, { hasSample }) => {
    const stored = isStored(resource);
    if (stored !== true) return stored;
    return hasSample ? true : 'no object of this resource exists to collide with';
  },
  request: ({ resource, sample }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, sampleNamespace(sample))}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, sampleName(sample), sampleNamespace(sample), sample)),
  }),
  expect: ({ resource, sample }) => ({
    status: 409,
    reason: 'AlreadyExists',
    details: { name: sampleName(sample), kind: resource!.name, group: resource!.group },
  }),
});
