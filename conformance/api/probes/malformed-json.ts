import { requestErrorStatus } from '../../../schemas/catalog.js';
import { defineApiProbe, IGNORED_BODY_REASON, jsonMediaType, refusedBodySafety, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'malformed-json',
  title: 'A body that is not JSON',
  description: 'Send the operation a cut-off JSON body under its JSON media type: `400` with `invalid_json` (or `invalid_body`; a profile\'s `requestErrors.malformedBody` names its status).',
  safety: refusedBodySafety,
  writeReason: IGNORED_BODY_REASON,
  appliesTo: (operation) => (jsonMediaType(operation) ? true : 'the operation takes no JSON body'),
  request: (context) => requestFor(context, { body: { text: '{"statuslint": ', contentType: jsonMediaType(context.operation)! } }),
  expect: (_operation, profile) => ({ status: requestErrorStatus(profile, 'malformedBody'), codes: ['invalid_json', 'invalid_body', 'bad_request', 'BadRequest'] }),
});
