import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import html from '../../conformance/reporters/html.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { VERDICT_RULE } from '../../conformance/verdict.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const render = (results: Results): string => html.render(results, { color: false });
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('the html reporter', () => {
  const page = render(brokenServerResults());

  it('is one self-contained page that may load nothing', () => {
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">/);
    assert.doesNotMatch(page, /<link\b|<img\b|<iframe\b|\bsrc=|@import|url\(/i);
    assert.doesNotMatch(page, /href="(?!#)/, 'links only within the page');
  });

  it('shows the verdict with its rule and the pass rates', () => {
    assert.match(page, /<header class="banner fail"[^]*<h1 id="verdict">Not conformant<\/h1>/);
    assert.ok(page.includes(VERDICT_RULE.replace(/'/g, '&#39;')));
    assert.match(page, /<dt>MUST checks passed<\/dt><dd>89\.1% <small>228 of 256<\/small>/);
    const passing = brokenServerResults().items.filter((item) => !item.error && findingsOfItem(item).length === 0);
    assert.match(render({ ...brokenServerResults(), items: passing }), /<header class="banner pass"[^]*>Conformant<\/h1>/);
    // An empty run is not a pass: it says nothing was checked, and why.
    assert.match(render({ ...brokenServerResults(), items: [] }), /<header class="banner fail"[^]*>Nothing checked<\/h1>\s*<p class="rule"><strong>Why:<\/strong> no probe ran: discovery found nothing to probe<\/p>/);
  });

  it('draws a chart per check and per group-version', () => {
    assert.match(page, /<svg id="check-chart" class="chart"/);
    assert.match(page, /<svg id="group-chart" class="chart"/);
    assert.equal(count(page, /<text class="mono" x="0" y="\d+">[a-z-]+<\/text>/g) >= 18, true);
    assert.match(page, /example\.dev\/v1  \(aggregated\)/);
  });

  it('has a reason × resource matrix whose failing cells link to the response', () => {
    assert.match(page, /<table class="matrix">/);
    assert.match(page, /<th scope="row" class="res">gadgets <span class="tag agg">aggregated<\/span><br><small>example\.dev\/v1<\/small><\/th>/);
    const links = [...page.matchAll(/<td class="cell (?:must|should|error)"[^>]*><a href="#([^"]+)">/g)].map((m) => m[1]!);
    assert.ok(links.length > 10);
    for (const id of links) assert.ok(page.includes(`<details class="item`) && page.includes(`id="${id}"`), `no response ${id}`);
  });

  it('has one expandable entry per response with findings: findings, catalog advice, request and response', () => {
    const results = brokenServerResults();
    assert.equal(count(page, /<details class="item /g), results.items.filter((i) => findingsOfItem(i).length > 0).length);
    const entry = /<details class="item must" id="r-update-stale-resourceversion-configmaps">[^]*?<\/details>/.exec(page)?.[0] ?? '';
    assert.match(entry, /<code class="check">reason-expected<\/code>/);
    assert.match(entry, /expected <code>Conflict<\/code> · received <code>AlreadyExists<\/code>/);
    assert.match(entry, /<h4>Catalog: Conflict · HTTP 409 · recovery <code>refetch-and-retry<\/code><\/h4>/);
    assert.match(entry, /<h4>Request<\/h4><pre>PUT \/api\/v1\/namespaces\/default\/configmaps\/settings\?dryRun=All\n/);
    assert.match(entry, /<h4>Response · HTTP 409<\/h4><pre>[^]*&quot;reason&quot;: &quot;AlreadyExists&quot;/);
  });

  it('escapes everything the model says', () => {
    const results = brokenServerResults();
    results.items[0]!.title = '<img src=x onerror=alert(1)>';
    results.items[0]!.response!.body = '</pre><script>alert(2)</script>';
    const out = render(results);
    assert.ok(!out.includes('<img src=x') && !out.includes('<script>alert(2)'));
    assert.ok(out.includes('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
    assert.equal(count(out, /<script>/g), 1, 'only the report\'s own script');
  });

  it('marks a truncated body and an unanswered probe', () => {
    const results = brokenServerResults();
    const item = results.items.find((i) => findingsOfItem(i).length > 0)!;
    item.response!.truncated = true;
    item.response!.bodyBytes = 5_000_000;
    results.items.push({ id: 'get-missing:w', title: 'Read a missing widget', location: 'GET /w', probeId: 'get-missing', error: 'no usable response (ECONNRESET)', checks: [] });
    const out = render(results);
    assert.match(out, /The body was cut when recorded \(5000000 bytes in all\)\./);
    assert.match(out, /<details class="item error" id="r-get-missing-w">/);
    assert.match(out, /<button type="button" data-filter="error" aria-pressed="false">No answer 1<\/button>/);
  });

  it('renders validate results by file, without a matrix', () => {
    const out = render(validateResults());
    assert.match(out, /<h2>Pass rate per file<\/h2>/);
    assert.doesNotMatch(out, /<table class="matrix">/);
    assert.match(out, /<h4>Request<\/h4><p class="muted">Not recorded: the response was read from a file\.<\/p>/);
  });
});
