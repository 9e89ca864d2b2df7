import { defineProbe } from '../probe.js';

export default defineProbe({
  id: 'unknown-group',
  title: 'Request a group no server serves',
  description: 'GET `/apis/statuslint.invalid/v1/things`: `404`, which should be a `NotFound` `Status` (kube-apiserver answers plain text here).',
  scope: 'target',
  safety: 'read',
  appliesTo: () => true,
  request: () => ({ method: 'GET', path: '/apis/statuslint.invalid/v1/things' }),
  expect: () => ({ status: 404, reason: 'NotFound' }),
});
