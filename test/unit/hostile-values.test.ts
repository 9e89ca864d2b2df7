// Values a server can send that break naive code: objects whose `toString` is not a function (String()
// and template literals throw on them), nulls and lists where objects belong. Every check, passive
// and probe, must judge them without throwing, with every expectation a probe can have.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CHECK_CRASHED, runChecks } from '../../conformance/check.js';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfBody } from '../../conformance/exchange.js';
import type { Expectation } from '../../conformance/expectation.js';
import { validate, compiledProfileOf } from '../../conformance/validate.js';
import { BUILTIN_PROFILES } from '../../schemas/builtin-profiles.js';

const HOSTILE: readonly unknown[] = [
  JSON.parse('{"toString": ""}'),
  JSON.parse('{"toString": null, "valueOf": 1}'),
  JSON.parse('{"toString": {}, "valueOf": {}}'),
  JSON.parse('[{"toString": ""}]'),
  null,
  [],
  {},
  [null],
  'x'.repeat(10_000),
];

/** Every place of a body a check reads, for Status, envelope and problem bodies, and a watch event. */
const PLACES = [
  ['kind'], ['apiVersion'], ['status'], ['message'], ['reason'], ['code'], ['details'],
  ['details', 'name'], ['details', 'kind'], ['details', 'group'], ['details', 'causes'],
  ['details', 'causes', 0], ['details', 'causes', 0, 'reason'], ['details', 'causes', 0, 'field'], ['details', 'retryAfterSeconds'],
  ['status', 'conditions'], ['status', 'conditions', 0], ['status', 'conditions', 0, 'status'], ['status', 'conditions', 0, 'reason'], ['status', 'conditions', 0, 'message'],
  ['error'], ['requestId'], ['type'], ['title'], ['detail'], ['object'], ['object', 'status'], ['object', 'code'],
] as const;

function baseBody(): Record<string, unknown> {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'x "y" not found', reason: 'NotFound', code: 404,
    details: { name: 'y', kind: 'x', causes: [{ reason: 'FieldValueInvalid', field: 'spec' }], retryAfterSeconds: 1 },
    error: 'not_found', requestId: 'r1', type: 'about:blank', title: 'Not Found', detail: 'no y', object: { kind: 'Status', code: 410, status: 'Failure' },
  };
}

function place(body: Record<string, unknown>, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  let at: Record<string | number, unknown> = body;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = typeof path[path.indexOf(key) + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path.at(-1)!] = value;
  return body;
}

const EXPECTATION: Expectation = {
  status: 404, reason: 'NotFound', reasons: ['NotFound'], message: 'x "y" not found', details: { name: 'y', kind: 'x', group: '' },
  causes: [{ reason: 'FieldValueRequired', field: 'spec' }], condition: { type: 'Available', status: 'True' }, headers: ['allow'],
  declared: { operation: 'GET /x', pointer: '/paths/~1x/get', responses: [{ status: '404', mediaTypes: ['application/json'] }] },
};

it('no check throws on hostile values anywhere in a body, for any profile, status, expectation or stream', () => {
  let judged = 0;
  for (const profile of BUILTIN_PROFILES) {
    const compiled = compiledProfileOf(profile);
    for (const value of HOSTILE) {
      for (const path of PLACES) {
        const body = place(baseBody(), path, value);
        for (const status of [200, 404, 503]) {
          const headers = { 'content-type': 'application/json', 'retry-after': '5', 'x-request-id': 'r1', allow: 'GET' };
          for (const options of [{}, { expectation: EXPECTATION, request: { method: 'GET', path: '/x/y', name: 'y' } }, { watchEvent: true }, { requestIds: new Map([['r1', 2]]) }]) {
            const context = buildContext(compiled, viewOfBody(body, status, headers), options);
            for (const result of runChecks(ALL_CHECKS, context)) {
              // runChecks contains a check that throws; here none may.
              if (result.outcome === 'skip') assert.ok(!result.reason.startsWith(CHECK_CRASHED), `${result.checkId} at ${path.join('.')}: ${result.reason}`);
              if (result.outcome === 'fail') for (const f of result.findings) assert.equal(typeof f.message, 'string');
            }
            judged++;
          }
          assert.ok(Array.isArray(validate(body, { profile, httpStatus: status, headers })));
        }
      }
    }
  }
  assert.equal(judged, BUILTIN_PROFILES.length * HOSTILE.length * PLACES.length * 3 * 4);
});
