import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/get-missing.js';
import { build, configmaps, tokenreviews } from '../helpers/probe.js';

it('GETs a name nothing has and expects NotFound naming it', () => {
  const { request, expectation } = build(probe);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets/statuslint-missing-5e6f7a');
  assert.deepEqual(expectation, {
    status: 404,
    reason: 'NotFound',
    details: { name: 'statuslint-missing-5e6f7a', kind: 'widgets', group: 'example.dev' },
    message: 'widgets.example.dev "statuslint-missing-5e6f7a" not found',
  });
});

it('words the core group message without a group', () => {
  assert.equal(build(probe, configmaps).expectation.message, 'configmaps "statuslint-missing-5e6f7a" not found');
  assert.equal(probe.appliesTo(tokenreviews, { hasSample: false }), 'the resource does not support get');
});
