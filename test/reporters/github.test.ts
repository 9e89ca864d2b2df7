import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import github from '../../conformance/reporters/github.js';
import type { Results } from '../../conformance/results.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { failureGroups } from '../../conformance/summary.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixture } from '../helpers/paths.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const render = (results: Results): string[] => github.render(results, { color: false }).trimEnd().split('\n');
const COMMAND = /^::(error|warning|notice)(?: ([a-z]+=[^,:]*(?:,[a-z]+=[^,:]*)*))?::(.+)$/;

describe('the github reporter', () => {
  it('writes only workflow commands, one line each', () => {
    for (const line of render(brokenServerResults())) assert.match(line, COMMAND);
  });

  it('writes one annotation per distinct problem, errors for MUST and warnings for SHOULD, then the verdict', () => {
    const results = brokenServerResults();
    const lines = render(results);
    const groups = failureGroups(results);
    assert.equal(lines.length, groups.length + 1);
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, groups.filter((g) => g.level === 'MUST').length);
    assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, groups.filter((g) => g.level === 'SHOULD').length);
    assert.equal(
      lines[0],
      '::error title=statuslint code-matches-http-status (MUST)::Received: `code: 400` on an HTTP 415 response. Expected: `code: 415`.%0AFix: Set the HTTP status from the same value as the body\'s status field, in one place.%0A4 responses: gadgets.example.dev, configmaps (probe create-wrong-content-type, patch-unsupported-patch-type)',
    );
    assert.match(lines.at(-1)!, /^::notice title=statuslint probe%3A not conformant::28 MUST and 19 SHOULD findings in 31 responses; checks passed: MUST 89\.1%25, SHOULD 84\.1%25\. Conformant when/);
  });

  it('spec: counts operations and the document, not responses', async () => {
    const profile = builtinProfile('kubernetes');
    const document = await loadDocument(fixture('openapi', 'petstore.yaml'));
    const lines = render(specResults({ profile, target: { server: document.source }, startedAt: new Date(), items: checkDocument(document, { profile }) }));
    assert.match(lines.at(-1)!, /^::notice title=statuslint spec%3A not conformant::1 MUST and 6 SHOULD findings in 3 operations and the document; /);
    assert.ok(lines.some((l) => l.endsWith('%0A3 operations: GET /pets, POST /pets, GET /pets/{petId}')), lines.join('\n'));
    assert.ok(!lines.some((l) => /responses?:/.test(l)), lines.join('\n'));
  });

  it('places a recorded response met once at its file', () => {
    const lines = render(validateResults());
    assert.ok(lines.some((l) => l.startsWith('::error title=statuslint reason-code-match (MUST),file=test/fixtures/recorded/mixed.har::')), lines.join('\n'));
  });

  it('escapes what would end a command or a property', () => {
    const results = brokenServerResults();
    const failing = results.items.find((i) => i.checks.some((c) => c.outcome === 'fail'))!;
    results.items = [failing];
    for (const check of failing.checks) if (check.outcome === 'fail') check.findings.forEach((f) => (f.message = 'line one\r\nline two: 100% done, :: not a command'));
    const [first] = render(results);
    // A server's line break is shown escaped (`visible`); the annotation's own lines are `%0A`.
    assert.match(first!, /::line one\\r\\nline two: 100%25 done, :: not a command%0A/);
    assert.equal(first!.split('\n').length, 1);
  });

  it('reports an unanswered probe as an error of its own', () => {
    const results = brokenServerResults();
    results.items.push({ id: 'get-missing:w', title: 'Read a missing widget', location: 'GET /w', probeId: 'get-missing', error: 'no usable response (ECONNRESET)', checks: [] });
    assert.ok(render(results).includes('::error title=statuslint%3A no response (get-missing)::Read a missing widget (GET /w): no usable response (ECONNRESET)'));
  });
});
