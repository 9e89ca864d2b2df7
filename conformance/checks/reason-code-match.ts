import type { ProfileIndex } from '../../schemas/index.js';
import type { BodyKind, CatalogEntry } from '../../schemas/types.js';
import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

/**
 * The finding for a code that goes with another status. It depends only on its arguments, never on
 * the response itself: a run that repeats the mistake builds it once (`rememberFindings`).
 */
const mismatch = rememberFindings(
  function mismatch(codePointer: string, code: string, statusPointer: string | undefined, entry: CatalogEntry, actual: number, index: ProfileIndex, bodyKind: BodyKind): FindingInput[] {
    const field = codePointer.split('/').pop();
    const what = statusPointer ? `\`${statusPointer.split('/').pop()}: ${actual}\`` : `HTTP ${actual}`;
    const others = index.codesForStatus(actual).map((e) => `\`${e.code}\``);
    const alternative = others.length > 0 ? `, or ${field === 'reason' ? 'a reason' : 'an error code'} that goes with ${actual}: ${others.join(', ')}` : '';
    const predicate = entry.clientPredicate ? ` Clients decide from the reason first: \`${entry.clientPredicate.split('/').pop()}\` is true for this response although its status is ${actual}.` : '';
    return [
      {
        pointer: codePointer,
        expected: String(entry.httpStatus),
        received: String(actual),
        message: receivedExpected(`\`${field}: ${code}\` with ${what}`, `${entry.httpStatus} (\`${code}\` goes with ${entry.httpStatus})${alternative}`),
        hint: `Send ${entry.httpStatus} with \`${code}\`, or pick the ${bodyKind === 'envelope' ? 'code' : 'reason'} that means ${actual}.${predicate}`,
      },
    ];
  },
);

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
    const statusPointer = bodyStatus !== undefined ? facts.bodyStatusPointer : undefined;
    return mismatch(facts.errorCodePointer, facts.errorCode, statusPointer, entry, actual, index, compiled.profile.body.kind);
  },
});
