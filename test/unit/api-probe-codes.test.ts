// Every code an API probe expects is a code of the built-in catalogs, with the status the probe
// expects it at: a misspelt or moved code would leave the probe asking for what no profile sends.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ApiOperation } from '../../conformance/api/operations.js';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { builtinProfile, indexOf } from '../../schemas/index.js';
import type { BodyKind } from '../../schemas/types.js';

const catalogs = [indexOf(builtinProfile('envelope')), indexOf(builtinProfile('kubernetes'))];
const KINDS: readonly BodyKind[] = ['kubernetes-status', 'envelope', 'problem'];

// `expect` reads only the declared responses (valid-read's success status); the rest is a plain operation.
const operation: ApiOperation = {
  method: 'post',
  path: '/widgets/{name}',
  pointer: '/paths/~1widgets~1{name}/post',
  title: 'POST /widgets/{name}',
  parameters: [],
  body: undefined,
  secured: true,
  responses: [{ status: '201', mediaTypes: ['application/json'] }],
  pathMethods: ['POST'],
};

it('every code an API probe expects is in the envelope or Kubernetes catalog, at the status it expects', () => {
  const wrong: string[] = [];
  let named = 0;
  for (const probe of API_PROBES) {
    for (const kind of KINDS) {
      const { status, codes } = probe.expect(operation, kind);
      for (const code of codes) {
        named++;
        const statuses = catalogs.map((index) => index.errorCode(code)?.httpStatus).filter((s) => s !== undefined);
        if (!statuses.includes(status)) wrong.push(`${probe.id} (${kind}): \`${code}\` at ${status}, the catalogs have ${statuses.length > 0 ? statuses.join(', ') : 'no such code'}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(named > 0);
});

it('a Kubernetes expectation names a Kubernetes reason first', () => {
  // `expectedCodes` keeps the codes the profile pairs with the status; for a Status the reason must be among them.
  const kubernetes = indexOf(builtinProfile('kubernetes'));
  for (const probe of API_PROBES) {
    const { status, codes } = probe.expect(operation, 'kubernetes-status');
    if (codes.length === 0) continue;
    assert.ok(codes.some((code) => kubernetes.errorCode(code)?.httpStatus === status), `${probe.id}: ${codes.join(', ')} at ${status}`);
  }
});
