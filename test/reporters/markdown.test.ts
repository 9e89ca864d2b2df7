import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import markdown from '../../conformance/reporters/markdown.js';
import type { Results } from '../../conformance/results.js';
import { findingsOfItem } from '../../conformance/results.js';
import { VERDICT_RULE } from '../../conformance/verdict.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const render = (results: Results): string => markdown.render(results, { color: false });
const DOC = join(repoRoot, 'docs', 'report.md');
const START = '<!-- markdown-summary:start -->';
const END = '<!-- markdown-summary:end -->';

/** The probe fixture many times over, for a run of realistic size. */
function large(): Results {
  const results = brokenServerResults();
  const items = results.items;
  results.items = Array.from({ length: 40 }, (_, n) => items.map((item) => ({ ...item, id: `${item.id}#${n}`, resource: item.resource ? `r${n}.${item.resource}` : undefined }))).flat();
  return results;
}

describe('the markdown reporter', () => {
  const text = render(brokenServerResults());

  it('opens with the verdict and states the rule', () => {
    assert.match(text, /^## ❌ Not conformant: statuslint probe\n/);
    assert.ok(text.includes(`> **Verdict rule:** ${VERDICT_RULE}`));
    const passing = brokenServerResults().items.filter((item) => !item.error && findingsOfItem(item).length === 0);
    assert.match(render({ ...brokenServerResults(), items: passing }), /^## ✅ Conformant/);
    assert.match(render({ ...brokenServerResults(), items: [] }), /^## ⚠️ Nothing checked: statuslint probe\n\nNothing was checked: no probe ran: discovery found nothing to probe\.\n/);
  });

  it('has MUST and SHOULD pass rates, overall and per group-version', () => {
    assert.match(text, /\| \*\*MUST\*\* \| 228 \| 28 \| 85 \| ❌ 89\.1% \(228\/256\) \|/);
    assert.match(text, /\| SHOULD \| 90 \| 17 \| 234 \| ⚠️ 84\.1% \(90\/107\) \|/);
    assert.match(text, /\| `example\.dev\/v1` \| aggregated: `example-system\/gadget-api` \| 15 \| ❌ 89\.0% \(113\/127\) \|/);
  });

  it('lists the top ten failures, MUST first, each once with the resources it was met on', () => {
    const rows = text.split('\n').filter((line) => /^\| (MUST|SHOULD) \| `/.test(line));
    assert.equal(rows.length, 10);
    assert.match(rows[0]!, /^\| MUST \| `code-matches-http-status` \| Received: `code: 400` on an HTTP 415 response\..*\| 4: `gadgets\.example\.dev`, `configmaps` \(`create-wrong-content-type`, `patch-unsupported-patch-type`\) \|$/);
    assert.match(text, /…and 14 more problems/);
  });

  it('keeps every table row one row: no raw pipes or line breaks from the model', () => {
    const results = brokenServerResults();
    results.items = results.items.filter((i) => i.id === 'create-existing:configmaps');
    for (const check of results.items[0]!.checks) if (check.outcome === 'fail') check.findings.forEach((f) => (f.message = 'Received: a | b\nand <script>. Expected: `x|y`.'));
    const out = render(results);
    assert.ok(!out.includes('<script>'));
    // The line break is shown as `\n` (its backslash escaped), not a new line.
    assert.match(out, /Received: a \\\| b\\\\nand &lt;script&gt;\. Expected: `x\\\|y`\./);
  });

  // A message from a saved results file is any length. A pattern for whole link-like words was tried
  // from each character of a long word, reading to its end each time (a 100,000-character word took
  // 35 s, 300,000 hours): the render runs in a child process, stopped if it outlives a minute, for it
  // takes milliseconds when each word is read once.
  it('shows link-like words of a message as code spans and the rest as prose, however long a word is', () => {
    const script = `
      import markdown from './conformance/reporters/markdown.ts';
      import { findingsOfItem } from './conformance/results.ts';
      import { brokenServerResults } from './test/reporters/fixtures.ts';
      const results = brokenServerResults();
      const long = 'A'.repeat(300_000);
      const messages = [\`see http://evil.example/x, www.evil.example or me@evil.example \${long} now\`, \`\${long}@\`, \`\${long}://x\`];
      const findings = results.items.flatMap((item) => findingsOfItem(item));
      findings.forEach((f, n) => (f.message = messages[n % messages.length]));
      process.stdout.write(markdown.render(results, { color: false }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.signal, null, 'the markdown render was stopped after a minute');
    assert.equal(run.status, 0, run.stderr);
    const long = 'A'.repeat(300_000);
    assert.ok(run.stdout.includes(`see \`http://evil.example/x,\` \`www.evil.example\` or \`me@evil.example\` ${long} now`), 'links among words');
    assert.ok(run.stdout.includes(`\`${long}@\``) && run.stdout.includes(`\`${long}://x\``), 'a long link-like word');
  });

  it('stays far below the 1 MiB of a step summary for a run of a thousand responses', () => {
    assert.ok(Buffer.byteLength(render(large())) < 64 * 1024);
  });

  it('summarises validate results by file', () => {
    assert.match(render(validateResults()), /### By file\n\n\| File \| Served by \| Responses \| MUST \| SHOULD \|\n\|---\|---\|--:\|--:\|--:\|\n\| `test\/fixtures\/recorded\/mixed\.har` \|  \| 13 \|/);
  });

  it('summarises spec results by document, counting its operations, and names operations as a reader knows them', async () => {
    const profile = builtinProfile('envelope');
    const petstore = await loadDocument(fixture('openapi', 'petstore.yaml'));
    const stripe = await loadDocument(fixture('openapi', 'shapes', 'stripe.yaml'));
    const unread = '/openapi/v3/apis/wardle.example.com/v1alpha1';
    const items = [
      ...checkDocument(petstore, { profile }),
      ...checkDocument(stripe, { profile }),
      { id: `${unread}#`, title: 'OpenAPI 3.0 document', location: unread, document: unread, error: 'HTTP 503: service unavailable', checks: [] },
    ];
    const out = render(specResults({ profile, target: { server: petstore.source }, startedAt: new Date(), items }));
    // Before, each operation's pointer was a row of a "By file" table, and the input named them as files.
    assert.ok(out.includes(`**Input** \`${petstore.source}\` · **profile** \`envelope\` · **7 operations and 3 documents** in `), out.split('\n')[2]);
    const table = out.slice(out.indexOf('### By document'), out.indexOf('### Top failures'));
    assert.deepEqual(table.trim().split('\n'), [
      '### By document',
      '',
      '| Document | Operations | MUST | SHOULD |',
      '|---|--:|--:|--:|',
      `| \`${petstore.source}\` | 3 | ❌ 87.5% (7/8) | ⚠️ 0% (0/3) |`,
      `| \`${stripe.source}\` | 4 | ❌ 90.0% (9/10) | ⚠️ 0% (0/4) |`,
      `| \`${unread}\` | not read | – | – |`,
    ]);
    assert.doesNotMatch(out, /By file|\| `\/paths\//);
    assert.match(out, /^\| Level \| Check \| Problem \| Where \|$/m);
    assert.match(out, /^\| SHOULD \| `error-responses-documented` \| .* \| 7: `GET \/pets`, `POST \/pets`, `GET \/pets\/\{petId\}`, `GET \/v1\/charges` and 3 more \|$/m);
    assert.match(out, /### Documents not read\n\n- \/openapi\/v3\/apis\/wardle\.example\.com\/v1alpha1: HTTP 503: service unavailable\n/);
  });

  it('is shown in docs/report.md as it renders for the fixture (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const embedded = `${START}\n\n${text}\n${END}`;
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOC, doc.replace(new RegExp(`${START}[^]*${END}`), () => embedded));
      return;
    }
    assert.ok(doc.includes(embedded), 'docs/report.md is out of date: run UPDATE_DOCS=1 node --import tsx --test test/reporters/markdown.test.ts');
  });
});
