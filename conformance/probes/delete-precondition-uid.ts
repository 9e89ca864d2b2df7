import { appliesToExistingDeletable, defineProbe, deleteSampleWith, metadataOf, sampleName } from '../probe.js';

const ZERO_UID = '00000000-0000-0000-0000-000000000000';

/** A uid the existing object surely does not have. */
export function otherUid(sample: Record<string, unknown> | undefined): string {
  const metadata = metadataOf(sample);
  return metadata.uid === ZERO_UID ? '00000000-0000-0000-0000-000000000001' : ZERO_UID;
}

export default defineProbe({
  id: 'delete-precondition-uid',
  title: 'Delete with a uid precondition that does not match',
  description:
    'DELETE (with `dryRun=All`) an existing object with `DeleteOptions.preconditions.uid` set to another uid: `409 Conflict` (`the UID in the precondition … does not match`), which tells the client the object was replaced. Preconditions travel in the body; kube-apiserver checks them under `dryRun` too, so both stand between the request and a deletion.',
  scope: 'group-version',
  safety: 'dry-run',
  needs: ['sample'],
  appliesTo: appliesToExistingDeletable,
  request: ({ resource, sample }) => deleteSampleWith(resource!, sample, { uid: otherUid(sample) }),
  expect: ({ sample }) => ({ status: 409, reason: 'Conflict', details: { name: sampleName(sample) } }),
});
