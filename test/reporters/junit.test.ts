import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import junit from '../../conformance/reporters/junit.js';
import type { Results } from '../../conformance/results.js';
import { fixture } from '../helpers/paths.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const XSD = readFileSync(fixture('report-schemas', 'jenkins-junit.xsd'), 'utf8');

async function assertValidJunit(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'jenkins-junit.xsd', contents: XSD }] });
  assert.ok(result.valid, result.errors.slice(0, 5).map((e) => e.rawMessage).join('\n'));
}

const count = (xml: string, pattern: RegExp): number => xml.match(pattern)?.length ?? 0;
const render = (results: Results): string => junit.render(results, { color: false });

/** A model whose text could break XML: markup, quotes, control characters, a CDATA end, an unanswered probe. */
function hostile(): Results {
  const results = brokenServerResults();
  const item = results.items[0]!;
  item.title = 'Probe <"&\'> ]]> \u0001\u0007 end';
  item.response!.body = '<html><script>alert("x")</script>]]>\u0000\u001b[31m</html>';
  const failing = item.checks.find((c) => c.outcome === 'fail')!;
  if (failing.outcome === 'fail') failing.findings[0]!.message = 'Received: `a<b` & "c" \u000b. Expected: \ud800 lone surrogate.';
  results.items.push({
    id: 'get-missing:widgets',
    title: 'Read a missing widget',
    location: 'GET /apis/x/v1/widgets/y',
    probeId: 'get-missing',
    resource: 'widgets.x',
    groupVersion: 'x/v1',
    error: 'no usable response: socket hang up (ECONNRESET)',
    durationMs: 1502,
    checks: [],
  });
  return results;
}

describe('the junit reporter', () => {
  it('writes XML valid against the Jenkins JUnit schema, for probe, validate and hostile models', async () => {
    for (const results of [brokenServerResults(), validateResults(), hostile()]) await assertValidJunit(render(results));
  });

  it('has one testcase per response × check, and one error testcase per unanswered probe', () => {
    const results = hostile();
    const xml = render(results);
    const checks = results.items.flatMap((i) => i.checks);
    assert.equal(count(xml, /<testcase /g), checks.length + 1);
    assert.equal(count(xml, /<failure /g), checks.filter((c) => c.outcome === 'fail').length);
    assert.equal(count(xml, /<skipped>/g), checks.filter((c) => c.outcome === 'skip').length);
    assert.equal(count(xml, /<error /g), 1);
    assert.match(xml, /<testsuites name="statuslint probe http:\/\/127\.0\.0\.1:6443: not conformant" tests="\d+" failures="\d+" errors="1" time="2\.418">/);
    assert.match(xml, /<testcase name="widgets\.x › response" classname="statuslint\.get-missing" time="1\.502">/);
  });

  it('gives each suite the time of its exchanges; checks, which take microseconds, show 0', () => {
    const results = brokenServerResults();
    const xml = render(results);
    for (const [, name, time] of xml.matchAll(/<testsuite name="([^"]+)" [^>]*time="([\d.]+)"/g)) {
      const ms = results.items.filter((i) => i.probeId === name).reduce((sum, i) => sum + (i.durationMs ?? 0), 0);
      assert.ok(ms > 0, `${name}: the fixture records exchange times`);
      assert.equal(time, (ms / 1000).toFixed(3), name);
    }
    assert.equal(count(xml, /<testcase [^>]*time="0"/g), count(xml, /<testcase /g));
  });

  it('groups testcases in one suite per probe (per file for validate), with counts that add up', () => {
    const xml = render(brokenServerResults());
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)];
    assert.deepEqual(suites.slice(0, 3).map((m) => m[1]), ['get-missing', 'create-existing', 'update-stale-resourceversion']);
    const [tests, failures] = [suites.reduce((n, m) => n + Number(m[2]), 0), suites.reduce((n, m) => n + Number(m[3]), 0)];
    assert.match(xml, new RegExp(`<testsuites [^>]*tests="${tests}" failures="${failures}"`));
    const recorded = render(validateResults());
    assert.deepEqual([...recorded.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]), ['test/fixtures/recorded/mixed.har']);
    assert.match(recorded, /<testcase name="test\/fixtures\/recorded\/mixed\.har#3 › reason-code-match" classname="test\/fixtures\/recorded\/mixed"/);
  });

  it('names the check and level of a failure, with the message, the fix and the exchange', () => {
    const xml = render(brokenServerResults());
    const testcase = /<testcase name="configmaps › reason-expected" classname="statuslint\.update-stale-resourceversion"[^]*?<\/testcase>/.exec(xml)?.[0] ?? '';
    assert.match(testcase, /<failure type="MUST" message="Received: `reason: AlreadyExists`\. Expected: `reason: Conflict`\.">/);
    assert.match(testcase, /Fix: Conflict: GET the object again/);
    assert.match(testcase, /<system-out>Request: PUT \/api\/v1\/namespaces\/default\/configmaps\/settings\?dryRun=All\nResponse: HTTP 409/);
    assert.match(xml, /<testcase name="configmaps › causes-expected"[^>]*>\n\s*<failure type="SHOULD"/);
    assert.match(xml, /<skipped>the probe expects no causes<\/skipped>/);
  });
});
