import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { acceptsMediaType } from '../exchange.js';
import { KUBERNETES_PROTOBUF } from '../kubernetes-protobuf.js';
import { type FindingInput, receivedExpected } from '../findings.js';
import type { Profile } from '../../schemas/types.js';

const notJson = rememberFindings(function notJson(mediaType: string | undefined, contentType: string | undefined, status: number, profile: Profile, allowed: readonly string[]): FindingInput[] {
  const received = mediaType ? `\`Content-Type: ${contentType}\`` : 'no `Content-Type`';
  const bodyName = profile.body.kind === 'kubernetes-status' ? 'a `Status` object' : `a ${profile.title} body`;
  return [
    {
      pointer: 'header:Content-Type',
      expected: allowed.join(' or '),
      received: mediaType ?? 'none',
      message: receivedExpected(`${received} on a ${status} response`, `${bodyName} as \`${allowed.join('` or `')}\``),
      hint: `Return ${bodyName} for every failure, including those raised outside your handlers (routers, proxies, rate limiters); clients decode only that.`,
    },
  ];
});

export default defineCheck({
  id: 'content-type-json',
  title: 'Error responses carry a JSON error body',
  level: 'SHOULD',
  scope: 'passive',
  description:
    'A non-2xx response should carry the profile\'s error body with a JSON content type, so that clients can read its reason (Kubernetes: "A `Status` kind SHOULD be returned by an API when an operation is not successful"). A Kubernetes `Status` may come as `application/vnd.kubernetes.protobuf` when the request\'s `Accept` asked for it.',
  example: { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, text: '404 page not found\n' },
  run({ response, subject, index, request }) {
    if (subject === 'watch-error-event') return skip('inside a watch stream');
    if (response.status === undefined || response.status < 400) return skip('not an error response');
    if (!response.headers) return skip('no headers recorded');
    const allowed = index.errorMediaTypes;
    if (response.mediaType && allowed.includes(response.mediaType)) return pass;
    // A client that asked for protobuf gets its Status in protobuf: that it decodes is protobuf-body's to judge.
    if (index.profile.body.kind === 'kubernetes-status' && response.mediaType === KUBERNETES_PROTOBUF && acceptsMediaType(request?.accept, KUBERNETES_PROTOBUF)) return pass;
    return notJson(response.mediaType, response.headers['content-type'], response.status, index.profile, allowed);
  },
});
