import { defineApiProbe, requestFor } from '../probe.js';
import { unknownValue } from '../values.js';

export default defineApiProbe({
  id: 'unknown-id',
  title: 'Read or delete an object that does not exist',
  description:
    "GET (and DELETE) the operation with its last path parameter set to a value no object has, of the parameter's type and format: `404` with `not_found`. A DELETE of an id nothing has removes nothing.",
  safety: (operation) => (operation.method === 'get' ? 'read' : 'rejected-write'),
  appliesTo(operation, document) {
    if (operation.method !== 'get' && operation.method !== 'delete') return 'only reads and deletes ask for an unknown id';
    const last = operation.parameters.filter((p) => p.in === 'path').at(-1);
    if (!last) return 'the path has no parameter';
    return unknownValue(document, last.schema, '000000') === undefined ? `\`${last.name}\` is an enum: no unknown value to ask for` : true;
  },
  request(context) {
    const last = context.operation.parameters.filter((p) => p.in === 'path').at(-1)!;
    return requestFor(context, { pathValues: { [last.name]: unknownValue(context.document, last.schema, context.salt)! } });
  },
  expect: () => ({ status: 404, codes: ['not_found', 'NotFound'] }),
});
