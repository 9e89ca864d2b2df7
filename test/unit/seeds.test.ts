// Every code of the reference documents (their facts kept in test/fixtures/seeds/facts.json) is in
// the catalog, with the document's HTTP status. Where the documents themselves are beside the clone
// (`../shared/seeds`), the kept facts are checked against them too.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { builtinProfile, httpStatusEntries, indexOf } from '../../schemas/index.js';
import { fixture, seedsDir } from '../helpers/paths.js';
import { extractSeedFacts, type SeedFacts } from '../helpers/seed-facts.js';

const facts = JSON.parse(readFileSync(fixture('seeds', 'facts.json'), 'utf8')) as SeedFacts;

const kubernetes = indexOf(builtinProfile('kubernetes'));
const envelope = indexOf(builtinProfile('envelope'));
const httpCodes = new Set(httpStatusEntries().map((e) => e.httpStatus));

// Where the codes without an HTTP status really appear (issue: "each classified where it really appears").
const WORKLOAD_PLACES: Record<string, string> = {
  CrashLoopBackOff: 'container-waiting-reason',
  ImagePullBackOff: 'container-waiting-reason',
  ErrImagePull: 'container-waiting-reason',
  CreateContainerError: 'container-waiting-reason',
  RunContainerError: 'container-waiting-reason',
  ContainerCannotRun: 'container-terminated-reason',
  OOMKilled: 'container-terminated-reason',
  Evicted: 'pod-status-reason',
  DeadlineExceeded: 'pod-status-reason',
  Unschedulable: 'pod-condition-reason',
  Pending: 'pod-phase',
};

// net/http constant names the seeds use without a number.
const GO_HTTP_CONSTANTS: Record<string, number> = {
  StatusOK: 200, StatusCreated: 201, StatusAccepted: 202, StatusNoContent: 204, StatusTemporaryRedirect: 307,
  StatusBadRequest: 400, StatusUnauthorized: 401, StatusForbidden: 403, StatusNotFound: 404, StatusMethodNotAllowed: 405,
  StatusNotAcceptable: 406, StatusRequestTimeout: 408, StatusConflict: 409, StatusGone: 410, StatusPreconditionFailed: 412,
  StatusUnsupportedMediaType: 415, StatusUnprocessableEntity: 422, StatusTooManyRequests: 429,
  StatusInternalServerError: 500, StatusServiceUnavailable: 503, StatusServerTimeout: 504,
};

describe('seed 000: Kubernetes API status reasons', () => {
  it('lists 29 codes', () => assert.equal(facts.kubernetesReasons.length, 29));

  for (const { code, httpStatus } of facts.kubernetesReasons) {
    it(`${code} is in the catalog where it really appears`, () => {
      if (httpStatus !== null) {
        const entry = kubernetes.errorCode(code) ?? kubernetes.entry('status-reason', kubernetes.suggest(code)[0] ?? '');
        assert.ok(entry, `${code} is not a status reason`);
        assert.equal(entry.httpStatus, httpStatus);
        if (entry.code !== code) assert.ok(entry.misspellings?.includes(code), `${code} should be recorded as a misspelling of ${entry.code}`);
      } else {
        const entry = kubernetes.workloadReason(code);
        assert.ok(entry, `${code} is not a workload reason`);
        assert.equal(entry.appearsIn, WORKLOAD_PLACES[code]);
        assert.equal(entry.httpStatus, null);
        assert.equal(kubernetes.errorCode(code), undefined, `${code} must not be an API reason`);
      }
    });
  }

  it('keeps apimachinery\'s spelling RequestEntityTooLarge and suggests it for the seed\'s', () => {
    assert.equal(kubernetes.errorCode('RequestEntityTooLarge')?.httpStatus, 413);
    assert.equal(kubernetes.errorCode('RequestEntityTooLargeError'), undefined);
    assert.deepEqual(kubernetes.suggest('RequestEntityTooLargeError'), ['RequestEntityTooLarge']);
  });
});

describe('seed 001: HTTP status codes of the API conventions', () => {
  const codes = facts.conventionStatuses;
  it('names 16 status codes', () => assert.equal(codes.length, 16));
  for (const code of codes) it(`${code} is in the catalog`, () => assert.ok(httpCodes.has(code)));
});

describe('seed 003: the Status kind documentation', () => {
  const { numbered, named, reasonSections } = facts.statusKind;

  it('finds the numbered and the named codes', () => {
    assert.ok(numbered.length >= 15, `found ${numbered.length}`);
    assert.ok(named.includes('StatusPreconditionFailed'));
  });
  for (const code of numbered) it(`${code} is in the catalog`, () => assert.ok(httpCodes.has(code)));
  for (const name of named) {
    it(`${name} is in the catalog`, () => {
      const code = GO_HTTP_CONSTANTS[name];
      assert.ok(code, `no number known for ${name}`);
      assert.ok(httpCodes.has(code), `${name} (${code}) is missing`);
    });
  }

  it('pairs each documented reason with its code', () => {
    assert.ok(reasonSections.length >= 10, `found ${reasonSections.length} reason sections`);
    for (const { reason, httpStatus } of reasonSections) assert.equal(kubernetes.errorCode(reason)?.httpStatus, httpStatus, reason);
  });
});

describe('seed 002: the JSON error envelope', () => {
  const codes = facts.envelopeCodes;

  it('finds every table row', () => assert.equal(codes.length, 36));
  for (const { code, httpStatus } of codes) {
    it(`${code} is in the envelope profile with ${httpStatus}`, () => {
      const entry = envelope.errorCode(code);
      assert.ok(entry, `${code} missing`);
      assert.equal(entry.httpStatus, httpStatus);
    });
  }

  it('gives the retry guidance the seed states', () => {
    for (const code of ['api_unreachable', 'timeout', 'internal_error']) assert.equal(envelope.errorCode(code)?.recovery, 'retry-backoff', code);
    for (const code of ['forbidden', 'unauthorized']) assert.equal(envelope.errorCode(code)?.recovery, 'fix-auth', code);
    assert.equal(envelope.errorCode('conflict')?.recovery, 'refetch-and-retry');
    for (const entry of envelope.entries('envelope-error').filter((e) => /^(invalid|missing)_/.test(e.code))) {
      assert.equal(entry.recovery, 'fix-request', entry.code);
    }
  });
});

describe('the kept facts', () => {
  const present = existsSync(seedsDir);
  it('are what the reference documents say, where they are beside the clone', { skip: present ? false : 'no ../shared/seeds beside this clone' }, () => {
    assert.deepEqual(extractSeedFacts(seedsDir), facts);
  });
});
