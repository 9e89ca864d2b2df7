import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';

export default defineCheck({
  id: 'allow-header',
  title: 'A 405 says which methods are allowed',
  level: 'SHOULD',
  scope: 'probe',
  description: 'A `405 Method Not Allowed` should carry an `Allow` header listing the methods the resource supports (RFC 9110, section 15.5.6).',
  example: { status: 405, headers: { 'content-type': 'application/json' }, expectation: { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] }, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405 } },
  run({ expectation, response }) {
    if (!expectation!.headers?.includes('allow')) return skip('the probe expects no Allow header');
    if (response.status !== 405) return skip('not a 405 (see status-code-expected)');
    if (response.headers?.allow) return pass;
    return [
      {
        pointer: 'header:Allow',
        expected: 'Allow',
        received: 'nothing',
        message: receivedExpected('a 405 with no `Allow` header', 'an `Allow` header listing the supported methods'),
        hint: 'Send `Allow: GET, POST, …` with every 405 (RFC 9110 requires it).',
      },
    ];
  },
});
