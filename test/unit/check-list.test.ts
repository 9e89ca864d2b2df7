// A frozen list of checks runs as compiled code; it must judge every response exactly as its checks do one by one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHECK_CRASHED, type CheckDefinition, defineCheck, findingsOfChecks, runCheck, runChecks } from '../../conformance/check.js';
import { ALL_CHECKS, PASSIVE_CHECKS, PROBE_CHECKS } from '../../conformance/checks/index.js';
import { buildContext, type CheckContext, type ContextOptions } from '../../conformance/context.js';
import { viewOfBody, viewOfText } from '../../conformance/exchange.js';
import type { Expectation } from '../../conformance/expectation.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { headers, httpStatus, profileNames, statusLike } from '../helpers/arbitraries.js';

const expectation: fc.Arbitrary<Expectation | undefined> = fc.option(
  fc.record(
    {
      status: fc.integer({ min: 100, max: 599 }),
      reason: fc.constantFrom('NotFound', 'AlreadyExists', 'not_found', 'Invalid'),
      reasons: fc.array(fc.constantFrom('invalid_json', 'invalid_body', 'NotFound')),
      message: fc.string(),
      details: fc.record({ name: fc.string(), kind: fc.string(), group: fc.string() }, { requiredKeys: [] }),
      causes: fc.array(fc.record({ reason: fc.constantFrom('FieldValueRequired', 'FieldValueInvalid'), field: fc.string() }, { requiredKeys: ['reason'] })),
      headers: fc.constant(['allow']),
    },
    { requiredKeys: ['status'] },
  ),
  { nil: undefined },
);

/** Any response a check may meet: a parsed body or raw text, alone, in a probe or as a watch event. */
const context = fc
  .record({
    profile: profileNames,
    body: fc.oneof(statusLike, fc.jsonValue(), fc.record({ type: fc.constantFrom('ERROR', 'ADDED'), object: statusLike })),
    text: fc.option(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), { nil: undefined }),
    status: httpStatus,
    headers,
    expectation,
    watchEvent: fc.boolean(),
    requestIds: fc.option(fc.dictionary(fc.string(), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
  })
  .map(({ profile, body, text, status, headers: hs, expectation: expected, watchEvent, requestIds }): CheckContext => {
    const view = text === undefined ? viewOfBody(body, status, hs) : viewOfText(text, status, hs);
    const options: ContextOptions = {
      ...(expected ? { expectation: expected, request: { method: 'GET', path: '/api/v1/namespaces/default/configmaps/x', name: 'x' } } : {}),
      ...(watchEvent ? { watchEvent } : {}),
      ...(requestIds ? { requestIds: new Map(Object.entries(requestIds)) } : {}),
    };
    return buildContext(compiledProfileOf(profile), view, options);
  });

const oneByOne = (checks: readonly CheckDefinition[], c: CheckContext) => checks.map((check) => runCheck(check, c));

describe('a compiled check list', () => {
  for (const [name, checks] of [['PASSIVE_CHECKS', PASSIVE_CHECKS], ['PROBE_CHECKS', PROBE_CHECKS], ['ALL_CHECKS', ALL_CHECKS]] as const) {
    it(`${name}: the same results and findings as its checks run one by one`, () => {
      assert.ok(Object.isFrozen(checks), 'only a frozen list is compiled');
      fc.assert(
        fc.property(context, (c) => {
          const expected = oneByOne(checks, c);
          assert.deepEqual(runChecks(checks, c), expected);
          assert.deepEqual(
            findingsOfChecks(checks, c),
            expected.flatMap((r) => (r.outcome === 'fail' ? r.findings : [])),
          );
        }),
        { numRuns: 800 },
      );
    });
  }

  it('a list that may still change is run check by check, and sees the change', () => {
    const list: CheckDefinition[] = [...PASSIVE_CHECKS];
    const c = buildContext(compiledProfileOf('kubernetes'), viewOfText('404 page not found', 404, { 'content-type': 'text/plain' }));
    assert.equal(runChecks(list, c).length, PASSIVE_CHECKS.length);
    list.splice(1);
    assert.deepEqual(runChecks(list, c), oneByOne(list, c));
    assert.deepEqual(findingsOfChecks(list, c).map((f) => f.checkId), ['content-type-json']);
  });

  it('a check that throws costs its own verdict, not the others\' or the run', () => {
    const broken = defineCheck({
      id: 'broken-check',
      title: 'Throws',
      level: 'MUST',
      scope: 'passive',
      description: 'A check with a bug.',
      example: {},
      run() {
        throw new TypeError('Cannot convert object to primitive value');
      },
    });
    const list = Object.freeze([PASSIVE_CHECKS[0]!, broken, ...PASSIVE_CHECKS.slice(1)]);
    const c = buildContext(compiledProfileOf('kubernetes'), viewOfText('404 page not found', 404, { 'content-type': 'text/plain' }));
    const results = runChecks(list, c);
    assert.equal(results.length, list.length);
    const crashed = results[1]!;
    assert.equal(crashed.outcome, 'skip');
    assert.ok(crashed.outcome === 'skip' && crashed.reason.startsWith(`${CHECK_CRASHED} (Cannot convert object to primitive value)`), JSON.stringify(crashed));
    assert.deepEqual(results.filter((_, i) => i !== 1), oneByOne(PASSIVE_CHECKS, c));
    assert.deepEqual(findingsOfChecks(list, c), findingsOfChecks(PASSIVE_CHECKS, c));
    assert.ok(findingsOfChecks(list, c).length > 0);
  });

  it('a response fails the same way through either path (a body with several defects)', () => {
    const c = buildContext(
      compiledProfileOf('kubernetes'),
      viewOfBody({ kind: 'Status', apiVersion: 'v1', status: 'Success', reason: 'AlreadyExists', code: 404, message: '' }, 404, { 'content-type': 'application/json' }),
    );
    const ids = findingsOfChecks(PASSIVE_CHECKS, c).map((f) => f.checkId);
    assert.deepEqual(ids, ['status-matches-http-class', 'reason-code-match', 'message-present']);
    assert.deepEqual(ids, oneByOne(PASSIVE_CHECKS, c).flatMap((r) => (r.outcome === 'fail' ? r.findings.map((f) => f.checkId) : [])));
  });
});
