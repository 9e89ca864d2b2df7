import { defineCheck, pass, skip } from '../check.js';
import { asText, type FindingInput, receivedExpected, show } from '../findings.js';

function notEchoed(headerName: string, field: string | undefined, header: string | undefined, requestId: unknown): FindingInput[] {
  return [
    {
      pointer: `header:${headerName}`,
      expected: asText(requestId),
      received: header ?? 'nothing',
      message: receivedExpected(`\`${headerName}: ${header ?? '(missing)'}\``, `the body's request id ${show(requestId)}`),
      hint: `Set \`${headerName}\` from the same id as \`${field ?? 'requestId'}\`.`,
    },
  ];
}

export default defineCheck({
  id: 'request-id-echoed',
  title: 'The request id is echoed in its header',
  level: 'SHOULD',
  scope: 'passive',
  bodyKinds: ['envelope'],
  description: 'Where the profile names a request-id header, it should carry the same id as the body, so logs and clients correlate.',
  example: {
    profile: {
      name: 'echoing-envelope',
      extends: 'envelope',
      body: { kind: 'envelope', codeField: 'error', messageField: 'message', requestIdField: 'requestId', requestIdRequired: true, requestIdHeader: 'X-Request-Id' },
    },
    status: 404,
    headers: { 'content-type': 'application/json', 'x-request-id': 'f00d-0001' },
    body: { error: 'not_found', message: 'cluster "c1" not found', requestId: 'abc123-def456' },
  },
  run({ compiled, facts, response }) {
    const shape = compiled.profile.body;
    if (shape.kind !== 'envelope' || !shape.requestIdHeader) return skip('the profile names no request-id header');
    if (!facts || facts.requestId === undefined) return skip('no request id in the body');
    if (!response.headers) return skip('no headers recorded');
    const header = response.headers[shape.requestIdHeader.toLowerCase()];
    if (header === facts.requestId) return pass;
    return notEchoed(shape.requestIdHeader, shape.requestIdField, header, facts.requestId);
  },
});
