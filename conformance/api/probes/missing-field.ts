import { requestErrorStatus } from '../../../schemas/catalog.js';
import { isObject, type SpecDocument } from '../../spec/document.js';
import { defineApiProbe, jsonMediaType, requestFor, validBody } from '../probe.js';
import { requiredMembers } from '../values.js';

const firstRequired = (document: SpecDocument, schema: unknown): string | undefined => requiredMembers(document, schema)[0];

export default defineApiProbe({
  id: 'missing-field',
  title: 'A body without a required field',
  description:
    'Send a valid body (the documented example, or one built from the schema) without its first required field: `400` with `missing_field` (Kubernetes: `422 Invalid`; a profile\'s `requestErrors.validation` names its status). A server that skipped validation would store the object, so this probe runs only with `--allow-writes`, against a test instance.',
  safety: 'write-if-ignored',
  appliesTo(operation, document) {
    if (!jsonMediaType(operation) || !operation.body?.schema) return 'the operation takes no JSON body with a schema';
    return firstRequired(document, operation.body.schema.value) ? true : 'the body schema requires no field';
  },
  request(context) {
    const field = firstRequired(context.document, context.operation.body!.schema!.value)!;
    const body = validBody(context);
    const { [field]: _left, ...rest } = isObject(body) ? body : {};
    return requestFor(context, { body: { text: JSON.stringify(rest), contentType: jsonMediaType(context.operation)! } });
  },
  expect: (_operation, profile) => ({
    status: requestErrorStatus(profile, 'validation'),
    codes: profile.body.kind === 'kubernetes-status' ? ['Invalid'] : ['missing_field', 'invalid_input', 'invalid_body', 'bad_request'],
  }),
});
