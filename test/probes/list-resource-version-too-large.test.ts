import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-resource-version-too-large.js';
import { build } from '../helpers/probe.js';

it('lists at a resourceVersion from the future, and wants the Timeout Status with its cause', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?resourceVersion=999999999999&resourceVersionMatch=NotOlderThan$/);
  assert.deepEqual(expectation, { status: 504, reason: 'Timeout', causes: [{ reason: 'ResourceVersionTooLarge' }] });
  assert.equal(probe.safety, 'read');
});

it('judges a 200 only where the server versions its lists', () => {
  const context = { resource: undefined, namespace: 'default', missingName: 'm', sample: undefined, unprivilegedUser: 'u' };
  assert.match(String(probe.judgedWhen!({ status: 200 }, context)), /no `metadata.resourceVersion`/);
  assert.equal(probe.judgedWhen!({ status: 200 }, { ...context, versioned: true }), true);
  assert.equal(probe.judgedWhen!({ status: 500 }, context), true);
});
