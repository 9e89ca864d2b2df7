import { defineApiProbe, jsonMediaType, requestFor, stringBodyReason, stringBodySafety } from '../probe.js';

/**
 * One oversize body per size while any request still holds it. Bodies are made when a request is
 * sent, not when the run is planned, and operations that share a limit share the body: a document
 * of thousands of operations must not hold thousands of bodies of up to 64 MiB at once.
 */
const bodies = new Map<number, WeakRef<Buffer>>();
const collected = new FinalizationRegistry<number>((size) => {
  if (bodies.get(size)?.deref() === undefined) bodies.delete(size);
});

/** A JSON string of `size` bytes (`"xxx…"`): no valid body where the body is an object or an array, so nothing can be stored. */
export function oversizeBody(size: number): Buffer {
  const kept = bodies.get(size)?.deref();
  if (kept) return kept;
  const body = Buffer.alloc(size, 0x78);
  body[0] = 0x22;
  body[size - 1] = 0x22;
  bodies.set(size, new WeakRef(body));
  collected.register(body, size);
  return body;
}

export default defineApiProbe({
  id: 'body-too-large',
  title: 'A body over the size limit',
  description:
    'Send a JSON string one byte over the body limit (`x-statuslint-body-limit` on the operation or the document, else `--body-limit`, default 1 MiB; at most 64 MiB): `413` with `body_too_large`. A string is no valid object, so nothing can be stored; where the body may be a string, a server with no limit would store it, so the probe then runs only with `--allow-writes`.',
  safety: stringBodySafety,
  writeReason: stringBodyReason,
  appliesTo: (operation) => (operation.body ? true : 'the operation takes no body'),
  request: (context) => requestFor(context, { body: { text: oversizeBody(context.bodyLimit + 1), contentType: jsonMediaType(context.operation) ?? 'application/json' } }),
  expect: () => ({ status: 413, codes: ['body_too_large', 'RequestEntityTooLarge'] }),
});
