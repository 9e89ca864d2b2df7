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

it('asks no name cause of a resource whose names are free by design (certificatesigningrequests)', () => {
  const csr = {
    ...widgets,
    group: 'certificates.k8s.io',
    version: 'v1',
    groupVersion: 'certificates.k8s.io/v1',
    name: 'certificatesigningrequests',
    kind: 'CertificateSigningRequest',
    namespaced: false,
  };
  const { expectation } = build(probe, csr);
  assert.equal(expectation.causes, undefined);
  assert.deepEqual(expectation.details, { name: 'statuslint/Invalid_Name', kind: 'CertificateSigningRequest', group: 'certificates.k8s.io' });
});
