import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/body-too-large.js';
import { build } from '../helpers/probe.js';

it('POSTs just over 3 MiB, as a dry run, once per group-version', () => {
  const { request, expectation } = build(probe);
  const size = Buffer.byteLength(String(request.body));
  assert.ok(size > 3 * 1024 * 1024 && size < 4 * 1024 * 1024, `${size} bytes`);
  assert.match(request.path, /\?dryRun=All$/);
  assert.equal(probe.scope, 'group-version');
  assert.deepEqual(expectation, { status: 413, reason: 'RequestEntityTooLarge' });
});
