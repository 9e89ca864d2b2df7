// Checks of responses and checks of OpenAPI documents share one core: when a check runs, how its
// outcome becomes a result, and how a check that throws is reported. Both sides must read alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CRASHED, type CheckDefinition, type CheckResult, defineCheck, runChecks } from '../../conformance/check.js';
import { buildContext } from '../../conformance/context.js';
import { viewOfText } from '../../conformance/exchange.js';
import type { CheckOutcome } from '../../conformance/findings.js';
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
