import { valueAtField } from '../../schemas/body-fields.js';
import type { BodyShape } from '../../schemas/types.js';
import { defineCheck, pass, skip } from '../check.js';
import { type FindingInput, isBlank, receivedExpected, show } from '../findings.js';

function noMessage(message: unknown, pointer: string): FindingInput[] {
  const field = pointer.split('/').pop();
  return [
    {
      pointer,
      expected: 'a non-empty message',
      received: message === undefined ? 'nothing' : show(message),
      message: receivedExpected(message === undefined ? `no \`${field}\`` : `\`${field}: ${show(message).slice(1, -1)}\``, `a non-empty \`${field}\` saying what failed`),
      hint: 'Say what failed and about which object, e.g. `widgets "w1" not found`.',
    },
  ];
}

/** A non-empty message, or where the profile allows a list of them, a list of at least one non-empty message. */
function saysWhatFailed(message: unknown, shape: BodyShape): boolean {
  if (typeof message === 'string') return !isBlank(message);
  const list = shape.kind === 'envelope' ? shape.messageList : undefined;
  if (!list || !Array.isArray(message)) return false;
  return message.some((item) => {
    const text = list.itemField === undefined ? item : valueAtField(item, list.itemField);
    return typeof text === 'string' && !isBlank(text);
  });
}

export default defineCheck({
  id: 'message-present',
  title: 'A failure has a message',
  level: 'SHOULD',
  scope: 'passive',
  description: 'An error body should carry a non-empty human-readable message (Kubernetes `message`, envelope message field, problem `detail` or `title`).',
  example: { status: 404, headers: { 'content-type': 'application/json' }, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 } },
  run(context) {
    const { facts, subject } = context;
    if (!facts || subject === 'success-status') return skip('no error body');
    if (saysWhatFailed(facts.message, context.compiled.profile.body)) return pass;
    return noMessage(facts.message, facts.messagePointer);
  },
});
