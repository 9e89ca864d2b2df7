import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored, objectBody } from '../probe.js';

// A slash and capitals: refused by every name validator (DNS subdomain and path-segment names alike).
const INVALID_NAME = 'statuslint/Invalid_Name';

// Resources whose name validator accepts every name, by design: no name cause can be expected of them.
// CertificateSigningRequest: k8s.io/kubernetes pkg/apis/certificates/validation's
// ValidateCertificateRequestName returns no error ("we don't care what you call your certificate requests").
const ANY_NAME_ACCEPTED = new Set(['certificatesigningrequests.certificates.k8s.io']);

export default defineProbe({
  id: 'create-invalid-name',
  title: 'Create an object with an invalid name',
  description:
    'POST (with `dryRun=All`) an object named `statuslint/Invalid_Name`: `422 Invalid`, with a cause `FieldValueInvalid` for field `metadata.name` (not asked of resources whose names are free by design, such as `certificatesigningrequests`).',
  scope: 'resource',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: ({ resource, namespace, sample }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, INVALID_NAME, namespace, sample)),
  }),
  expect: ({ resource }) => ({
    status: 422,
    reason: 'Invalid',
    details: { name: INVALID_NAME, kind: resource!.kind, group: resource!.group },
    ...(ANY_NAME_ACCEPTED.has(`${resource!.name}.${resource!.group}`) ? {} : { causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] }),
  }),
});
