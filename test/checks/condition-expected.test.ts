import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/condition-expected.js';
import { failures, runOne } from '../helpers/check.js';

const expectation = { status: 200, condition: { type: 'Available', status: 'True' } };
const apiService = (status: string, reason?: string): Record<string, unknown> => ({
  kind: 'APIService',
  status: { conditions: [{ type: 'Available', status, ...(reason ? { reason } : {}) }] },
});

it('passes an Available APIService', () => {
  assert.equal(runOne(check, apiService('True'), { status: 200, headers: {}, expectation }).outcome, 'pass');
});

it('flags an APIService that is not Available', () => {
  assert.deepEqual(failures(runOne(check, apiService('False', 'FailedDiscoveryCheck'), { status: 200, headers: {}, expectation })), [
    { checkId: 'condition-expected', pointer: '/status/conditions', expected: 'Available=True', received: 'Available=False' },
  ]);
});

it('flags an object without the condition', () => {
  assert.deepEqual(failures(runOne(check, { kind: 'APIService', status: {} }, { status: 200, headers: {}, expectation })), [
    { checkId: 'condition-expected', pointer: '/status/conditions', expected: 'Available=True', received: 'nothing' },
  ]);
});
