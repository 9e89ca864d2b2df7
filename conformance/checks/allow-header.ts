import { defineCheck, pass, skip } from '../check.js';
import { type CheckOutcome, receivedExpected } from '../findings.js';

/** `GET` and `HEAD` go together: a server may list either where the document names GET (RFC 9110 section 9.3.2). */
const served = (listed: ReadonlySet<string>, method: string): boolean => listed.has(method) || (method === 'GET' && listed.has('HEAD'));

function missingMethods(allow: string, methods: readonly string[]): CheckOutcome {
  const listed = new Set(allow.split(',').map((m) => m.trim().toUpperCase()).filter((m) => m !== ''));
  const missing = methods.filter((m) => !served(listed, m));
  if (missing.length === 0) return pass;
  const ticks = (list: readonly string[]): string => list.map((m) => `\`${m}\``).join(', ');
  return [
    {
      pointer: 'header:Allow',
      expected: `Allow: ${methods.join(', ')}`,
      received: `Allow: ${[...listed].join(', ')}`,
      message: receivedExpected(`\`Allow: ${[...listed].join(', ')}\``, `an \`Allow\` header that lists every method the document gives the path (${ticks(methods)})`),
      hint: `Add ${ticks(missing)} to \`Allow\`: clients read it to learn what the resource serves, and a method left out looks unsupported.`,
    },
  ];
}

export default defineCheck({
  id: 'allow-header',
  title: 'A 405 says which methods are allowed',
  level: 'SHOULD',
  scope: 'probe',
  description:
    'A `405 Method Not Allowed` should carry an `Allow` header listing the methods the resource supports (RFC 9110, section 15.5.6): where the probe knows them (an OpenAPI path\'s methods), every one of them.',
  example: {
    status: 405,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server does not allow this method on the requested resource',
      reason: 'MethodNotAllowed',
      details: {},
      code: 405,
    },
  },
  run({ expectation, response }) {
    const expected = expectation!;
    if (!expected.headers?.includes('allow')) return skip('the probe expects no Allow header');
    // The probe that asks for the header says which status carries it.
    if (response.status !== expected.status) return skip(`not a ${expected.status} (see status-code-expected)`);
    const allow = response.headers?.allow;
    if (allow) return missingMethods(allow, expected.allow ?? []);
    return [
      {
        pointer: 'header:Allow',
        expected: 'Allow',
        received: 'nothing',
        message: receivedExpected(`a ${expected.status} with no \`Allow\` header`, 'an `Allow` header listing the supported methods'),
        hint: `Send \`Allow: GET, POST, …\` with every ${expected.status} (RFC 9110 requires it).`,
      },
    ];
  },
});
