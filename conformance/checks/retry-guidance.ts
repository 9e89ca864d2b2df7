import { defineCheck, pass, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

// Compared directly rather than looked up in a Set: this runs for every response.
const isRetryableStatus = (status: number): boolean => status === 429 || status === 503;

function noRetryAfter(what: string, isStatus: boolean): FindingInput[] {
  return [
    {
      pointer: 'header:Retry-After',
      expected: 'Retry-After',
      received: 'nothing',
      message: receivedExpected(`${what} with no \`Retry-After\` header${isStatus ? ' and no `details.retryAfterSeconds`' : ''}`, 'a `Retry-After` header with the seconds to wait'),
      hint: 'Send `Retry-After: <seconds>` (and `details.retryAfterSeconds` in a `Status`); without it clients retry at once and deepen the overload.',
    },
  ];
}

export default defineCheck({
  id: 'retry-guidance',
  title: '429 and 503 say when to retry',
  level: 'SHOULD',
  scope: 'passive',
  description:
    'A 429 or 503 response (or a code whose recovery is "retry after") should say when to retry: a `Retry-After` header or, in a Kubernetes `Status`, `details.retryAfterSeconds`.',
  example: { status: 429, headers: { 'content-type': 'application/json' }, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too many requests, please try again later', reason: 'TooManyRequests', details: {}, code: 429 } },
  run({ response, facts, httpStatus, subject }) {
    if (subject === 'success-status') return skip('not an error');
    const status = httpStatus ?? (typeof facts?.bodyStatus === 'number' ? facts.bodyStatus : undefined);
    const entry = facts?.errorCode ? facts.errorEntry : undefined;
    const retryable = (status !== undefined && isRetryableStatus(status)) || entry?.recovery === 'retry-after';
    if (!retryable) return skip('not a 429 or 503');
    if (response.headers?.['retry-after'] !== undefined) return pass;
    if (typeof facts?.retryAfterSeconds === 'number') return pass;
    if (!response.headers && facts?.kind !== 'kubernetes-status') return skip('no headers recorded');
    return noRetryAfter(entry ? `\`${facts?.errorCode}\`` : `a ${status} response`, facts?.kind === 'kubernetes-status');
  },
});
