import { defineProbe } from '../probe.js';

export default defineProbe({
  id: 'apiservice-available',
  title: 'The aggregated API server is Available',
  description:
    'GET the APIService that registers an aggregated group-version: it must report the condition `Available: True`, or every request to the group fails with 503.',
  scope: 'group-version',
  safety: 'read',
  appliesTo: (resource, { direct }) => {
    if (!resource.aggregated) return 'not served by an aggregated API server';
    return direct ? 'probed directly: there is no aggregator in between' : true;
  },
  request: ({ resource }) => ({ method: 'GET', path: `/apis/apiregistration.k8s.io/v1/apiservices/${resource!.version}.${resource!.group}` }),
  expect: () => ({ status: 200, condition: { type: 'Available', status: 'True' } }),
});
