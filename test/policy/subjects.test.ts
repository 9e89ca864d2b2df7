import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globMatches, operationOf, pathsOf, requestLineOf, resourceMatches, subjectMatches } from '../../conformance/policy/subjects.js';
import type { ResultItem } from '../../conformance/results.js';
import { validateResults } from '../reporters/fixtures.js';

const item = (fields: Partial<ResultItem>): ResultItem => ({ id: '', title: '', location: '', checks: [], ...fields });

describe('subjects', () => {
  it('matches paths: `*` within a segment, `**` across segments', () => {
    assert.equal(globMatches('/admin/*', '/admin/users'), true);
    assert.equal(globMatches('/admin/*', '/admin/users/5'), false);
    assert.equal(globMatches('/admin/**', '/admin/users/5'), true);
    assert.equal(globMatches('/users/{id}', '/users/{id}'), true);
    assert.equal(globMatches('/a.b', '/aXb'), false, 'a dot is a dot');
  });

  it('names a resource in full or by its plural', () => {
    assert.equal(resourceMatches('widgets.example.dev', 'widgets'), true);
    assert.equal(resourceMatches('widgets.example.dev', 'widgets.example.dev'), true);
    assert.equal(resourceMatches('widgetsets.example.dev', 'widgets'), false);
    assert.equal(resourceMatches(undefined, 'widgets'), false);
  });

  it('reads the operation of probe --openapi and of spec, and the request line of validate and probe', () => {
    assert.equal(operationOf(item({ operation: 'GET /users/{id}' })), 'GET /users/{id}');
    assert.equal(operationOf(item({ document: 'api.yaml', location: '/paths/~1users~1{id}/delete' })), 'DELETE /users/{id}');
    assert.equal(requestLineOf(validateResults().items[0]!), 'GET /api/v1/namespaces/default/pods/missing');
    assert.equal(requestLineOf(item({ request: { method: 'GET', path: '/api/v1/pods?limit=1', headers: {} } })), 'GET /api/v1/pods');
    assert.deepEqual(pathsOf(item({ operation: 'GET /users/{id}', request: { method: 'GET', path: '/users/9', headers: {} } })), ['/users/{id}', '/users/9']);
  });

  it('holds every matcher given: resource, group (core for v1), path, operation', () => {
    const configmaps = item({ resource: 'configmaps', groupVersion: 'v1', request: { method: 'PATCH', path: '/api/v1/namespaces/default/configmaps', headers: {} } });
    assert.equal(subjectMatches(configmaps, { resource: 'configmaps', group: 'core' }), true);
    assert.equal(subjectMatches(configmaps, { resource: 'configmaps', group: 'apps' }), false);
    assert.equal(subjectMatches(configmaps, { path: '/api/v1/**' }), true);
    const operation = item({ operation: 'POST /admin/reset' });
    assert.equal(subjectMatches(operation, { operation: 'post /admin/reset' }), true);
    assert.equal(subjectMatches(operation, { operation: 'POST /admin/*' }), true);
    assert.equal(subjectMatches(operation, { operation: 'GET /admin/reset' }), false);
    assert.equal(subjectMatches(operation, { group: 'core' }), false, 'an operation has no API group');
  });
});
