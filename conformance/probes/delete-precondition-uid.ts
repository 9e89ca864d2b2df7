import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, hasVerbs, sampleName, sampleNamespace } from '../probe.js';

const ZERO_UID = '00000000-0000-0000-0000-000000000000';

/** A uid the existing object surely does not have. */
export function otherUid(sample: Record<string, unknown> | undefined): string {
  const metadata = (typeof sample?.metadata === 'object' && sample.metadata !== null ? sample.metadata : {}) as Record<string, unknown>;
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
  appliesTo: (resource, { hasSample }) => {
    const verbs = hasVerbs(resource, 'get', 'delete');
    if (verbs !== true) return verbs;
    return hasSample ? true : 'no object of this resource exists to name in a precondition';
  },
  request: ({ resource, sample }) => ({
    method: 'DELETE',
    path: `${resourcePath(resource!, sampleNamespace(sample), sampleName(sample))}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: otherUid(sample) } }),
  }),
  expect: ({ sample }) => ({ status: 409, reason: 'Conflict', details: { name: sampleName(sample) } }),
});
