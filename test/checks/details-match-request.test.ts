import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/details-match-request.js';
import { failures, runOne } from '../helpers/check.js';
import { JSON_HEADERS, statusBody } from '../helpers/status.js';

const expectation = {
  status: 404,
  reason: 'NotFound',
  details: { name: 'w1', kind: 'widgets', group: 'example.dev' },
  message: 'widgets.example.dev "w1" not found',
};
const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  statusBody({ message: 'widgets.example.dev "w1" not found', details: { name: 'w1', kind: 'widgets', group: 'example.dev' }, ...overrides });

it('passes details and message naming the requested object', () => {
  assert.equal(runOne(check, body(), { status: 404, headers: JSON_HEADERS, expectation }).outcome, 'pass');
});

it('treats a missing group as the core group', () => {
  const core = { status: 404, details: { name: 'c1', kind: 'configmaps', group: '' } };
  assert.equal(runOne(check, statusBody({ details: { name: 'c1', kind: 'configmaps' } }), { status: 404, headers: JSON_HEADERS, expectation: core }).outcome, 'pass');
});

it('flags details naming another object, and a reworded message', () => {
  const wrong = body({ message: 'not found', details: { name: 'w2', kind: 'widget', group: 'example.dev' } });
  assert.deepEqual(failures(runOne(check, wrong, { status: 404, headers: JSON_HEADERS, expectation })), [
    { checkId: 'details-match-request', pointer: '/details/name', expected: 'w1', received: 'w2' },
    { checkId: 'details-match-request', pointer: '/details/kind', expected: 'widgets', received: 'widget' },
    { checkId: 'details-match-request', pointer: '/message', expected: 'widgets.example.dev "w1" not found', received: 'not found' },
  ]);
});
