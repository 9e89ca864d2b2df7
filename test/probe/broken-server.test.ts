import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import type { Finding } from '../../conformance/findings.js';
import { PROBES } from '../../conformance/probes/index.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, type ProbeRunOptions, runProbes } from '../../conformance/runner.js';
import type { Target } from '../../conformance/target.js';
import { builtinProfile } from '../../schemas/index.js';
import { type BrokenServer, DEFECTS, type DefectId, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';

const targetOf = (server: BrokenServer): Target => ({
  server: server.url,
  tls: { rejectUnauthorized: true },
  authHeaders: { authorization: `Bearer ${GOOD_TOKEN}` },
});

const optionsWith = (overrides: Partial<ProbeRunOptions> = {}): ProbeRunOptions => ({
  ...DEFAULT_PROBE_OPTIONS,
  profile: builtinProfile('kubernetes'),
  filter: {},
  probeIds: [],
  allowWrites: false,
  ...overrides,
});

async function probe(defects: readonly DefectId[], overrides: Partial<ProbeRunOptions> = {}): Promise<Results> {
  const server = await startBrokenServer({ defects });
  try {
    return await runProbes(targetOf(server), optionsWith(overrides));
  } finally {
    await server.close();
  }
}

const allFindings = (results: Results): Finding[] => results.items.flatMap(findingsOfItem);

/** Probes this fake cannot exercise: it serves no aggregated group (test/probe/aggregated.test.ts covers them). */
const NEEDS_AGGREGATION = new Set(['apiservice-available']);

/** Probes that produced a response, by id. */
const probesThatRan = (results: Results): Set<string> =>
  new Set(results.items.filter((i) => i.probeId !== undefined && i.response !== undefined && i.error === undefined).map((i) => i.probeId!));

const summary = (findings: readonly Finding[]): string =>
  JSON.stringify(findings.map(({ checkId, level, pointer, expected, received }) => ({ checkId, level, pointer, expected, received })), null, 2);

type Match = string | RegExp;
const matches = (value: string | undefined, want: Match | undefined): boolean =>
  want === undefined || (value !== undefined && (typeof want === 'string' ? value === want : want.test(value)));

/** The finding each defect must produce, beyond its check id. */
const EXPECTED_FINDING: Record<DefectId, { pointer?: string; expected?: Match; received?: Match }> = {
  'wrong-code-for-reason': { pointer: '/reason', expected: '409', received: '404' },
  'failure-with-200': { pointer: '', expected: '404', received: '200' },
  'success-on-error': { pointer: '/status', expected: 'Failure', received: 'Success' },
  'html-error-page': { pointer: 'header:Content-Type', expected: 'application/json', received: 'text/html' },
  'missing-kind': { pointer: '/kind', expected: '`kind` (required)', received: 'nothing' },
  'retry-after-mismatch': { pointer: '/details/retryAfterSeconds', expected: '1', received: '5' },
  'no-retry-after': { pointer: 'header:Retry-After', expected: 'Retry-After', received: 'nothing' },
  'details-other-object': { pointer: '/details/name', expected: /^statuslint-missing-/, received: /^(settings|sprocket)$/ },
  'pod-reason-as-status-reason': { pointer: '/reason', expected: 'NotFound', received: 'CrashLoopBackOff' },
  'misspelt-reason': { pointer: '/reason', expected: 'RequestEntityTooLarge', received: 'RequestEntityTooLargeError' },
  'body-code-mismatch': { pointer: '/code', expected: '415', received: '400' },
  'no-message': { pointer: '/message', expected: 'a non-empty message', received: 'nothing' },
  'unknown-cause-reason': { pointer: '/details/causes/0/reason', expected: 'FieldValueInvalid', received: 'ValueInvalid' },
  'missing-causes': { pointer: '/details/causes', expected: 'FieldValueInvalid@metadata.name', received: 'no causes' },
  'no-allow-header': { pointer: 'header:Allow', expected: 'Allow', received: 'nothing' },
  'truncated-json': { pointer: '', expected: 'JSON', received: 'unparseable body' },
  'wrong-reason': { pointer: '/reason', expected: 'Conflict', received: 'AlreadyExists' },
  'expired-event-wrong-code': { pointer: '/object/code', expected: '410', received: '500' },
  'watch-ignored': { pointer: '', expected: 'a watch event', received: /^(ConfigMap|Gadget)List$/ },
  'conflict-names-other-field': { pointer: '/details/causes', expected: /^FieldManagerConflict@\.(data\.colour|spec\.teeth)$/, received: /^FieldManagerConflict@\.(data|spec)$/ },
  'delete-preconditions-ignored': { pointer: '', expected: '409', received: '200' },
  'protobuf-ignored': { pointer: '', expected: '406', received: '200' },
  'protobuf-first-only': { pointer: '', expected: '200', received: '406' },
  'protobuf-label-on-json': { pointer: '', expected: 'a protobuf Status', received: 'undecodable body' },
  'protobuf-status-not-found': { pointer: '/reason', expected: 'NotAcceptable', received: 'NotFound' },
};

describe('the defect list', () => {
  it('has at least 12 defects with distinct ids, each naming a real check and real, default probes', () => {
    assert.ok(DEFECTS.length >= 12, `only ${DEFECTS.length} defects`);
    assert.equal(new Set(DEFECTS.map((d) => d.id)).size, DEFECTS.length);
    for (const defect of DEFECTS) {
      assert.ok(ALL_CHECKS.some((c) => c.id === defect.checkId), `${defect.id}: no check ${defect.checkId}`);
      assert.ok(defect.probes.length > 0, `${defect.id}: no probes`);
      for (const id of defect.probes) {
        const probeDefinition = PROBES.find((p) => p.id === id);
        assert.ok(probeDefinition, `${defect.id}: no probe ${id}`);
        assert.ok(!probeDefinition.optional, `${defect.id}: ${id} is optional`);
      }
    }
  });

  it('refuses a defect it does not know', async () => {
    await assert.rejects(startBrokenServer({ defects: ['no-such-defect' as DefectId] }), /unknown defects: no-such-defect/);
  });
});

describe('the broken server', () => {
  let clean: Results;

  before(async () => {
    clean = await probe([]);
  });

  describe('with no defects', () => {
    it('discovers its three resources without problems', () => {
      assert.deepEqual(clean.discovery?.problems, []);
      assert.deepEqual(
        clean.discovery?.groupVersions.map((gv) => [gv.groupVersion, gv.resources, gv.aggregated]),
        [
          ['v1', 1, false],
          ['example.dev/v1', 1, false],
          ['metrics.example.dev/v1beta1', 1, false],
        ],
      );
    });

    it('yields no findings at all, passive or probe', () => {
      assert.deepEqual(allFindings(clean), [], summary(allFindings(clean)));
      assert.deepEqual(clean.items.filter((i) => i.error !== undefined).map((i) => `${i.id}: ${i.error}`), []);
    });

    it('answers every default probe (those needing --allow-writes are covered below)', () => {
      const ran = probesThatRan(clean);
      const wanted = PROBES.filter((p) => !p.optional && p.safety !== 'throwaway-namespace' && !NEEDS_AGGREGATION.has(p.id)).map((p) => p.id);
      assert.deepEqual(wanted.filter((id) => !ran.has(id)), []);
    });

    it('with --allow-writes and the optional probes too: every probe runs, no findings, the namespace is deleted', async () => {
      const results = await probe([], { allowWrites: true, probeIds: PROBES.map((p) => p.id) });
      assert.deepEqual(allFindings(results), [], summary(allFindings(results)));
      const ran = probesThatRan(results);
      assert.deepEqual(PROBES.map((p) => p.id).filter((id) => !ran.has(id) && !NEEDS_AGGREGATION.has(id)), []);
      assert.equal(results.throwawayNamespace?.deleted, true);
    });
  });

  for (const defect of DEFECTS) {
    it(`with ${defect.id}: ${defect.checkId} reports it`, async () => {
      assert.deepEqual(
        allFindings(clean).filter((f) => f.checkId === defect.checkId),
        [],
        'the clean server already fails this check',
      );
      const results = await probe([defect.id], { probeIds: [...defect.probes] });
      const hits = results.items.flatMap((item) =>
        findingsOfItem(item)
          .filter((f) => f.checkId === defect.checkId)
          .map((finding) => ({ finding, probeId: item.probeId })),
      );
      assert.ok(hits.length > 0, `no ${defect.checkId} finding; got ${summary(allFindings(results))}`);
      for (const { finding, probeId } of hits) {
        assert.ok(finding.level === 'MUST' || finding.level === 'SHOULD');
        assert.ok(probeId !== undefined && (defect.probes as readonly string[]).includes(probeId), `found by ${probeId ?? 'a passive response'}`);
      }
      const want = EXPECTED_FINDING[defect.id];
      assert.ok(
        hits.some(({ finding }) => (want.pointer === undefined || finding.pointer === want.pointer) && matches(finding.expected, want.expected) && matches(finding.received, want.received)),
        `no ${defect.checkId} finding like ${JSON.stringify({ ...want, expected: String(want.expected), received: String(want.received) })}; got ${summary(hits.map((h) => h.finding))}`,
      );
    });
  }
});
