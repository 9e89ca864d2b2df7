import { isObject, proberForbidden, PROBER_FORBIDDEN } from '../context.js';
import { defineCheck, pass, skip } from '../check.js';
import { asText, receivedExpected } from '../findings.js';

/** One line of a watch stream: `{"type": "ADDED", "object": {…}}`. */
const isWatchEvent = (body: unknown): boolean => isObject(body) && typeof body.type === 'string' && isObject(body.object);

export default defineCheck({
  id: 'status-code-expected',
  title: 'The probe got the status code the conventions call for',
  level: 'MUST',
  scope: 'probe',
  description: 'The response to a probe must have the HTTP status the API conventions call for, e.g. 404 for a missing object, 409 for a stale update.',
  example: {
    status: 404,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 409, reason: 'AlreadyExists' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "settings" not found',
      reason: 'NotFound',
      details: { name: 'settings', kind: 'configmaps' },
      code: 404,
    },
  },
  run(context) {
    const { response, expectation, facts, subject, body } = context;
    const expected = expectation!;
    if (proberForbidden(context)) return skip(PROBER_FORBIDDEN);
    // A watch error may arrive as an ERROR event in a 200 stream: its Status carries the code.
    if (subject === 'watch-error-event' && expected.streamStatus === response.status) {
      if (facts?.bodyStatus === expected.status) return pass;
      return [
        {
          pointer: '/object/code',
          expected: String(expected.status),
          received: asText(facts?.bodyStatus ?? 'nothing'),
          message: receivedExpected(`an \`ERROR\` event with \`code: ${asText(facts?.bodyStatus ?? '(missing)')}\``, `an \`ERROR\` event with \`code: ${expected.status}\``),
          hint: 'Send the error as a `Status` with the code the conventions give it.',
        },
      ];
    }
    if (response.status === expected.status) return pass;
    if (expected.streamStatus !== undefined && response.status === expected.streamStatus) {
      // The server still holds history back to the requested version: nothing was refused, nothing to judge.
      if (isWatchEvent(body) || response.bodyText?.trim() === '') return skip('the stream carried no ERROR event: the server still serves that history');
      // A list (or anything else) where a stream belongs: the server ignored `watch=true`, and an informer waits forever.
      const kind = isObject(body) && typeof body.kind === 'string' ? asText(body.kind) : undefined;
      return [
        {
          pointer: '',
          expected: 'a watch event',
          received: kind ?? 'no watch event',
          message: receivedExpected(`HTTP ${response.status} with ${kind ? `a \`${kind}\`` : 'no watch event'}`, `a watch stream whose first event is an \`ERROR\` with \`code: ${expected.status}\`, or HTTP ${expected.status}`),
          hint: 'Serve `watch=true` as a stream of `{"type": …, "object": …}` events, or refuse it; never answer it with a list.',
        },
      ];
    }
    const alsoStream = expected.streamStatus !== undefined ? ` (or a ${expected.streamStatus} stream whose first event is an \`ERROR\` with it)` : '';
    return [
      {
        pointer: '',
        expected: String(expected.status),
        received: String(response.status),
        message: receivedExpected(`HTTP ${response.status}`, `HTTP ${expected.status}${expected.reason ? ` with reason \`${expected.reason}\`` : ''}${alsoStream}`),
        hint: `Clients act on the status: ${expected.status} tells them what to do next; ${response.status} tells them something else.`,
      },
    ];
  },
});
