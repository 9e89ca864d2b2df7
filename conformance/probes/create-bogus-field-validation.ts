import { resourcePath } from '../discovery.js';
import { defineProbe, DRY_RUN, isStored, objectBody } from '../probe.js';

export default defineProbe({
  id: 'create-bogus-field-validation',
  title: 'Create with an invalid fieldValidation value',
  description:
    'POST (with `dryRun=All`) an object with `?fieldValidation=Bogus`: `422 Invalid` for `CreateOptions`, with a `FieldValueNotSupported` cause for `fieldValidation` listing the values it takes (`Ignore`, `Warn`, `Strict`).',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: ({ resource, namespace, missingName }) => ({
    method: 'POST',
    path: `${resourcePath(resource!, namespace)}?${DRY_RUN}&fieldValidation=Bogus`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(objectBody(resource!, missingName, namespace)),
  }),
  expect: () => ({ status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'fieldValidation' }] }),
});
