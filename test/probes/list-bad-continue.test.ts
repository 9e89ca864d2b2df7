import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-bad-continue.js';
import { build } from '../helpers/probe.js';

it('lists with a continue token the server never issued', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?limit=1&continue=statuslint-not-a-token$/);
  assert.deepEqual(expectation, { status: 400, reason: 'BadRequest' });
});

it('judges a 200 only where the list showed it paginates; any other answer always', () => {
  const context = { resource: undefined, namespace: 'default', missingName: 'm', sample: undefined, unprivilegedUser: 'u' };
  assert.match(String(probe.judgedWhen!({ status: 200 }, context)), /showed no pagination on this list.*may ignore `limit` and `continue`/);
  assert.equal(probe.judgedWhen!({ status: 200 }, { ...context, paginates: true }), true);
  assert.equal(probe.judgedWhen!({ status: 500 }, context), true);
  assert.equal(probe.judgedWhen!({ status: 400 }, context), true);
});
