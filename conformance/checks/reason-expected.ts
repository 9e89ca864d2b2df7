import { fieldName } from '../../schemas/body-fields.js';
import { proberForbidden, PROBER_FORBIDDEN } from '../context.js';
import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';

export default defineCheck({
  id: 'reason-expected',
  title: 'The probe got the reason the conventions call for',
  level: 'MUST',
  scope: 'probe',
  description: 'The error body of a probe\'s response must carry the reason (envelope: error code) the conventions give that failure, e.g. `AlreadyExists` for a create that collides.',
  example: {
    status: 409,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 409, reason: 'Conflict' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the object has been modified',
      reason: 'AlreadyExists',
      details: { name: 'settings', kind: 'configmaps' },
      code: 409,
    },
  },
  run(context) {
    const { expectation, facts, subject, index, pointerBase } = context;
    const expected = expectation!.reason;
    if (proberForbidden(context)) return skip(PROBER_FORBIDDEN);
    if (expected === undefined) return skip('the probe expects no particular reason');
    const shape = context.compiled.profile.body;
    if (shape.kind === 'envelope' && shape.codeField === undefined) return skip('the profile\'s error body has no code: its HTTP status is judged alone');
    if (subject === 'not-json' || subject === 'not-applicable') return skip('no error body to read a reason from');
    const received = facts?.errorCode;
    if (received === undefined && shape.kind === 'envelope' && shape.codeRequired === false) return skip('the body leaves out its code, which the profile makes optional');
    const accepted = expectation!.reasons ?? [expected];
    if (received !== undefined && accepted.includes(received)) return pass;
    const entry = index.errorCode(expected);
    const field = shape.kind === 'envelope' ? fieldName(shape.codeField!) : shape.kind === 'problem' ? 'type' : 'reason';
    const wanted = accepted.map((r) => `\`${field}: ${r}\``).join(' or ');
    return [
      {
        pointer: facts?.errorCodePointer ?? `${pointerBase}/reason`,
        expected: accepted.join(' | '),
        received: received === undefined ? 'nothing' : received === '' ? '""' : received,
        message: receivedExpected(received === undefined ? `no \`${field}\`` : `\`${field}: ${received || '""'}\``, wanted),
        hint: entry ? `${entry.title}: ${entry.advice}` : `Send \`${expected}\`.`,
      },
    ];
  },
});
