import { defineApiProbe, jsonMediaType, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'malformed-json',
  title: 'A body that is not JSON',
  description: 'Send the operation a cut-off JSON body under its JSON media type: `400` with `invalid_json` (or `invalid_body`).',
  safety: 'rejected-write',
  appliesTo: (operation) => (jsonMediaType(operation) ? true : 'the operation takes no JSON body'),
  request: (context) => requestFor(context, { body: { text: '{"statuslint": ', contentType: jsonMediaType(context.operation)! } }),
  expect: () => ({ status: 400, codes: ['invalid_json', 'invalid_body', 'bad_request', 'BadRequest'] }),
});
