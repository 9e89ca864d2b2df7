import { defineCheck, pass, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

function disagree(header: number, body: number, pointerBase: string): FindingInput[] {
  return [
    {
      pointer: `${pointerBase}/details/retryAfterSeconds`,
      expected: String(header),
      received: String(body),
      message: receivedExpected(`\`Retry-After: ${header}\` with \`details.retryAfterSeconds: ${body}\``, 'the same number of seconds in both'),
      hint: 'Derive the header from `details.retryAfterSeconds` (as kube-apiserver does) so that every client waits the same time.',
    },
  ];
}

export default defineCheck({
  id: 'retry-after-agrees',
  title: '`Retry-After` agrees with `details.retryAfterSeconds`',
  level: 'SHOULD',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description: 'When both the `Retry-After` header and `details.retryAfterSeconds` are sent, they should name the same number of seconds.',
  example: {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '60' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'rate limited',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 5 },
      code: 429,
    },
  },
  run({ facts, response, pointerBase }) {
    if (!facts || typeof facts.retryAfterSeconds !== 'number') return skip('no `details.retryAfterSeconds`');
    const header = response.headers?.['retry-after'];
    if (header === undefined) return skip('no `Retry-After` header');
    if (!/^\d+$/.test(header.trim())) return skip('`Retry-After` is an HTTP date');
    const seconds = Number(header.trim());
    if (seconds === facts.retryAfterSeconds) return pass;
    return disagree(seconds, facts.retryAfterSeconds, pointerBase);
  },
});
