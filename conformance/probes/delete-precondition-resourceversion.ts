import { appliesToExistingDeletable, defineProbe, deleteSampleWith, metadataOf, sampleName } from '../probe.js';

/** A resourceVersion older than the existing object's: `1`, or `2` for an object still at version 1. */
export function staleResourceVersion(sample: Record<string, unknown> | undefined): string {
  const metadata = metadataOf(sample);
  return metadata.resourceVersion === '1' ? '2' : '1';
}

export default defineProbe({
  id: 'delete-precondition-resourceversion',
  title: 'Delete with a resourceVersion precondition that does not match',
  description:
    'DELETE (with `dryRun=All`) an existing object with `DeleteOptions.preconditions.resourceVersion: "1"`: `409 Conflict` (`the ResourceVersion in the precondition … does not match`), which tells the client to re-read before deleting. kube-apiserver checks preconditions under `dryRun` too.',
  scope: 'group-version',
  safety: 'dry-run',
  needs: ['sample'],
  appliesTo: appliesToExistingDeletable,
  request: ({ resource, sample }) => deleteSampleWith(resource!, sample, { resourceVersion: staleResourceVersion(sample) }),
  expect: ({ sample }) => ({ status: 409, reason: 'Conflict', details: { name: sampleName(sample) } }),
});
