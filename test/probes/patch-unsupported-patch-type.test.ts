import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/patch-unsupported-patch-type.js';
import { build } from '../helpers/probe.js';

it('PATCHes with a patch type no server knows', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'PATCH');
  assert.equal(request.headers?.['content-type'], 'application/x-unknown-patch+json');
  assert.match(request.path, /\?dryRun=All$/);
  assert.deepEqual(expectation, { status: 415, reason: 'UnsupportedMediaType' });
});
