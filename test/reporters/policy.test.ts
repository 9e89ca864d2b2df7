/**
 * Every format says what a policy left out and why: the baseline's count ("3 new, 12 known, 2 fixed
 * since the baseline"), findings known, waived and inherited (apart, with their reason), checks turned
 * off, subjects ignored, and a waiver past its date, which fails the run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { applyPolicy } from '../../conformance/policy/apply.js';
import { baselineEntryOf } from '../../conformance/policy/baseline.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { sarifRuleId } from '../../conformance/reporters/sarif.js';
import type { Results, ResultsDocument } from '../../conformance/results.js';
import { createAjv } from '../../schemas/compile.js';
import { inheritedSet } from '../../schemas/inherited.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { brokenServerResults } from './fixtures.js';

/** The broken server's run under a project's policy: a little of everything a policy does. */
function withPolicy(): Results {
  const results = brokenServerResults();
  const entries = results.items
    .filter((item) => item.probeId === 'create-existing' || item.probeId === 'get-missing')
    .flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.map((f) => baselineEntryOf(item, f)) : [])));
  const gone = { ...entries[0]!, fingerprint: '0000000000000000' };
  return applyPolicy(results, {
    config: 'statuslint.config.yaml',
    today: '2026-06-01',
    checks: { 'json-body': 'off' },
    probesOff: ['timeout'],
    ignore: [{ resource: 'secrets', reason: 'another team' }],
    waivers: [
      { name: 'retry-hints', check: 'retry-after-agrees', reason: 'the gateway sets Retry-After' },
      { name: 'old-quirk', check: 'message-present', reason: 'fixed in the next release', expires: '2026-01-31' },
    ],
    inherit: inheritedSet('k8s.io/apiserver'),
    baseline: { file: 'statuslint.baseline.json', entries: [...entries, gone] },
  });
}

const render = (format: string, results: Results): string => REPORTERS.get(format)!.render(results, { color: false });
const BASELINE_LINE = /\d+ new, \d+ known, 1 fixed since the baseline statuslint\.baseline\.json/;
const EXPIRED = /waiver "old-quirk" of statuslint\.config\.yaml expired on 2026-01-31/;

describe('reports of a run with a policy', () => {
  const results = withPolicy();

  it('stylish: the findings set apart with why, then the baseline, checks off and the expired waiver', () => {
    const text = render('stylish', results);
    assert.match(text, /^reported apart: known, waived and inherited findings do not fail the run$/m);
    assert.match(text, /^ {2}inherited {2}SHOULD {2}allow-header {2}2 findings: (gadgets\.example\.dev, configmaps|configmaps, gadgets\.example\.dev)$/m);
    assert.match(text, /^ {10}k8s\.io\/apiserver v1\.37: k8s\.io\/apiserver turns go-restful's 405/m);
    assert.match(text, /^ {2}waived {5}SHOULD {2}retry-after-agrees/m);
    assert.match(text, /^ {2}known {6}MUST {4}/m);
    assert.match(text, BASELINE_LINE);
    assert.match(text, /^checks turned off in statuslint\.config\.yaml: json-body$/m);
    assert.match(text, /^✖ waiver "old-quirk"/m);
  });

  it('markdown: the notes, a table of what was set apart, the entries fixed since the baseline', () => {
    const text = render('markdown', results);
    assert.match(text, BASELINE_LINE);
    assert.match(text, /^- ❌ waiver "old-quirk"/m);
    assert.match(text, /^### Reported apart$/m);
    assert.match(text, /^\| inherited \| SHOULD \| `allow-header` \| k8s\.io/m);
    assert.match(text, /^### Fixed since the baseline$/m);
  });

  it('html: the notes among the facts, and a section of what was set apart', () => {
    const text = render('html', results);
    assert.match(text, BASELINE_LINE);
    assert.match(text, /<section id="apart"><h2>Reported apart<\/h2>/);
    assert.match(text, /<a href="#apart">Reported apart<\/a>/);
    assert.match(text, /<b>✖ waiver &quot;old-quirk&quot;/);
  });

  it('junit: a policy suite whose expired waiver fails, and suppressed failures and probes turned off as skipped testcases; valid XML', async () => {
    const text = render('junit', results);
    assert.match(text, /<testsuite name="policy" tests="\d+" failures="1"/);
    assert.match(text, /<failure type="expired-waiver" message="waiver &quot;old-quirk&quot;/);
    assert.match(text, /<skipped>\d+ new, \d+ known, 1 fixed since the baseline statuslint\.baseline\.json<\/skipped>/);
    assert.match(text, /<skipped>turned off in statuslint\.config\.yaml \(probes\.timeout: off\)<\/skipped>/);
    assert.match(text, /<skipped>inherited \(k8s\.io\/apiserver v1\.37\): /);
    assert.match(text, /<skipped>turned off in statuslint\.config\.yaml \(checks\.json-body: off\)<\/skipped>/);
    const xsd = readFileSync(fixture('report-schemas', 'jenkins-junit.xsd'), 'utf8');
    const valid = await validateXML({ xml: [{ fileName: 'junit.xml', contents: text }], schema: [{ fileName: 'jenkins-junit.xsd', contents: xsd }] });
    assert.ok(valid.valid, valid.errors.slice(0, 3).map((e) => e.rawMessage).join('\n'));
  });

  it('sarif: findings set apart as suppressed results, known and new by baseline state, the notes as notifications; valid SARIF', () => {
    const log = JSON.parse(render('sarif', results)) as {
      runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; status: string; justification: string }>; baselineState?: string }>; invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
    };
    const run = log.runs[0]!;
    const allow = run.results.filter((r) => r.ruleId === sarifRuleId('allow-header'));
    assert.ok(allow.length > 0 && allow.every((r) => r.suppressions?.[0]?.kind === 'external' && r.suppressions[0].status === 'accepted' && /^inherited \(k8s\.io\/apiserver v1\.37\)/.test(r.suppressions[0].justification)));
    assert.ok(run.results.some((r) => r.baselineState === 'unchanged' && r.suppressions?.[0]?.justification.startsWith('known')));
    assert.ok(run.results.some((r) => r.baselineState === 'new' && r.suppressions === undefined));
    const notes = run.invocations[0]!.toolExecutionNotifications;
    assert.ok(notes.some((n) => n.level === 'note' && BASELINE_LINE.test(n.message.text)));
    assert.ok(notes.some((n) => n.level === 'error' && EXPIRED.test(n.message.text)));
    const Ajv04 = Ajv04Module.default;
    const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(fixture('report-schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('github: a notice per note, an error for the expired waiver', () => {
    const text = render('github', results);
    assert.match(text, /^::notice title=statuslint probe%3A policy::\d+ new, \d+ known, 1 fixed since the baseline/m);
    assert.match(text, /^::error title=statuslint probe%3A expired waiver::waiver "old-quirk"/m);
  });

  it('json: the counts in the summary, the policy record, each finding\'s fingerprint and why it is set apart; valid against the results schema', () => {
    const document = JSON.parse(render('json', results)) as ResultsDocument;
    assert.match(JSON.stringify(document.summary.baseline), /^\{"new":\d+,"known":\d+,"fixed":1\}$/);
    assert.ok(document.summary.suppressed!.inherited > 0 && document.summary.suppressed!.waived > 0 && document.summary.suppressed!.known > 0);
    assert.deepEqual(document.summary.expiredWaivers, ['old-quirk']);
    assert.equal(document.policy?.inherited, 'k8s.io/apiserver v1.37');
    const findings = document.items.flatMap((i) => i.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : [])));
    assert.ok(findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint ?? '')));
    const validate = createAjv().compile(JSON.parse(readFileSync(`${repoRoot}/schemas/results.schema.json`, 'utf8')) as object);
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
  });
});
