import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/watch-too-old-resourceversion.js';
import { build, widgets } from '../helpers/probe.js';

it('watches from resourceVersion 1 and reads only the first event', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?watch=true&resourceVersion=1&/);
  assert.equal(request.firstLineOnly, true);
  assert.deepEqual(expectation, { status: 410, reason: 'Expired', streamStatus: 200 });
  assert.notEqual(probe.appliesTo({ ...widgets, verbs: ['get', 'list'] }, { hasSample: false }), true);
});
