import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

const noRetryAfter = rememberFindings(function noRetryAfter(what: string, isStatus: boolean): FindingInput[] {
  return [
    {
      pointer: 'header:Retry-After',
      expected: 'Retry-After',
      received: 'nothing',
      message: receivedExpected(`${what} with no \`Retry-After\` header${isStatus ? ' and no `details.retryAfterSeconds`' : ''}`, 'a `Retry-After` header with the seconds to wait'),
      hint: 'Send `Retry-After: <seconds>` (and `details.retryAfterSeconds` in a `Status`); without it clients retry at once and deepen the overload.',
    },
  ];
});

export default defineCheck({
  id: 'retry-guidance',
  title: '429 and 503 say when to retry',
  // One level for both answers of the catalog: `required` (429, `TooManyRequests`) and `expected`
  // (503, `Timeout`, `ServerTimeout`) are reported alike, as the ESLint rule does at its default level.
  level: 'SHOULD',
  scope: 'passive',
  description:
    'A response the catalog asks for retry guidance should say when to retry: a `Retry-After` header or, in a Kubernetes `Status`, `details.retryAfterSeconds`. The catalog asks it of `429` and `503` and of the codes whose recovery is "retry after" or that it marks `retryAfter: expected` (`TooManyRequests`, `ServiceUnavailable`, `ServerTimeout`, `Timeout`, and a profile\'s own).',
  example: {
    status: 429,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'too many requests, please try again later',
      reason: 'TooManyRequests',
      details: {},
      code: 429,
    },
  },
  run({ response, facts, httpStatus, subject, index }) {
    if (subject === 'success-status') return skip('not an error');
    const status = httpStatus ?? (typeof facts?.bodyStatus === 'number' ? facts.bodyStatus : undefined);
    const entry = facts?.errorCode ? facts.errorEntry : undefined;
    if (!index.retryGuidance(status, entry)) return skip('the catalog asks no retry guidance of it');
    if (response.headers?.['retry-after'] !== undefined) return pass;
    if (typeof facts?.retryAfterSeconds === 'number') return pass;
    if (!response.headers && facts?.kind !== 'kubernetes-status') return skip('no headers recorded');
    return noRetryAfter(entry ? `\`${facts?.errorCode}\`` : `a ${status} response`, facts?.kind === 'kubernetes-status');
  },
});
