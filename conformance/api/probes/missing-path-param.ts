import { requestErrorStatus } from '../../../schemas/catalog.js';
import { defineApiProbe, isWrite, requestFor } from '../probe.js';
import type { ApiOperation } from '../operations.js';

// A parameter in the middle of the path: left empty, the path cannot be mistaken for another route's.
const innerParameter = (operation: ApiOperation) => operation.parameters.find((p) => p.in === 'path' && !operation.path.endsWith(`{${p.name}}`));

export default defineApiProbe({
  id: 'missing-path-param',
  title: 'A request with a path parameter left empty',
  description:
    'Send the operation with an inner path parameter empty (`/clusters//nodes`): `400` with `missing_path_param` (a profile\'s `requestErrors.parameter` names its status). Optional (`--probe missing-path-param`): many routers answer an empty segment with `404`, which clients also read as "fix the request".',
  optional: true,
  safety: (operation) => (isWrite(operation) ? 'write-if-ignored' : 'read'),
  appliesTo: (operation) => (innerParameter(operation) ? true : 'no path parameter before the last segment'),
  request: (context) => requestFor(context, { omit: innerParameter(context.operation)! }),
  expect: (_operation, profile) => ({ status: requestErrorStatus(profile, 'parameter'), codes: ['missing_path_param', 'invalid_path_params', 'bad_request', 'BadRequest'] }),
});
