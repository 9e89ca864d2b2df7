// Every code in the reference documents of ../shared/seeds is in the catalog, with the seed's HTTP status.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { builtinProfile, httpStatusEntries, indexOf } from '../../schemas/index.js';
import { seedsDir } from '../helpers/paths.js';

const seed = (prefix: string): string => {
  const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix));
  assert.ok(file, `seed ${prefix}_* is missing from ${seedsDir}`);
  return readFileSync(join(seedsDir, file), 'utf8');
};

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
  const lines = seed('000').split('\n').filter((line) => line.startsWith('- '));

  it('lists 29 codes', () => assert.equal(lines.length, 29));

  for (const line of lines) {
    const code = line.slice(2).split(' ')[0]!;
    const http = /Returned with HTTP (\d{3})/.exec(line)?.[1];
    it(`${code} is in the catalog where it really appears`, () => {
      if (http) {
        const entry = kubernetes.errorCode(code) ?? kubernetes.entry('status-reason', kubernetes.suggest(code)[0] ?? '');
        assert.ok(entry, `${code} is not a status reason`);
        assert.equal(entry.httpStatus, Number(http));
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
  const codes = [...seed('001').matchAll(/•\s+(\d{3}) Status\w+/g)].map((m) => Number(m[1]));
  it('names 16 status codes', () => assert.equal(codes.length, 16));
  for (const code of codes) it(`${code} is in the catalog`, () => assert.ok(httpCodes.has(code)));
});

describe('seed 003: the Status kind documentation', () => {
  const text = seed('003');
  const numbered = [...text.matchAll(/`(\d{3}) Status\w+`/g)].map((m) => Number(m[1]));
  const named = [...text.matchAll(/^\* `(Status[A-Z]\w+)`\s*$/gm)].map((m) => m[1]!);

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

  // "* `Forbidden`" … "* HTTP status code: `403 StatusForbidden`": a reason heading, then its code.
  const sections: Array<[string, number]> = [];
  let current: string | undefined;
  for (const line of text.slice(text.indexOf('Possible values for the')).split('\n')) {
    const heading = /^\* `([A-Z][A-Za-z]+)`\s*$/.exec(line);
    if (heading) current = heading[1];
    const code = /^\* http status code: `(\d{3})/i.exec(line);
    if (code && current) {
      sections.push([current, Number(code[1])]);
      current = undefined;
    }
  }
  it('pairs each documented reason with its code', () => {
    assert.ok(sections.length >= 10, `found ${sections.length} reason sections`);
    for (const [reason, code] of sections) assert.equal(kubernetes.errorCode(reason)?.httpStatus, code, reason);
  });
});

describe('seed 002: the JSON error envelope', () => {
  const text = seed('002');
  // Table rows run together in the seed: "not_found404 Resource does not exist forbidden403 …".
  const tables = text.split('\n').filter((line) => line.startsWith('Code HTTP Description'));
  const codes = tables.flatMap((line) => [...line.matchAll(/([a-z][a-z_]*[a-z])(\d{3})/g)].map((m) => ({ code: m[1]!, http: Number(m[2]) })));

  it('finds every table row', () => assert.equal(codes.length, 36));
  for (const { code, http } of codes) {
    it(`${code} is in the envelope profile with ${http}`, () => {
      const entry = envelope.errorCode(code);
      assert.ok(entry, `${code} missing`);
      assert.equal(entry.httpStatus, http);
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
