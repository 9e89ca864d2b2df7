import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProbeContext } from '../../conformance/probe.js';
import probe from '../../conformance/probes/group-version-discovery.js';

const base: ProbeContext = { resource: undefined, namespace: 'default', missingName: 'missing', sample: undefined, unprivilegedUser: 'nobody' };

it('reads the discovery document of every selected group-version, core and named groups alike', () => {
  assert.equal(probe.scope, 'discovered-group-version');
  const metrics = { group: 'metrics.k8s.io', version: 'v1beta1', groupVersion: 'metrics.k8s.io/v1beta1', aggregated: true, error: 'HTTP 503' };
  assert.equal(probe.request({ ...base, groupVersion: metrics }).path, '/apis/metrics.k8s.io/v1beta1');
  assert.equal(probe.request({ ...base, groupVersion: { group: '', version: 'v1', groupVersion: 'v1', aggregated: false } }).path, '/api/v1');
  assert.deepEqual(probe.expect(base), { status: 200 });
});
