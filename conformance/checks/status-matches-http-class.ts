import { defineCheck, pass, skip } from '../check.js';
import { asText, type FindingInput, receivedExpected, show } from '../findings.js';

function wrongWord(word: unknown, expected: string, where: string, pointerBase: string): FindingInput[] {
  return [
    {
      pointer: `${pointerBase}/status`,
      expected,
      received: word === undefined ? 'nothing' : asText(word),
      message: receivedExpected(`\`status: ${word === undefined ? '(missing)' : show(word).slice(1, -1)}\` ${where}`, `\`status: ${expected}\``),
      hint: 'Clients treat a `Status` without `status: Failure` as a success; set it on every error.',
    },
  ];
}

export default defineCheck({
  id: 'status-matches-http-class',
  title: '`status` is `Failure` for errors and `Success` for 2xx',
  level: 'MUST',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description:
    'A `Status` must say `status: Failure` when the response is not 2xx (and in a watch `ERROR` event), and `status: Success` when it is.',
  example: {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message: 'etcdserver: request timed out', reason: 'InternalError', details: {}, code: 500 },
  },
  run({ facts, httpStatus, subject, pointerBase }) {
    if (!facts) return skip('no Status body');
    let reference = httpStatus;
    if (reference === undefined && typeof facts.bodyStatus === 'number') reference = facts.bodyStatus;
    const failure = subject === 'watch-error-event' || (reference !== undefined && (reference < 200 || reference >= 300));
    if (subject !== 'watch-error-event' && reference === undefined) return skip('no status code to compare with');
    const expected = failure ? 'Failure' : 'Success';
    if (facts.outcomeWord === expected) return pass;
    return wrongWord(facts.outcomeWord, expected, subject === 'watch-error-event' ? 'in a watch `ERROR` event' : `on a ${reference} response`, pointerBase);
  },
});
