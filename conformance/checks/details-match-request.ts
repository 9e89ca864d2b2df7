import { proberForbidden, PROBER_FORBIDDEN } from '../context.js';
import { defineCheck, pass, skip } from '../check.js';
import type { FindingInput } from '../findings.js';
import { asText, receivedExpected, show } from '../findings.js';

export default defineCheck({
  id: 'details-match-request',
  title: '`details` and `message` name the object the request named',
  level: 'SHOULD',
  scope: 'probe',
  bodyKinds: ['kubernetes-status'],
  description:
    '`details.name`, `details.kind` and `details.group` should name the object and resource the request addressed, and the message should read as apimachinery writes it (`widgets.example.dev "w1" not found`).',
  example: {
    status: 404,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 404, reason: 'NotFound', details: { name: 'w1', kind: 'widgets', group: 'example.dev' }, message: 'widgets.example.dev "w1" not found' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'not found',
      reason: 'NotFound',
      details: { name: 'w2', kind: 'widgets', group: 'example.dev' },
      code: 404,
    },
  },
  run(context) {
    const { expectation, body, pointerBase, subject } = context;
    const expected = expectation!;
    if (proberForbidden(context)) return skip(PROBER_FORBIDDEN);
    if (!expected.details && expected.message === undefined) return skip('the probe expects no particular details');
    if (!body || subject === 'not-json') return skip('no Status body');
    const details = (typeof body.details === 'object' && body.details !== null ? body.details : {}) as Record<string, unknown>;
    const findings: FindingInput[] = [];
    for (const [field, want] of Object.entries(expected.details ?? {})) {
      const got = details[field];
      // apimachinery omits empty strings: a missing group means the core group.
      if (got === want || (want === '' && got === undefined)) continue;
      findings.push({
        pointer: `${pointerBase}/details/${field}`,
        expected: String(want),
        received: got === undefined ? 'nothing' : asText(got),
        message: receivedExpected(`\`details.${field}: ${got === undefined ? '(missing)' : show(got).slice(1, -1)}\``, `\`details.${field}: ${JSON.stringify(want)}\`, the ${field} the request named`),
        hint: 'Build the error from the request\'s resource and name (apimachinery: `errors.NewNotFound(gr, name)`), not from another object.',
      });
    }
    if (expected.message !== undefined && body.message !== expected.message) {
      findings.push({
        pointer: `${pointerBase}/message`,
        expected: expected.message,
        received: typeof body.message === 'string' ? body.message : 'nothing',
        message: receivedExpected(`\`message: ${show(body.message).slice(1, -1)}\``, `\`message: ${JSON.stringify(expected.message)}\``),
        hint: 'Word the message as apimachinery does, so people and log searches recognise it.',
      });
    }
    return findings.length > 0 ? findings : pass;
  },
});
