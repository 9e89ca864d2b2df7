// Checks of responses and checks of OpenAPI documents share one core: when a check runs, how its
// outcome becomes a result, and how a check that throws is reported. Both sides must read alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHECK_CRASHED, type CheckDefinition, type CheckResult, defineCheck, rememberFindings, runChecks } from '../../conformance/check.js';
import { PASSIVE_CHECKS } from '../../conformance/checks/index.js';
import { buildContext, type CheckContext } from '../../conformance/context.js';
import { viewOfText } from '../../conformance/exchange.js';
import type { CheckOutcome, Finding, FindingInput } from '../../conformance/findings.js';
import { documentContext, runSpecCheck, type SpecCheck } from '../../conformance/spec/check.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { compiledProfileOf } from '../../conformance/validate.js';
import { builtinProfile, InputError } from '../../schemas/index.js';
import type { BodyKind } from '../../schemas/types.js';

const kubernetes = builtinProfile('kubernetes');

/** The same judgement as a check of responses and as a check of documents. */
function bothSides(then: () => CheckOutcome, bodyKinds?: readonly BodyKind[]): { live: CheckDefinition; spec: SpecCheck } {
  const common = { id: 'shared-judgement', title: 'Shared', level: 'SHOULD' as const, description: 'A check on both sides.', ...(bodyKinds ? { bodyKinds } : {}) };
  return {
    live: defineCheck({ ...common, scope: 'passive', example: {}, run: then }),
    spec: { ...common, given: 'document', example: { document: '' }, then },
  };
}

function runBoth(sides: { live: CheckDefinition; spec: SpecCheck }): { live: CheckResult; spec: CheckResult } {
  const response = buildContext(compiledProfileOf(kubernetes), viewOfText('{}', 404, { 'content-type': 'application/json' }));
  const document = documentContext(specDocumentOf({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} }, 'test.json'), kubernetes);
  return { live: runChecks(Object.freeze([sides.live]), response)[0]!, spec: runSpecCheck(sides.spec, document) };
}

describe('the check core', () => {
  it('skips a check on a profile it does not know, in the same words on both sides', () => {
    const { live, spec } = runBoth(bothSides(() => [], ['envelope']));
    assert.deepEqual(live, { checkId: 'shared-judgement', level: 'SHOULD', outcome: 'skip', reason: 'not part of the kubernetes profile' });
    assert.deepEqual(spec, live);
  });

  it('stamps findings with the check\'s id and level, a finding\'s own level kept', () => {
    const { live, spec } = runBoth(bothSides(() => [{ pointer: '', message: 'one' }, { level: 'MUST', pointer: '/a', message: 'two' }]));
    assert.deepEqual(live, {
      checkId: 'shared-judgement',
      level: 'SHOULD',
      outcome: 'fail',
      findings: [
        { checkId: 'shared-judgement', level: 'SHOULD', pointer: '', message: 'one' },
        { checkId: 'shared-judgement', level: 'MUST', pointer: '/a', message: 'two' },
      ],
    });
    assert.deepEqual(spec, live);
  });

  it('words a check that throws as a skip of its own, alike on both sides', () => {
    const { live, spec } = runBoth(
      bothSides(() => {
        throw new TypeError('Cannot read properties of undefined');
      }),
    );
    assert.equal(live.outcome, 'skip');
    assert.ok(live.outcome === 'skip' && live.reason === `${CHECK_CRASHED} (Cannot read properties of undefined): a bug, please report it`, JSON.stringify(live));
    assert.deepEqual(spec, live);
  });

  it('lets an input error through on both sides: the user\'s to fix, not a bug of the check\'s', () => {
    const sides = bothSides(() => {
      throw new InputError('cannot resolve $ref', '#/components/schemas/Missing');
    });
    assert.throws(() => runBoth({ ...sides, spec: bothSides(() => []).spec }), InputError);
    assert.throws(() => runBoth({ ...sides, live: bothSides(() => []).live }), InputError);
  });

  it('clips a skip reason that quotes what was judged', () => {
    const { live, spec } = runBoth(bothSides(() => ({ skip: `\`${'x'.repeat(5000)}\` is unknown` })));
    assert.ok(live.outcome === 'skip' && live.reason.length < 1100, JSON.stringify(live).slice(0, 200));
    assert.deepEqual(spec, live);
  });
});

describe('remembered findings', () => {
  /** A builder whose findings depend on every argument, and that counts its calls. */
  function counting(): { build: (code: string, status: number, entry: { name: string } | undefined) => FindingInput[]; calls: () => number } {
    let calls = 0;
    return {
      build: (code, status, entry) => {
        calls++;
        const expected = entry?.name ?? 'none';
        return [{ pointer: '/reason', expected, received: String(status), message: `Received: \`${code}\` with ${status}. Expected: ${expected}.` }];
      },
      calls: () => calls,
    };
  }

  it('answers every argument list as a fresh build does, through repeats, changes and evictions', () => {
    const entries = [{ name: 'NotFound' }, { name: 'NotFound' }, { name: 'Conflict' }];
    const call = fc.tuple(fc.constantFrom('NotFound', 'AlreadyExists', 'Gone', 'x'.repeat(1001)), fc.constantFrom(404, 409, 410), fc.constantFrom(...entries, undefined));
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), (calls) => {
        const { build } = counting();
        const remembered = rememberFindings(build);
        for (const args of calls) assert.deepEqual(remembered(...args), build(...args));
      }),
      { numRuns: 300 },
    );
  });

  it('builds the findings of a repeated mistake once, and not those that quote a long value', () => {
    const { build, calls } = counting();
    const remembered = rememberFindings(build);
    const entry = { name: 'NotFound' };
    for (let i = 0; i < 1000; i++) remembered('AlreadyExists', 404, entry);
    assert.equal(calls(), 1);
    // Equal, not the same, entry: another argument list.
    remembered('AlreadyExists', 404, { name: 'NotFound' });
    assert.equal(calls(), 2);
    const long = 'x'.repeat(1001);
    remembered(long, 404, entry);
    remembered(long, 404, entry);
    assert.equal(calls(), 4);
  });

  it('gives each response findings of its own, though their texts were built once', () => {
    const compiled = compiledProfileOf(kubernetes);
    const wrong = (): CheckContext =>
      buildContext(compiled, viewOfText('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"x","reason":"AlreadyExists","code":404}', 404, { 'content-type': 'application/json' }));
    const [first, second] = [runChecks(PASSIVE_CHECKS, wrong()), runChecks(PASSIVE_CHECKS, wrong())];
    const failed = (results: CheckResult[]): Finding[] => results.flatMap((r) => (r.outcome === 'fail' ? r.findings : []));
    assert.ok(failed(first).length > 0);
    assert.deepEqual(failed(second), failed(first));
    for (const [i, finding] of failed(first).entries()) assert.notEqual(finding, failed(second)[i]);
    failed(first)[0]!.fingerprint = 'changed';
    assert.equal(failed(second)[0]!.fingerprint, undefined);
  });
});
