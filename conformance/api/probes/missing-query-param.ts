import { requestErrorStatus } from '../../../schemas/catalog.js';
import { defineApiProbe, isWrite, requestFor } from '../probe.js';

const firstRequired = (operation: Parameters<typeof isWrite>[0]) => operation.parameters.find((p) => p.in === 'query' && p.required);

export default defineApiProbe({
  id: 'missing-query-param',
  title: 'A request without a required query parameter',
  description: 'Send the operation without its first required query parameter, everything else valid: `400` with `missing_query_param` (a profile\'s `requestErrors.parameter` names its status). On writes, only with `--allow-writes`.',
  safety: (operation) => (isWrite(operation) ? 'write-if-ignored' : 'read'),
  appliesTo: (operation) => (firstRequired(operation) ? true : 'the operation has no required query parameter'),
  request: (context) => requestFor(context, { omit: firstRequired(context.operation)! }),
  expect: (_operation, profile) => ({ status: requestErrorStatus(profile, 'parameter'), codes: ['missing_query_param', 'invalid_parameter', 'bad_request', 'BadRequest'] }),
});
