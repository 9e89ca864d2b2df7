import type { ProfileIndex } from '../../schemas/index.js';
import type { CatalogEntry } from '../../schemas/types.js';
import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { type FindingInput, receivedExpected } from '../findings.js';

const workloadReason = rememberFindings(function workloadReason(pointer: string, code: string, workload: CatalogEntry, index: ProfileIndex, status: number | undefined): FindingInput[] {
  const candidates = status === undefined ? [] : index.codesForStatus(status).map((e) => e.code);
  const expected = candidates.length > 0 ? candidates.join(' or ') : 'an API reason';
  return [
    {
      pointer,
      expected,
      received: code,
      message: receivedExpected(
        `\`reason: ${code}\`, a ${workload.appearsIn.replace(/-/g, ' ')}`,
        candidates.length > 0 ? `an API reason that goes with ${status}: ${candidates.map((c) => `\`${c}\``).join(', ')}` : 'an API reason',
      ),
      hint: workload.advice,
    },
  ];
});

export default defineCheck({
  id: 'reason-is-api-reason',
  title: 'A pod or container reason is not an API reason',
  level: 'MUST',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description:
    '`Status.reason` must not be a pod or container reason such as `CrashLoopBackOff`, `OOMKilled` or `Pending`: those describe workloads, and no client recognises them as API errors.',
  example: {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'back-off restarting failed container',
      reason: 'CrashLoopBackOff',
      details: {},
      code: 500,
    },
  },
  run({ facts, index, httpStatus }) {
    if (!facts?.errorCode) return skip('no reason in the body');
    const workload = facts.workloadEntry;
    if (!workload) return pass;
    const status = httpStatus ?? (typeof facts.bodyStatus === 'number' ? facts.bodyStatus : undefined);
    return workloadReason(facts.errorCodePointer, facts.errorCode, workload, index, status);
  },
});
