import assert from 'node:assert/strict';
import { it } from 'node:test';
import probe, { ownedField } from '../../conformance/probes/apply-conflict.js';
import type { ProbeContext } from '../../conformance/probe.js';
import { exampleContext } from '../../scripts/docs/sources/probes.js';
import { recordRequest } from '../../conformance/run-core.js';
import { build, configmaps, nodeMetrics, widgets } from '../helpers/probe.js';

const settings = {
  metadata: {
    name: 'settings',
    namespace: 'default',
    managedFields: [
      { manager: 'statuslint', operation: 'Apply', fieldsV1: { 'f:data': { 'f:ignored': {} } } },
      { manager: 'controller', operation: 'Update', subresource: 'status', fieldsV1: { 'f:data': { 'f:fromStatus': {} } } },
      { manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:name': {} }, 'f:data': { '.': {}, 'f:list': {}, 'f:color': {} } } },
    ],
  },
  data: { ignored: 'a', fromStatus: 'b', list: ['x'], color: 'blue' },
};

const contextWith = (sample: Record<string, unknown>, resource = configmaps): ProbeContext => ({ ...exampleContext(probe), resource, sample });

it('applies, as a dry run and without force, a change to a field another manager owns, and wants a FieldManagerConflict naming it', () => {
  const { request, expectation, body } = build(probe);
  assert.equal(request.method, 'PATCH');
  assert.equal(request.path, '/apis/example.dev/v1/namespaces/default/widgets/w1?dryRun=All&fieldManager=statuslint');
  assert.equal(request.headers?.['content-type'], 'application/apply-patch+yaml');
  assert.deepEqual(body, { apiVersion: 'example.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' }, spec: { size: 4 } });
  assert.deepEqual(expectation, { status: 409, reason: 'Conflict', causes: [{ reason: 'FieldManagerConflict', field: '.spec.size' }] });
});

it('skips its own manager, subresource managers, identity fields and values that are not plain', () => {
  assert.deepEqual(ownedField(settings), { path: ['data', 'color'], value: 'blue' });
  const context = contextWith(settings);
  assert.deepEqual(JSON.parse(String(probe.request(context).body)).data, { color: 'blue-statuslint' });
  assert.deepEqual(probe.expect(context).causes, [{ reason: 'FieldManagerConflict', field: '.data.color' }]);
});

it('changes labels inside metadata, numbers and booleans to another value of the same type', () => {
  const labelled = { metadata: { name: 'n1', labels: { team: 'a' }, managedFields: [{ manager: 'm', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {} } } } }] } };
  assert.deepEqual(JSON.parse(String(probe.request(contextWith(labelled, { ...configmaps, namespaced: false })).body)).metadata, { labels: { team: 'a-statuslint' }, name: 'n1' });
  const flag = { metadata: { name: 'n1', namespace: 'default', managedFields: [{ manager: 'm', fieldsV1: { 'f:immutable': {} } }] }, immutable: false };
  assert.equal(JSON.parse(String(probe.request(contextWith(flag)).body)).immutable, true);
});

it('expects 415 of a server whose objects carry no managedFields: it has no server-side apply', () => {
  const plain = { metadata: { name: 'n1', namespace: 'default' } };
  assert.equal(probe.appliesTo(configmaps, { hasSample: true, sample: plain }), true);
  assert.deepEqual(probe.expect(contextWith(plain)), { status: 415, reason: 'UnsupportedMediaType' });
});

it('needs an object, get and patch, and a field it can change', () => {
  assert.equal(probe.appliesTo(widgets, { hasSample: false }), 'no object of this resource exists to apply to');
  assert.equal(probe.appliesTo(nodeMetrics, { hasSample: true, sample: settings }), 'the resource does not support patch');
  const onlyLists = { metadata: { name: 'n1', managedFields: [{ manager: 'm', fieldsV1: { 'f:data': { 'f:list': {} } } }] }, data: { list: ['x'] } };
  assert.match(String(probe.appliesTo(configmaps, { hasSample: true, sample: onlyLists })), /^no field of the object it read is owned by another manager/);
});

it('keeps a Secret\'s value, changed or not, out of the recorded request', () => {
  const secret = { metadata: { name: 's1', namespace: 'default', managedFields: [{ manager: 'm', fieldsV1: { 'f:data': { 'f:token': {} } } }] }, data: { token: 'c2VjcmV0' } };
  const request = probe.request(contextWith(secret, { ...configmaps, name: 'secrets', kind: 'Secret' }));
  assert.match(String(request.body), /c2VjcmV0-statuslint/);
  assert.doesNotMatch(recordRequest(request).body ?? '', /c2VjcmV0/);
});
