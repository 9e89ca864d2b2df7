import { defineProbe } from '../probe.js';

export default defineProbe({
  id: 'apiservice-available',
  title: 'The aggregated API server is Available',
  description:
    'GET each APIService that registers an aggregated group-version of the selected groups (every version, whether or not discovery reached its server): it must report the condition `Available: True`, or every request to the group fails with 503.',
  scope: 'api-service',
  safety: 'read',
  appliesTo: () => true,
  notDirect: 'probed directly: there is no aggregator in between',
  request: ({ apiService }) => ({ method: 'GET', path: `/apis/apiregistration.k8s.io/v1/apiservices/${encodeURIComponent(apiService!.name)}` }),
  expect: () => ({ status: 200, condition: { type: 'Available', status: 'True' } }),
});
