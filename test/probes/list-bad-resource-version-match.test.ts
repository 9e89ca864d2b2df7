import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe from '../../conformance/probes/list-bad-resource-version-match.js';
import { build } from '../helpers/probe.js';

it('lists with resourceVersionMatch=Bogus, and wants 422 Invalid naming the option', () => {
  const { request, expectation } = build(probe);
  assert.match(request.path, /\?resourceVersion=1&resourceVersionMatch=Bogus$/);
  assert.deepEqual(expectation, { status: 422, reason: 'Invalid', causes: [{ reason: 'FieldValueNotSupported', field: 'resourceVersionMatch' }] });
});
