// JUnit escapes a response's subject once and each check id once, not each testcase's name whole: the
// names must read exactly as escaping the whole name would write them, whatever the subject holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml } from '../../conformance/reporters/format.js';
import junit from '../../conformance/reporters/junit.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { checkDocument, specResults } from '../../conformance/spec/run.js';
import { subjectOf } from '../../conformance/summary.js';
import { builtinProfile } from '../../schemas/index.js';
import { fixture } from '../helpers/paths.js';
import { validateResults } from './fixtures.js';

const AWKWARD = ['a <b> & "c" \'d\'', 'ends with #', '#[starts', 'ends with :', ':starts', 'lone \ud800', '\udc00 lone', 'ctl \u0000\u001b\u2028\u202e', '##[x', 'x\uFFFE', '😀'];

describe('junit testcase names', () => {
  it('are the whole name escaped, for awkward subjects and check ids', () => {
    const results = validateResults();
    results.items.forEach((item, i) => {
      item.location = `${AWKWARD[i % AWKWARD.length]}.jsonl:${i + 1}`;
      item.checks.forEach((check, j) => {
        check.checkId = `${AWKWARD[(i + j) % AWKWARD.length]}${check.checkId}`;
      });
    });
    const xml = junit.render(results, { color: false });
    let names = 0;
    for (const item of results.items) {
      for (const check of item.checks) {
        assert.ok(xml.includes(`<testcase name="${escapeXml(`${subjectOf(item)} › ${check.checkId}`)}"`), `${subjectOf(item)} › ${check.checkId}`);
        names++;
      }
    }
    assert.ok(names > 20);
  });
});

describe('junit for spec', () => {
  it('one suite a document, its operations named by method and path as the other formats name them', async () => {
    const profile = builtinProfile('kubernetes');
    const items = [];
    for (const file of ['petstore.yaml', 'findings-2.0.yaml']) items.push(...checkDocument(await loadDocument(fixture('openapi', file)), { profile }));
    const xml = junit.render(specResults({ profile, target: { server: 'two documents' }, startedAt: new Date(), items }), { color: false });
    assert.deepEqual(
      [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]),
      [fixture('openapi', 'petstore.yaml'), fixture('openapi', 'findings-2.0.yaml')].map((f) => escapeXml(f)),
    );
    assert.match(xml, /<testcase name="GET \/pets › error-responses-documented" classname="[^"]*petstore"/);
    assert.doesNotMatch(xml, /name="\/paths/);
  });
});
