import type { ApiOperation } from '../operations.js';
import { type ApiProbeContext, defineApiProbe, requestFor } from '../probe.js';
import { unknownValue } from '../values.js';

const lastPathParameter = (operation: ApiOperation) => operation.parameters.filter((p) => p.in === 'path').at(-1);

const unknownIdOf = (context: ApiProbeContext) => {
  const parameter = lastPathParameter(context.operation)!;
  return { parameter, unknown: unknownValue(context.document, parameter.schema, context.salt) };
};

export default defineApiProbe({
  id: 'unknown-id',
  title: 'Read or delete an object that does not exist',
  description:
    "GET (and DELETE) the operation with its last path parameter set to a value no object has, of the parameter's type, format and pattern: `404` with `not_found`. A DELETE of an id nothing has removes nothing; where no value is surely unknown (an enum, a bounded range such as 1 to 5, a pattern no such value matches, a short `maxLength`), the probe is left out and the report says why.",
  safety: (operation) => (operation.method === 'get' ? 'read' : 'rejected-write'),
  appliesTo(operation) {
    if (operation.method !== 'get' && operation.method !== 'delete') return 'only reads and deletes ask for an unknown id';
    return lastPathParameter(operation) ? true : 'the path has no parameter';
  },
  leftOut(context) {
    const { parameter, unknown } = unknownIdOf(context);
    return 'none' in unknown ? `\`${parameter.name}\` ${unknown.none}` : undefined;
  },
  request(context) {
    const { parameter, unknown } = unknownIdOf(context);
    if ('none' in unknown) throw new Error(`unknown-id was planned for ${context.operation.title}, whose \`${parameter.name}\` ${unknown.none}`);
    return requestFor(context, { pathValues: { [parameter.name]: unknown.value } });
  },
  expect: () => ({ status: 404, codes: ['not_found', 'NotFound'] }),
});
