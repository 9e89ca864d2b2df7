import assert from 'node:assert/strict';
import { it } from 'node:test';
import { driftedFiles } from '../../scripts/generate.js';

it('generated schemas and docs match the catalog (run `npm run generate` when this fails)', () => {
  assert.deepEqual(driftedFiles(), []);
});
