import { defineProbe, isStored, objectBody, strictCreate } from '../probe.js';

/** The object as JSON with `metadata.name` written twice: JSON.stringify cannot say it, so the text is built. */
function withDuplicateName(object: Record<string, unknown>, name: string): string {
  const text = JSON.stringify(object);
  const field = `"name":${JSON.stringify(name)}`;
  return text.replace(field, `${field},${field}`);
}

export default defineProbe({
  id: 'create-duplicate-field',
  title: 'Create with a duplicate field, under strict field validation',
  description:
    'POST (with `dryRun=All&fieldValidation=Strict`) an object whose JSON gives `metadata.name` twice: `400 BadRequest` naming the field (`strict decoding error: duplicate field "metadata.name"`). Which of two values a lenient decoder keeps is an accident.',
  scope: 'group-version',
  safety: 'dry-run',
  appliesTo: (resource) => isStored(resource),
  request: (context) => strictCreate(context, withDuplicateName(objectBody(context.resource!, context.missingName, context.namespace), context.missingName)),
  expect: () => ({ status: 400, reason: 'BadRequest' }),
});
