import type { Profile } from '../../schemas/types.js';
import { defineCheck, pass, skip } from '../check.js';
import { type FindingInput, receivedExpected, show } from '../findings.js';

function shared(requestId: string, count: number, profile: Profile): FindingInput[] {
  const shape = profile.body;
  const field = shape.kind === 'envelope' ? (shape.requestIdField ?? 'requestId') : 'requestId';
  return [
    {
      pointer: `/${field}`,
      expected: 'an id no other response has',
      received: requestId,
      message: receivedExpected(`the request id ${show(requestId)} in ${count} responses of this run`, 'a distinct id per request'),
      hint: 'Make a fresh id per request (e.g. a UUID) or take the caller\'s `X-Request-Id`; a constant id correlates nothing.',
    },
  ];
}

export default defineCheck({
  id: 'request-id-distinct',
  title: 'Each response has its own request id',
  level: 'MUST',
  scope: 'passive',
  bodyKinds: ['envelope'],
  description:
    'A request id names one request: two responses of a run that carry the same id cannot both be found in the server\'s logs. Judged across the responses of a probe run.',
  example: {
    profile: 'envelope',
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: { error: 'not_found', message: 'cluster "c1" not found', requestId: 'abc123-def456' },
    requestIds: { 'abc123-def456': 7 },
  },
  run({ facts, requestIds, compiled }) {
    if (!requestIds) return skip('judged across the responses of a probe run');
    if (typeof facts?.requestId !== 'string' || facts.requestId === '') return skip('no request id in the body');
    const count = requestIds.get(facts.requestId) ?? 1;
    if (count <= 1) return pass;
    return shared(facts.requestId, count, compiled.profile);
  },
});
