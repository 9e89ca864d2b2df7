import { defineProbe, isStored, objectBody, strictCreate } from '../probe.js';

/** A field no schema has. */
export const UNKNOWN_FIELD = 'statuslintUnknownField';

export default defineProbe({
  id: 'create-unknown-field',
  title: 'Create with an unknown field, under strict field validation',
  description:
    'POST (with `dryRun=All&fieldValidation=Strict`) an object carrying a field its schema does not have: `400 BadRequest` naming the field (`strict decoding error: unknown field "statuslintUnknownField"`). Clients that ask for strict validation rely on it to catch typos instead of dropping them silently.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: (context) => strictCreate(context, JSON.stringify({ ...objectBody(context.resource!, context.missingName, context.namespace), [UNKNOWN_FIELD]: true })),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
