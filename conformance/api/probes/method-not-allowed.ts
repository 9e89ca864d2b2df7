import { defineApiProbe, requestFor } from '../probe.js';
import type { ApiOperation } from '../operations.js';

// DELETE is never sent: a server that serves it without documenting it would delete something.
// An empty PATCH changes nothing even where PATCH is served, so it comes before POST and PUT.
// No safe method stands in for them: HEAD and OPTIONS are served wherever GET is (RFC 9110, CORS),
// and TRACE echoes the request, credentials included, where a server has not turned it off.
const CANDIDATES = ['GET', 'PATCH', 'POST', 'PUT'];

const undeclared = (operation: ApiOperation): string | undefined => CANDIDATES.find((m) => !operation.pathMethods.includes(m));

export default defineApiProbe({
  id: 'method-not-allowed',
  title: 'A method the path does not serve',
  description:
    'Once per path: send a method the document does not declare there (GET if it is missing, else an empty PATCH, POST or PUT): `405` with `method_not_allowed` and an `Allow` header listing the methods the path serves. A server may route a method its document leaves out (an undocumented action), so PATCH, POST and PUT go only with `--allow-writes`, against a test instance.',
  scope: 'path',
  // A server that skips checking the method (routes it anyway) could act on an unsafe one.
  safety: (operation) => (undeclared(operation) === 'GET' ? 'read' : 'write-if-ignored'),
  writeReason: 'a server that routes the method anyway could act on it',
  appliesTo: (operation) => (undeclared(operation) ? true : 'the path declares every method this probe may send'),
  request(context) {
    const method = undeclared(context.operation)!;
    return { ...requestFor(context, { body: null }), method };
  },
  expect: (operation) => ({ status: 405, codes: ['method_not_allowed', 'MethodNotAllowed'], headers: ['allow'], allow: operation.pathMethods }),
});
