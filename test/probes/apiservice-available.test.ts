import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProbeContext } from '../../conformance/probe.js';
import probe from '../../conformance/probes/apiservice-available.js';

const apiService = { name: 'v1beta1.metrics.k8s.io', group: 'metrics.k8s.io', version: 'v1beta1', service: 'kube-system/metrics-server' };
const context: ProbeContext = { resource: undefined, apiService, namespace: 'default', missingName: 'missing', sample: undefined, unprivilegedUser: 'nobody' };

it('reads each APIService, not a resource of it: a server that is down has none', () => {
  assert.equal(probe.scope, 'api-service');
  assert.equal(probe.request(context).path, '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io');
  assert.deepEqual(probe.expect(context), { status: 200, condition: { type: 'Available', status: 'True' } });
});

it('is not run at the aggregated server itself, and says why', () => {
  assert.equal(probe.notDirect, 'probed directly: there is no aggregator in between');
});
