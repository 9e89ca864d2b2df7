import type { ProfileIndex } from '../../schemas/index.js';
import { defineCheck, pass, skip } from '../check.js';
import type { ErrorBodyFacts } from '../context.js';
import type { FindingInput } from '../findings.js';
import { receivedExpected } from '../findings.js';

function unknownCauses(causes: ErrorBodyFacts['causes'], index: ProfileIndex): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const cause of causes) {
    if (typeof cause.reason !== 'string' || cause.reason === '') continue;
    if (index.entry('status-cause-reason', cause.reason)) continue;
    const suggestions = index.suggest(cause.reason, 'status-cause-reason');
    findings.push({
      pointer: `${cause.pointer}/reason`,
      expected: suggestions[0] ?? 'a CauseType',
      received: cause.reason,
      message: receivedExpected(
        `\`reason: ${cause.reason}\` in a cause`,
        `a cause reason apimachinery defines${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ''}`,
      ),
      hint: 'Use a `CauseType` from k8s.io/apimachinery/pkg/apis/meta/v1, e.g. `FieldValueInvalid` or `FieldValueRequired`.',
    });
  }
  return findings;
}

export default defineCheck({
  id: 'cause-reason-known',
  title: 'Cause reasons are ones the catalog knows',
  level: 'SHOULD',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description: 'Each `details.causes[].reason` (the Go `CauseType`) should be one apimachinery defines, such as `FieldValueInvalid`.',
  example: {
    status: 422,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'ConfigMap \"Bad_Name\" is invalid',
      reason: 'Invalid',
      details: { name: 'Bad_Name', kind: 'ConfigMap', causes: [{ reason: 'ValueInvalid', field: 'metadata.name' }] },
      code: 422,
    },
  },
  run({ facts, index }) {
    if (!facts || facts.causes.length === 0) return skip('no causes');
    const findings = unknownCauses(facts.causes, index);
    return findings.length > 0 ? findings : pass;
  },
});
