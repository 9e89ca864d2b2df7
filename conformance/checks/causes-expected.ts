import { proberForbidden, PROBER_FORBIDDEN } from '../context.js';
import { defineCheck, pass, skip } from '../check.js';
import { asText, receivedExpected } from '../findings.js';

export default defineCheck({
  id: 'causes-expected',
  title: '`details.causes` names each invalid field',
  level: 'SHOULD',
  scope: 'probe',
  bodyKinds: ['kubernetes-status'],
  description: 'An `Invalid` response should list a cause for each invalid field, with its cause reason and `field` path, e.g. `FieldValueInvalid` at `metadata.name`.',
  example: {
    status: 422,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Widget "Bad_Name" is invalid',
      reason: 'Invalid',
      details: { name: 'Bad_Name', kind: 'Widget', group: 'example.dev' },
      code: 422,
    },
  },
  run(context) {
    const { expectation, facts, pointerBase, subject } = context;
    const wanted = expectation!.causes;
    if (proberForbidden(context)) return skip(PROBER_FORBIDDEN);
    if (!wanted || wanted.length === 0) return skip('the probe expects no causes');
    if (!facts || subject === 'not-json') return skip('no Status body');
    const missing = wanted.filter((w) => !facts.causes.some((c) => c.reason === w.reason && (w.field === undefined || c.field === w.field)));
    if (missing.length === 0) return pass;
    const received = facts.causes.map((c) => `${asText(c.reason)}@${asText(c.field)}`).join(', ') || 'no causes';
    return missing.map((w) => ({
      pointer: `${pointerBase}/details/causes`,
      expected: `${w.reason}@${w.field ?? '*'}`,
      received,
      message: receivedExpected(received === 'no causes' ? 'no `details.causes`' : `causes ${received}`, `a cause \`${w.reason}\`${w.field ? ` for field \`${w.field}\`` : ''}`),
      hint: 'Return one `StatusCause` per field error (apimachinery: `errors.NewInvalid(gk, name, fieldErrors)`), so clients can point at the field.',
    }));
  },
});
