import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/create-invalid-name.js';
import { build, tokenreviews, widgets } from '../helpers/probe.js';

it('POSTs a name every validator refuses and expects a FieldValueInvalid cause', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets?dryRun=All');
  assert.equal((body?.metadata as Record<string, unknown>).name, 'statuslint/Invalid_Name');
  assert.deepEqual(expectation.causes, [{ reason: 'FieldValueInvalid', field: 'metadata.name' }]);
  assert.deepEqual(expectation.details, { name: 'statuslint/Invalid_Name', kind: 'Widget', group: 'example.dev' });
});

it('skips virtual resources', () => assert.notEqual(probe.appliesTo(tokenreviews, { hasSample: false }), true));
