import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProbeContext } from '../../conformance/probe.js';
import probe from '../../conformance/probes/unknown-resource.js';

const base: ProbeContext = { resource: undefined, namespace: 'default', missingName: 'missing', sample: undefined, unprivilegedUser: 'nobody' };

it('asks every discovered group-version for a resource it does not serve, and wants a NotFound Status', () => {
  assert.equal(probe.scope, 'discovered-group-version');
  const gv = { group: 'custom.metrics.k8s.io', version: 'v1beta2', groupVersion: 'custom.metrics.k8s.io/v1beta2', aggregated: true };
  // Deep enough to reach routers that read the resource from the third segment on (the custom metrics API).
  assert.equal(probe.request({ ...base, groupVersion: gv }).path, '/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/statuslintunknownthings/missing/status');
  assert.equal(probe.request({ ...base, groupVersion: { group: '', version: 'v1', groupVersion: 'v1', aggregated: false } }).path, '/api/v1/namespaces/default/statuslintunknownthings/missing/status');
  assert.deepEqual(probe.expect(base), { status: 404, reason: 'NotFound' });
  assert.equal(probe.notDirect, undefined, 'an aggregated server answers unknown resources itself: probed directly too');
});
