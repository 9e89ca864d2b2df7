import { defineApiProbe, jsonMediaType, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'body-too-large',
  title: 'A body over the size limit',
  description:
    'Send a JSON string one byte over the body limit (`x-statuslint-body-limit` on the operation or the document, else `--body-limit`, default 1 MiB): `413` with `body_too_large`. A string is never a valid object, so nothing can be stored.',
  safety: 'rejected-write',
  appliesTo: (operation) => (operation.body ? true : 'the operation takes no body'),
  request(context) {
    const size = context.bodyLimit + 1;
    const text = Buffer.alloc(size, 0x78);
    text[0] = 0x22;
    text[size - 1] = 0x22;
    return requestFor(context, { body: { text, contentType: jsonMediaType(context.operation) ?? 'application/json' } });
  },
  expect: () => ({ status: 413, codes: ['body_too_large', 'RequestEntityTooLarge'] }),
});
