import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/update-unknown-content-type.js';
import { build, nodeMetrics, widgets } from '../helpers/probe.js';

it('PUTs, as a dry run, an object labelled with an unknown media type and wants 415', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'PUT');
  assert.match(request.path, /\/widgets\/statuslint-missing-[^/?]+\?dryRun=All$/);
  assert.equal(request.headers?.['content-type'], 'application/x-statuslint-unknown');
  assert.equal(body?.kind, 'Widget');
  assert.deepEqual(expectation, { status: 415, reason: 'UnsupportedMediaType' });
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), true);
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: false }), 'the resource does not support update');
});
