import type { ProfileIndex } from '../../schemas/index.js';
import type { BodyKind, CatalogEntry } from '../../schemas/types.js';
import { defineCheck, pass, skip } from '../check.js';
import type { ErrorBodyFacts } from '../context.js';
import { type FindingInput, receivedExpected } from '../findings.js';

function mismatch(facts: ErrorBodyFacts, entry: CatalogEntry, actual: number, fromBody: boolean, index: ProfileIndex, bodyKind: BodyKind): FindingInput[] {
  const field = facts.errorCodePointer.split('/').pop();
  const what = fromBody && facts.bodyStatusPointer ? `\`${facts.bodyStatusPointer.split('/').pop()}: ${actual}\`` : `HTTP ${actual}`;
  const others = index.codesForStatus(actual).map((e) => `\`${e.code}\``);
  const alternative = others.length > 0 ? `, or ${field === 'reason' ? 'a reason' : 'an error code'} that goes with ${actual}: ${others.join(', ')}` : '';
  const predicate = entry.clientPredicate ? ` Clients decide from the reason first: \`${entry.clientPredicate.split('/').pop()}\` is true for this response although its status is ${actual}.` : '';
  return [
    {
      pointer: facts.errorCodePointer,
      expected: String(entry.httpStatus),
      received: String(actual),
      message: receivedExpected(
        `\`${field}: ${facts.errorCode}\` with ${what}`,
        `${entry.httpStatus} (\`${facts.errorCode}\` goes with ${entry.httpStatus})${alternative}`,
      ),
      hint: `Send ${entry.httpStatus} with \`${facts.errorCode}\`, or pick the ${bodyKind === 'envelope' ? 'code' : 'reason'} that means ${actual}.${predicate}`,
    },
  ];
}

export default defineCheck({
  id: 'reason-code-match',
  title: 'The reason goes with the status code',
  level: 'MUST',
  scope: 'passive',
  bodyKinds: ['kubernetes-status', 'envelope'],
  description:
    'Each reason (envelope: error code) goes with exactly one HTTP status, e.g. `NotFound` with 404; the body\'s `code` (or, without one, the HTTP status) must be that status.',
  example: {
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods \"web\" not found',
      reason: 'AlreadyExists',
      details: { name: 'web', kind: 'pods' },
      code: 404,
    },
  },
  run({ facts, index, httpStatus, subject, compiled }) {
    if (!facts?.errorCode || subject === 'success-status') return skip('no failure reason in the body');
    const entry = facts.errorEntry;
    if (!entry || entry.httpStatus === null) return skip(`\`${facts.errorCode}\` is not in the catalog (see reason-known)`);
    const bodyStatus = typeof facts.bodyStatus === 'number' ? facts.bodyStatus : undefined;
    const actual = bodyStatus ?? httpStatus;
    if (actual === undefined) return skip('no status code to compare with');
    if (actual === entry.httpStatus) return pass;
    return mismatch(facts, entry, actual, bodyStatus !== undefined, index, compiled.profile.body.kind);
  },
});
