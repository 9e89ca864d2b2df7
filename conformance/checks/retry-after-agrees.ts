import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';

export default defineCheck({
  id: 'retry-after-agrees',
  title: '`Retry-After` agrees with `details.retryAfterSeconds`',
  level: 'SHOULD',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description: 'When both the `Retry-After` header and `details.retryAfterSeconds` are sent, they should name the same number of seconds.',
  example: { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '60' }, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'rate limited', reason: 'TooManyRequests', details: { retryAfterSeconds: 5 }, code: 429 } },
  run({ facts, response, pointerBase }) {
    if (!facts || typeof facts.retryAfterSeconds !== 'number') return skip('no `details.retryAfterSeconds`');
    const header = response.headers?.['retry-after'];
    if (header === undefined) return skip('no `Retry-After` header');
    if (!/^\d+$/.test(header.trim())) return skip('`Retry-After` is an HTTP date');
    const seconds = Number(header.trim());
    if (seconds === facts.retryAfterSeconds) return pass;
    return [
      {
        pointer: `${pointerBase}/details/retryAfterSeconds`,
        expected: String(seconds),
        received: String(facts.retryAfterSeconds),
        message: receivedExpected(`\`Retry-After: ${seconds}\` with \`details.retryAfterSeconds: ${facts.retryAfterSeconds}\``, 'the same number of seconds in both'),
        hint: 'Derive the header from `details.retryAfterSeconds` (as kube-apiserver does) so that every client waits the same time.',
      },
    ];
  },
});
