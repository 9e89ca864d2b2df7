import type { ProfileIndex } from '../../schemas/index.js';
import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

// Suggestions cost an edit distance to every code of the catalog: a run that repeats an unknown code works them out once.
const unknownCode = rememberFindings(function unknownCode(code: string, pointer: string, index: ProfileIndex, profileName: string): FindingInput[] {
  const suggestions = index.suggest(code);
  const field = pointer.split('/').pop();
  const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
  return [
    {
      pointer,
      expected: suggestions[0] ?? `a ${profileName} catalog code`,
      received: code,
      message: receivedExpected(`\`${field}: ${code}\``, `a code from the ${profileName} catalog${didYouMean}`),
      hint:
        suggestions.length > 0
          ? `Use \`${suggestions[0]}\`.`
          : `Use one of the codes \`statuslint catalog --profile ${profileName}\` lists, or add yours to a profile file.`,
    },
  ];
});

export default defineCheck({
  id: 'reason-known',
  title: 'The error code is one the catalog knows',
  level: 'SHOULD',
  scope: 'passive',
  bodyKinds: ['kubernetes-status', 'envelope'],
  description:
    'The `reason` (envelope: the error code) should be one the profile defines; clients only recognise those (client-go\'s `errors.IsNotFound` and friends).',
  example: {
    status: 413,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the request is too large',
      reason: 'RequestEntityTooLargeError',
      details: {},
      code: 413,
    },
  },
  run({ facts, index, compiled }) {
    if (!facts) return skip('no error body');
    const code = facts.errorCode;
    if (code === undefined || code === '') return skip('no error code in the body');
    if (facts.errorEntry) return pass;
    if (compiled.profile.body.kind === 'kubernetes-status' && facts.workloadEntry) {
      return skip('a pod or container reason (see reason-is-api-reason)');
    }
    return unknownCode(code, facts.errorCodePointer, index, compiled.profile.name);
  },
});
