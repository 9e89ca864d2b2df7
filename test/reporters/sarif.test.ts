import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { findingFingerprint } from '../../conformance/policy/fingerprint.js';
import { parseRecorded } from '../../conformance/recorded.js';
import sarif, { sarifRuleId } from '../../conformance/reporters/sarif.js';
import { SPEC_CHECKS } from '../../conformance/spec/checks/index.js';
import { countFindings, findingsOfItem, type Results } from '../../conformance/results.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { brokenServerResults, validateResults } from './fixtures.js';

// Both packages ship CommonJS with the class or plugin as `default`.
const Ajv04 = Ajv04Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

/** The OASIS SARIF 2.1.0 schema (JSON Schema draft-04), as published. */
const schema = JSON.parse(readFileSync(fixture('report-schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The schema's `language` pattern has a stray `]` that only a non-unicode RegExp accepts.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; name: string; helpUri: string; properties: { checkId: string }; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }> } };
    originalUriBaseIds?: Record<string, { uri?: string; description: { text: string } }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ message: { text: string } }> }>;
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } }; logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }> }>; partialFingerprints: Record<string, string>; properties: Record<string, unknown> }>;
    properties: Record<string, unknown>;
  }>;
}

const render = (results: Results, sarifRoot = repoRoot): SarifLog => JSON.parse(sarif.render(results, { color: false, sarifRoot })) as SarifLog;

function assertValid(log: SarifLog): void {
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
}

describe('the sarif reporter', () => {
  it('writes SARIF 2.1.0 valid against the published schema', () => {
    const jsonLines = validateRecorded(parseRecorded(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":409,"message":"x"}\n`, 'errors.jsonl'), builtinProfile('kubernetes'));
    const unanswered = brokenServerResults();
    unanswered.items.push({
      id: 'get-missing:widgets',
      title: 'Read a missing widget',
      location: 'GET /apis/x/v1/widgets/y z',
      probeId: 'get-missing',
      request: { method: 'GET', path: '/apis/x/v1/widgets/y z', headers: {} },
      error: 'no usable response (ECONNRESET)',
      checks: [],
    });
    for (const results of [brokenServerResults(), validateResults(), jsonLines, unanswered]) assertValid(render(results));
    // The schema does reject: a driver needs a name, a level is one of four.
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false);
    const wrongLevel = render(brokenServerResults());
    (wrongLevel.runs[0]!.results[0] as { level: string }).level = 'MUST';
    assert.equal(validateSarif(wrongLevel), false);
  });

  it('declares every check as a rule with an opaque id, its check id as name, its title and description as help, its doc page and its level as default', () => {
    const { driver } = render(brokenServerResults()).runs[0]!.tool;
    const { rules } = driver;
    assert.deepEqual(rules.map((r) => r.properties.checkId), ALL_CHECKS.map((c) => c.id));
    assert.equal(driver.informationUri, 'https://github.com/statuslint/statuslint/blob/main/docs/checks/README.md');
    for (const check of ALL_CHECKS) {
      const rule = rules.find((r) => r.properties.checkId === check.id)!;
      assert.match(rule.id, /^SL[0-9A-F]{8}$/);
      assert.equal(rule.id, sarifRuleId(check.id));
      assert.equal(rule.name.toLowerCase(), check.id.replaceAll('-', ''));
      assert.equal(rule.helpUri, `https://github.com/statuslint/statuslint/blob/main/docs/checks/${check.id}.md`);
      assert.equal(rule.shortDescription.text, check.title);
      assert.ok(rule.help.text.startsWith(check.description));
      assert.equal(rule.defaultConfiguration.level, check.level === 'MUST' ? 'error' : 'warning');
    }
  });

  it('gives every check, response and spec alike, an id of its own that does not change', () => {
    const ids = [...ALL_CHECKS, ...SPEC_CHECKS].map((check) => sarifRuleId(check.id));
    assert.equal(new Set(ids).size, ids.length);
    // Pinned: a changed id would close every alert code scanning tracks under the old one.
    assert.equal(sarifRuleId('reason-expected'), 'SL' + createHash('sha256').update('reason-expected').digest('hex').slice(0, 8).toUpperCase());
  });

  it('has one result per finding, MUST as error and SHOULD as warning, at a logical location (group-version/resource/probe) and no file', () => {
    const results = brokenServerResults();
    const run = render(results).runs[0]!;
    const counts = countFindings(results);
    assert.equal(run.results.filter((r) => r.level === 'error').length, counts.MUST);
    assert.equal(run.results.filter((r) => r.level === 'warning').length, counts.SHOULD);
    assert.deepEqual(run.originalUriBaseIds?.TARGET, { uri: 'http://127.0.0.1:6443/', description: { text: 'The API server probed.' } });
    assert.ok(run.results.every((r) => r.locations.every((l) => l.physicalLocation === undefined)));
    const stale = run.results.find((r) => r.ruleId === sarifRuleId('reason-expected') && r.properties.resource === 'configmaps' && r.properties.probeId === 'update-stale-resourceversion')!;
    assert.deepEqual(stale.locations[0]!.logicalLocations, [{ name: 'configmaps', fullyQualifiedName: 'v1/configmaps/update-stale-resourceversion', kind: 'resource' }]);
    assert.deepEqual([stale.properties.expected, stale.properties.received, stale.properties.pointer], ['Conflict', 'AlreadyExists', '/reason']);
    assert.equal(run.tool.driver.rules[stale.ruleIndex]!.id, sarifRuleId('reason-expected'));
    assert.equal(new Set(run.results.map((r) => r.partialFingerprints['statuslintFinding/v1'])).size, run.results.length, 'fingerprints are distinct');
    // The baseline's fingerprint, so that code scanning and a baseline track a finding alike.
    const expected = results.items.flatMap((item) => findingsOfItem(item).map((finding) => findingFingerprint(item, finding)));
    assert.deepEqual(run.results.map((r) => r.partialFingerprints['statuslintFinding/v1']), expected);
    assert.equal(run.properties.conformant, false);
  });

  it('locates a recorded response in its file, and a JSON Lines one at its line', () => {
    const run = render(validateResults()).runs[0]!;
    assert.ok(run.results.every((r) => r.locations[0]!.physicalLocation?.artifactLocation.uri === 'test/fixtures/recorded/mixed.har'));
    assert.ok(run.results.every((r) => r.locations[0]!.physicalLocation?.artifactLocation.uriBaseId === '%SRCROOT%'));
    const lines = validateRecorded(parseRecorded(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"x"}\n{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":409,"message":"x"}\n`, 'errors.jsonl'), builtinProfile('kubernetes'));
    const [first] = render(lines).runs[0]!.results;
    assert.deepEqual(first?.locations[0]!.physicalLocation, { artifactLocation: { uri: 'errors.jsonl', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } });
  });

  it('reports a probe without a response as a tool notification', () => {
    const results = brokenServerResults();
    results.items.push({ id: 'get-missing:widgets', title: 'Read a missing widget', location: 'GET /w', probeId: 'get-missing', error: 'no usable response (ECONNRESET)', checks: [] });
    const [invocation] = render(results).runs[0]!.invocations;
    assert.deepEqual(invocation?.toolExecutionNotifications?.map((n) => n.message.text), ['Read a missing widget: no usable response (ECONNRESET)']);
  });
});

describe('sarif for statuslint spec', () => {
  it('names the spec checks as rules, the document as artifact and JSON pointers as locations', async () => {
    const { loadDocument, checkDocument, specResults } = await import('../../conformance/spec/index.js');
    const path = fixture('openapi', 'findings-2.0.yaml');
    const document = await loadDocument(path);
    const profile = builtinProfile('kubernetes');
    const results = specResults({ profile, target: { server: path }, startedAt: new Date(), items: checkDocument(document, { profile }) });
    const log = render(results);
    assertValid(log);
    const run = log.runs[0]!;
    assert.ok(run.tool.driver.rules.some((r) => r.properties.checkId === 'error-responses-documented' && r.helpUri.endsWith('/docs/spec/error-responses-documented.md')));
    assert.ok(!run.tool.driver.rules.some((r) => r.properties.checkId === 'status-code-expected'));
    assert.ok(run.results.length > 0);
    const located = run.results as unknown as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }> }>;
    assert.ok(located.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'test/fixtures/openapi/findings-2.0.yaml'));
    // No machine path: %SRCROOT% is described, not given.
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { description: { text: 'The root of the source tree (the working directory, or --sarif-root) that file locations are relative to.' } } });
    // Under another root the same document is named from there; outside it, by its file URI.
    const underFixtures = render(results, fixture('openapi')).runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation;
    assert.deepEqual(underFixtures, { uri: 'findings-2.0.yaml', uriBaseId: '%SRCROOT%' });
    const outside = render(results, fixture('recorded')).runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation;
    assert.deepEqual(outside, { uri: pathToFileURL(path).href });
    const pointers = located.map((r) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName);
    assert.ok(pointers.every((p) => p.startsWith('/')), pointers.join(' '));
    assert.ok(pointers.some((p) => p.startsWith('/paths/')) && pointers.some((p) => p.startsWith('/definitions/')));
    assert.deepEqual((run as unknown as { artifacts: Array<{ roles: string[] }> }).artifacts.map((a) => a.roles), [['analysisTarget']]);
  });
});
