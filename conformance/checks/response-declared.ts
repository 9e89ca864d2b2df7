import { mediaTypeOf } from '../exchange.js';
import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';

/** `404` matches `404`, `4XX` and `default`, most specific first. */
function declaredFor(status: number, responses: ReadonlyArray<{ status: string; mediaTypes: string[] }>): { status: string; mediaTypes: string[] } | undefined {
  const code = String(status);
  return (
    responses.find((r) => r.status === code) ??
    responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    responses.find((r) => r.status === 'default')
  );
}

const mediaMatches = (received: string, declared: string): boolean => {
  const wanted = declared.toLowerCase().split(';')[0]!.trim();
  if (wanted === '*/*') return true;
  if (wanted.endsWith('/*')) return received.startsWith(wanted.slice(0, -1));
  return received === wanted;
};

export default defineCheck({
  id: 'response-declared',
  title: 'The response is one the OpenAPI document declares',
  level: 'SHOULD',
  scope: 'probe',
  description:
    'A probe derived from an OpenAPI document should get a response the operation declares: its status (exact, a range such as `4XX`, or `default`) and, where the declaration lists media types, one of them. Clients and generated SDKs only know how to read what is declared.',
  example: {
    profile: 'envelope',
    status: 415,
    headers: { 'content-type': 'application/json' },
    body: { error: 'unsupported_media_type', message: 'send application/json', requestId: 'f00d-0002' },
    expectation: {
      status: 415,
      declared: {
        operation: 'POST /clusters',
        pointer: '/paths/~1clusters/post',
        responses: [{ status: '201', mediaTypes: ['application/json'] }, { status: '400', mediaTypes: ['application/json'] }],
      },
    },
  },
  run({ expectation, response }) {
    const declared = expectation?.declared;
    if (!declared) return skip('not probed from an OpenAPI document');
    if (response.status === undefined) return skip('no HTTP status recorded');
    const match = declaredFor(response.status, declared.responses);
    const listed = declared.responses.map((r) => r.status).join(', ') || 'none';
    if (!match) {
      return [
        {
          pointer: `${declared.pointer}/responses`,
          expected: listed,
          received: String(response.status),
          message: receivedExpected(`HTTP ${response.status}`, `a status \`${declared.operation}\` declares (${listed})`),
          hint: `Declare the ${response.status} response (with its error schema) under \`responses\`, or a \`${String(response.status)[0]}XX\` or \`default\` response.`,
        },
      ];
    }
    const mediaType = mediaTypeOf(response.headers?.['content-type']);
    if (match.mediaTypes.length === 0 || mediaType === undefined || match.mediaTypes.some((t) => mediaMatches(mediaType, t))) return pass;
    return [
      {
        pointer: `${declared.pointer}/responses/${match.status}`,
        expected: match.mediaTypes.join(', '),
        received: mediaType,
        message: receivedExpected(`\`Content-Type: ${mediaType}\``, `a media type the ${match.status} response declares (${match.mediaTypes.join(', ')})`),
        hint: `Answer with ${match.mediaTypes.join(' or ')}, or declare ${mediaType} for the ${match.status} response.`,
      },
    ];
  },
});
