import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

const mismatch = rememberFindings(function mismatch(pointer: string, bodyStatus: number, httpStatus: number): FindingInput[] {
  const field = pointer.split('/').pop();
  return [
    {
      pointer,
      expected: String(httpStatus),
      received: String(bodyStatus),
      message: receivedExpected(`\`${field}: ${bodyStatus}\` on an HTTP ${httpStatus} response`, `\`${field}: ${httpStatus}\``),
      hint: 'Set the HTTP status from the same value as the body\'s status field, in one place.',
    },
  ];
});

export default defineCheck({
  id: 'code-matches-http-status',
  title: 'The body\'s status code equals the HTTP status',
  level: 'MUST',
  scope: 'passive',
  description:
    'Where the body repeats the status (Kubernetes `code`, problem details `status`, an envelope status field), it must equal the HTTP status of the response.',
  example: {
    status: 415,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the body of the request was in an unknown format',
      reason: 'BadRequest',
      details: {},
      code: 400,
    },
  },
  run({ facts, httpStatus }) {
    if (!facts || facts.bodyStatusPointer === undefined) return skip('the body has no status field');
    if (httpStatus === undefined) return skip('no HTTP status (a bare body or a stream event)');
    if (typeof facts.bodyStatus !== 'number') return skip('no numeric status in the body');
    if (facts.bodyStatus === httpStatus) return pass;
    return mismatch(facts.bodyStatusPointer, facts.bodyStatus, httpStatus);
  },
});
