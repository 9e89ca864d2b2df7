import { defineApiProbe, isWrite, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'no-credentials',
  title: 'A request without credentials',
  description: 'Send a valid request to an operation that requires authentication, without any credential: `401` with `unauthorized`. On writes, only with `--allow-writes`.',
  safety: (operation) => (isWrite(operation) ? 'write-if-ignored' : 'read'),
  appliesTo: (operation) => (operation.secured ? true : 'the operation requires no authentication'),
  request: (context) => ({ ...requestFor(context), anonymous: true }),
  expect: () => ({ status: 401, codes: ['unauthorized', 'Unauthorized'] }),
});
