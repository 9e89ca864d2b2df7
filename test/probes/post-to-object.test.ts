import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/post-to-object.js';
import { build } from '../helpers/probe.js';

it('POSTs, as a dry run, to a named object, and wants 405 with Allow', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'POST');
  assert.match(request.path, /\/widgets\/statuslint-missing[^/?]*\?dryRun=All$/);
  assert.deepEqual(expectation, { status: 405, reason: 'MethodNotAllowed', headers: ['allow'] });
});
