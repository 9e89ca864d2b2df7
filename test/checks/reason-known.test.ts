import assert from 'node:assert/strict';
import { it } from 'node:test';
import check from '../../conformance/checks/reason-known.js';
import { failures, runOne } from '../helpers/check.js';
import { statusBody } from '../helpers/status.js';

it('passes a catalog reason and the empty reason', () => {
  assert.equal(runOne(check, statusBody(), { status: 404 }).outcome, 'pass');
  assert.equal(runOne(check, statusBody({ reason: '' }), { status: 404 }).outcome, 'skip');
});

it('suggests the canonical spelling of the seed\'s RequestEntityTooLargeError', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'RequestEntityTooLargeError', code: 413 }), { status: 413 })), [
    { checkId: 'reason-known', pointer: '/reason', expected: 'RequestEntityTooLarge', received: 'RequestEntityTooLargeError' },
  ]);
});

it('suggests NotFound for Notfound', () => {
  assert.deepEqual(failures(runOne(check, statusBody({ reason: 'Notfound' }), { status: 404 })), [
    { checkId: 'reason-known', pointer: '/reason', expected: 'NotFound', received: 'Notfound' },
  ]);
});

it('knows envelope codes', () => {
  assert.deepEqual(failures(runOne(check, { error: 'notfound', message: 'm', requestId: 'r' }, { profile: 'envelope', status: 404 })), [
    { checkId: 'reason-known', pointer: '/error', expected: 'not_found', received: 'notfound' },
  ]);
});
