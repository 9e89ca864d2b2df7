import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/patch-not-a-patch-type.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';

it('PATCHes, as a dry run, with text/plain and wants 415', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'PATCH');
  assert.match(request.path, /\/widgets\/statuslint-missing-[^/?]+\?dryRun=All$/);
  assert.equal(request.headers?.['content-type'], 'text/plain');
  assert.deepEqual(expectation, { status: 415, reason: 'UnsupportedMediaType' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), 'the resource does not support patch');
});
