// What the catalog implies, asked of one place (`ProfileIndex`) by the rules, the checks and the spec
// checks alike: which responses need retry guidance, which statuses an operation can meet, which
// statuses are failures of authentication and authorization.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_PROFILES, builtinProfile, compileProfile, indexOf, loadProfileFile, retryGuidance } from '../../schemas/index.js';
import { OPERATION_VERBS, WORKLOAD_APPEARS_IN } from '../../schemas/types.js';
import { repoRoot } from '../helpers/paths.js';

const kubernetes = indexOf(builtinProfile('kubernetes'));
const envelope = indexOf(builtinProfile('envelope'));

describe('retry guidance', () => {
  it('is required by the retry-after recovery class and expected where the catalog marks it', () => {
    assert.equal(retryGuidance(kubernetes.errorCode('TooManyRequests')), 'required');
    for (const reason of ['ServiceUnavailable', 'ServerTimeout', 'Timeout']) assert.equal(retryGuidance(kubernetes.errorCode(reason)), 'expected', reason);
    for (const reason of ['NotFound', 'InternalError', '']) assert.equal(retryGuidance(kubernetes.errorCode(reason)), undefined, reason);
    assert.equal(retryGuidance(undefined), undefined);
  });

  it('is asked by status from the HTTP table alone: 429 and 503', () => {
    assert.deepEqual(kubernetes.retryGuidanceStatuses(), [429, 503]);
    assert.deepEqual(envelope.retryGuidanceStatuses(), [429, 503]);
    assert.equal(kubernetes.retryGuidance(429), 'required');
    assert.equal(kubernetes.retryGuidance(503), 'expected');
    for (const status of [500, 504, 404, undefined, 700, -1, Number.NaN, 429.5]) assert.equal(kubernetes.retryGuidance(status), undefined, String(status));
  });

  it('of a response is the stronger of its status\'s and its code\'s', () => {
    assert.equal(kubernetes.retryGuidance(504, kubernetes.errorCode('Timeout')), 'expected');
    assert.equal(kubernetes.retryGuidance(500, kubernetes.errorCode('ServerTimeout')), 'expected');
    assert.equal(kubernetes.retryGuidance(503, kubernetes.errorCode('TooManyRequests')), 'required');
    assert.equal(kubernetes.retryGuidance(429, kubernetes.errorCode('NotFound')), 'required');
    assert.equal(kubernetes.retryGuidance(undefined, kubernetes.errorCode('Timeout')), 'expected');
    assert.equal(envelope.retryGuidance(503, envelope.errorCode('dependency_unavailable')), 'expected');
    assert.equal(envelope.retryGuidance(504, envelope.errorCode('timeout')), undefined);
  });

  it('comes from a user profile\'s own codes', () => {
    const custom = indexOf(loadProfileFile(join(repoRoot, 'test', 'rules', 'fixtures', 'custom-envelope.json')));
    assert.equal(custom.retryGuidance(undefined, custom.errorCode('RATE_LIMITED')), 'required');
    assert.equal(custom.retryGuidance(undefined, custom.errorCode('WARMING_UP')), 'expected');
    assert.equal(custom.retryGuidance(500, custom.errorCode('BUSY')), undefined);
  });
});

describe('the statuses an operation can meet', () => {
  const none = { authentication: false, authorization: false, 'names-object': false, 'default-error-only': false };
  const all = { authentication: true, authorization: true, 'names-object': true, 'default-error-only': true };
  const statuses = (verb: (typeof OPERATION_VERBS)[number] | undefined, facts = all): number[] => kubernetes.statusesForOperation(verb, facts).map((s) => s.status);

  it('by verb: 404 where the path names an object, 409 and 422 for writes; 429 whatever the verb', () => {
    assert.deepEqual(statuses('read'), [401, 403, 404, 429]);
    assert.deepEqual(statuses('list'), [401, 403, 429]);
    assert.deepEqual(statuses('watch'), [401, 403, 429]);
    assert.deepEqual(statuses('delete-collection'), [401, 403, 429]);
    for (const verb of ['create', 'replace', 'patch'] as const) assert.deepEqual(statuses(verb), [401, 403, 404, 409, 422, 429], verb);
    assert.deepEqual(statuses('delete'), [401, 403, 404, 429]);
    assert.deepEqual(statuses('connect'), [401, 403, 404, 429]);
    assert.deepEqual(statuses(undefined), [401, 403, 429]);
  });

  it('by what else holds: authentication, authorization, a path naming an object, `default` as the only error response', () => {
    assert.deepEqual(statuses('read', none), []);
    assert.deepEqual(statuses('patch', none), [409, 422]);
    assert.deepEqual(statuses('read', { ...none, authentication: true }), [401]);
    assert.deepEqual(statuses('read', { ...none, authorization: true }), [403]);
    assert.deepEqual(statuses('read', { ...none, 'names-object': true }), [404]);
    // Only where `default` is the only error response: Kubernetes documents `401` and no `default`.
    assert.deepEqual(statuses('read', { ...none, 'default-error-only': true }), [429]);
    assert.deepEqual(statuses(undefined, { ...none, 'default-error-only': true }), [429]);
  });

  it('with why, and the status\'s entry', () => {
    for (const verb of OPERATION_VERBS) {
      for (const { status, entry, operations } of kubernetes.statusesForOperation(verb, all)) {
        assert.equal(entry.httpStatus, status);
        assert.ok(operations.why.length > 0 && !operations.why.endsWith('.'), `${status}: a clause`);
      }
    }
  });
});

it('names the statuses of failed authentication and authorization', () => {
  assert.equal(kubernetes.authFailureStatus('authentication'), 401);
  assert.equal(kubernetes.authFailureStatus('authorization'), 403);
  assert.equal(envelope.authFailureStatus('authorization'), 403);
});

describe('what a response\'s code is known as', () => {
  it('answers in one look-up what errorCode and workloadReason answer, for every code of every profile', () => {
    for (const name of BUILTIN_PROFILES) {
      const index = indexOf(builtinProfile(name));
      const codes = new Set([index.errorPlace(), ...WORKLOAD_APPEARS_IN].flatMap((place) => index.entries(place).map((e) => e.code)));
      for (const code of [...codes, 'NoSuchCode', '']) {
        const known = index.knownCode(code);
        assert.equal(known?.error, index.errorCode(code), `${name} ${code}`);
        assert.equal(known?.workload, index.workloadReason(code), `${name} ${code}`);
      }
    }
  });

  it('is at hand in the compiled profile, which every response judged is built from', () => {
    const profile = builtinProfile('kubernetes');
    assert.equal(compileProfile(profile).index, indexOf(profile));
  });
});

it('names the media types an error body may come as: the profile\'s own and application/json', () => {
  assert.deepEqual(kubernetes.errorMediaTypes, ['application/json']);
  assert.deepEqual(indexOf(builtinProfile('problem')).errorMediaTypes, ['application/problem+json', 'application/json']);
});
