import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Finding } from '../../conformance/findings.js';
import { findingFingerprint, fingerprintParts, fingerprintSubject, stableText } from '../../conformance/policy/fingerprint.js';
import type { ResultItem } from '../../conformance/results.js';
import { brokenServerResults, validateResults } from '../reporters/fixtures.js';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  checkId: 'details-match-request',
  level: 'SHOULD',
  pointer: '/message',
  expected: 'componentstatuses "statuslint-missing-799c37" not found',
  received: 'componentstatus "statuslint-missing-799c37" not found',
  message: 'Received: … Expected: …',
  ...overrides,
});

/** A probe's response as one run records it: its random name, port and request id are its own. */
const probeItem = (run: { name: string; port: number; requestId: string }, overrides: Partial<ResultItem> = {}): ResultItem => ({
  id: 'get-missing:componentstatuses',
  title: `GET componentstatuses/${run.name}`,
  location: `GET /api/v1/componentstatuses/${run.name}`,
  probeId: 'get-missing',
  groupVersion: 'v1',
  resource: 'componentstatuses',
  request: { method: 'GET', path: `/api/v1/componentstatuses/${run.name}`, headers: {} },
  response: { status: 404, headers: { 'audit-id': run.requestId, location: `https://127.0.0.1:${run.port}/x` } },
  checks: [],
  ...overrides,
});

const first = { name: 'statuslint-missing-799c37', port: 35287, requestId: '01a36ad1-a9a9-40f4-91de-2e406ff9924e' };
const second = { name: 'statuslint-missing-022b22', port: 43353, requestId: 'a8363dcd-8df8-486f-9987-676fa0f15a37' };

describe('findingFingerprint', () => {
  it('is the same in two runs whose random names, ports and request ids differ', () => {
    const a = findingFingerprint(probeItem(first), finding());
    const b = findingFingerprint(probeItem(second), finding({ expected: 'componentstatuses "statuslint-missing-022b22" not found', received: 'something else' }));
    assert.equal(a, b);
    assert.match(a, /^[0-9a-f]{16}$/);
  });

  it('differs by check, probe, subject, pointer and expected value', () => {
    const base = findingFingerprint(probeItem(first), finding());
    const variants = [
      findingFingerprint(probeItem(first), finding({ checkId: 'message-present' })),
      findingFingerprint(probeItem(first, { probeId: 'create-existing' }), finding()),
      findingFingerprint(probeItem(first, { resource: 'configmaps' }), finding()),
      findingFingerprint(probeItem(first, { via: 'direct' }), finding()),
      findingFingerprint(probeItem(first), finding({ pointer: '/details/kind' })),
      findingFingerprint(probeItem(first), finding({ expected: 'componentstatuses' })),
    ];
    assert.equal(new Set([base, ...variants]).size, variants.length + 1);
  });

  it('ignores the level, which a config may change, and what was received', () => {
    assert.equal(findingFingerprint(probeItem(first), finding()), findingFingerprint(probeItem(first), finding({ level: 'MUST', received: 'x' })));
  });

  it('names a group-wide probe by its group, not its version', () => {
    const v1beta1 = { id: 'unknown-resource:apps/v1beta1', title: '', location: '', probeId: 'unknown-resource', groupVersion: 'apps/v1beta1', checks: [] };
    const v1 = { ...v1beta1, groupVersion: 'apps/v1' };
    assert.equal(fingerprintSubject(v1), 'apps');
    assert.equal(findingFingerprint(v1, finding()), findingFingerprint(v1beta1, finding()));
    assert.equal(fingerprintSubject({ ...v1, groupVersion: 'v1' }), 'core');
  });

  it('names an operation, a recorded request and a spec operation by what stays', () => {
    assert.equal(fingerprintSubject({ id: '', title: '', location: '', probeId: 'unknown-id', operation: 'GET /users/{id}', checks: [] }), 'GET /users/{id}');
    assert.equal(fingerprintSubject(validateResults().items[2]!), 'GET /apis/wardle.example.com/v1alpha1/namespaces/default/flunders/f1');
    assert.equal(fingerprintSubject({ id: '', title: 'line 3', location: 'errors.jsonl:3', checks: [] }), 'errors.jsonl');
    assert.equal(fingerprintSubject({ id: '', title: '', location: '/paths/~1users/get', document: 'api/openapi.yaml', checks: [] }), 'api/openapi.yaml#/paths/~1users/get');
    assert.equal(fingerprintSubject({ id: '', title: '', location: `${process.cwd()}/api/openapi.yaml`, document: `${process.cwd()}/api/openapi.yaml`, checks: [] }), 'api/openapi.yaml#');
  });

  it('keeps the values baselines already hold', () => {
    // Saved baselines and code-scanning alerts hold these: a change to how fingerprints are computed must not change one.
    const reasonMismatch = finding({ checkId: 'reason-code-match', level: 'MUST', pointer: '/reason', expected: '409', received: '404' });
    const known: Array<[ResultItem, Finding, string]> = [
      [{ id: 'response-4', title: 'line 4', location: 'bench.jsonl:4', checks: [] }, reasonMismatch, 'c6803cc4b9785ad2'],
      [{ id: 'response-2', title: 'GET /api/v1/namespaces/default/configmaps/x?watch=1 → 404', location: 'run.har#2', checks: [] }, { ...reasonMismatch, expected: undefined }, '16f92cf68c0d517f'],
      [
        probeItem(first, { id: 'get-missing:configmaps', resource: 'configmaps', via: 'direct' }),
        finding({ expected: 'configmaps "statuslint-missing-799c37" not found at https://127.0.0.1:35287 2026-12-04T10:18:53Z' }),
        '6994a3085f0d16b0',
      ],
      [
        { id: 'u', title: '', location: '', probeId: 'unknown-resource', groupVersion: 'apps/v1beta1', checks: [] },
        { ...reasonMismatch, pointer: '/details/kind', expected: 'id 900123456 of 01a36ad1-a9a9-40f4-91de-2e406ff9924e' },
        '1464a26ec84c6d1f',
      ],
      [{ id: 'o', title: '', location: '', probeId: 'unknown-id', operation: 'GET /users/{id}', checks: [] }, { ...reasonMismatch, checkId: 'status-code-expected', pointer: '', expected: '404' }, '2b9ebc428798ec2c'],
      [
        { id: 's', title: '', location: '/paths/~1users/get', document: 'api/openapi.yaml', checks: [] },
        { ...reasonMismatch, checkId: 'documented-status-known', pointer: '/paths/~1users/get/responses/499', expected: 'a status "quoted" \u2028 ünïcode' },
        '7753621119ce4eea',
      ],
      [{ id: 'r', title: 't', location: 'x', request: { method: 'DELETE', path: '/v1/things/deadbeefdeadbeef?x=1', headers: {} }, checks: [] }, { ...reasonMismatch, pointer: 'header:Retry-After' }, '9d606c46b1d70233'],
    ];
    for (const [item, found, fingerprint] of known) assert.equal(findingFingerprint(item, found), fingerprint, item.id);
  });

  it('hashes the JSON of its parts, for every fixture finding', () => {
    // The parts are written out piece by piece to reuse a response's part: the bytes must stay those of the parts' JSON.
    for (const results of [brokenServerResults(), validateResults()]) {
      for (const item of results.items) {
        for (const found of item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : []))) {
          const expected = createHash('sha256').update(JSON.stringify(fingerprintParts(item, found))).digest('hex').slice(0, 16);
          assert.equal(findingFingerprint(item, found), expected, item.id);
        }
      }
    }
  });

  it('keeps every fixture finding apart from the others of its response', () => {
    for (const results of [brokenServerResults(), validateResults()]) {
      for (const item of results.items) {
        const findings = item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : []));
        const prints = findings.map((f) => findingFingerprint(item, f));
        assert.equal(new Set(prints).size, new Set(findings.map((f) => JSON.stringify(fingerprintParts(item, f)))).size, item.id);
      }
    }
  });
});

describe('stableText', () => {
  it('replaces what a run makes up and keeps the rest', () => {
    const cases: Array<[string, string]> = [
      ['widgets "statuslint-missing-1a2b3c" not found', 'widgets "statuslint-missing-*" not found'],
      ['STATUSLINT_MISSING_9F8E7D6C5B4A', 'statuslint-missing-*'],
      ['namespaces/statuslint-0f1e2d3c/configmaps', 'namespaces/statuslint-*/configmaps'],
      ['see https://127.0.0.1:43353/api/v1', 'see <origin>/api/v1'],
      ['dial 10.0.0.7:8443 refused', 'dial <host> refused'],
      ['at 2026-12-04T10:18:53Z', 'at <time>'],
      ['request 01a36ad1-a9a9-40f4-91de-2e406ff9924e', 'request <uuid>'],
      ['id 900123456', 'id <number>'],
      ['salt ABCDEF0123456789', 'salt <hex>'],
      ['`reason: NotFound` with `code: 404`', '`reason: NotFound` with `code: 404`'],
    ];
    for (const [text, stable] of cases) assert.equal(stableText(text), stable, text);
  });
});
