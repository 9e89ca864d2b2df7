import type { CheckResult } from '../../conformance/check-core.js';
import type { Finding } from '../../conformance/findings.js';
import { resultsHeader, type ResultItem, type Results } from '../../conformance/results.js';

/** A validate run before any response, as the policy and the digest are opened on it. */
export const head: Results = { ...resultsHeader('validate', 'kubernetes', '2026-06-01T00:00:00.000Z'), items: [] };

export const pass = (checkId: string, level: 'MUST' | 'SHOULD' = 'MUST'): CheckResult => ({ checkId, level, outcome: 'pass' });

export const reasonMismatch: Finding = { checkId: 'reason-code-match', level: 'MUST', pointer: '/reason', expected: '409', received: '404', message: 'Received: … Expected: …' };

export const fail = (finding: Finding = reasonMismatch): CheckResult => ({ checkId: finding.checkId, level: 'MUST', outcome: 'fail', findings: [finding] });

/** A recorded response, as validate makes it. */
export const recorded = (location: string, checks: CheckResult[] = [pass('json-body')]): ResultItem => ({ id: location, title: 'line', location, checks });
