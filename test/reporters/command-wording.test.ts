/**
 * Reports name what a run is made of in its command's words: a probe run's probes, a validate run's
 * recorded responses. A recorded response that could not be judged (a HAR request with no answer, a
 * response too large to read) is *not judged*, and an interrupted validate run reports the responses
 * read before it, not "the probes that ran".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORTERS } from '../../conformance/reporters/index.js';
import type { Results } from '../../conformance/results.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const render = (format: string, results: Results): string => REPORTERS.get(format)!.render(results, { color: false });

/** A validate run stopped by Ctrl-C, one of whose responses was too large to judge. */
function stoppedValidate(): Results {
  const results = validateResults();
  const unjudged = {
    id: 'response-99',
    title: 'line 99',
    location: 'big.jsonl:99',
    error: 'too large to judge: over 64 MiB, the most statuslint reads of one response',
    checks: [],
  };
  return { ...results, interrupted: true, items: [...results.items, unjudged] };
}

describe('reports word a validate run as recorded responses', () => {
  it('interrupted: only the responses read before it, in stylish, markdown and html', () => {
    const results = stoppedValidate();
    assert.match(render('stylish', results), /interrupted: only the responses read before it are reported/);
    assert.match(render('markdown', results), /the run was interrupted: only the responses read before it are counted/);
    assert.match(render('html', results), /<b>Interrupted:<\/b> only the responses read before it are reported/);
    for (const format of ['stylish', 'markdown', 'html']) assert.doesNotMatch(render(format, results), /probes that ran/, format);
  });

  it('a response that could not be judged is "not judged", never a probe without a response', () => {
    const results = stoppedValidate();
    const markdown = render('markdown', results);
    assert.match(markdown, /; 1 response not judged[;.]/);
    assert.match(markdown, /### Responses not judged\n\n- line 99: too large to judge/);
    assert.doesNotMatch(markdown, /got no response|Probes without a response|without answer/);
    assert.match(render('github', results), /^::error title=statuslint%3A not judged::line 99 \(big\.jsonl:99\): too large to judge/m);
    const html = render('html', results);
    assert.match(html, /not judged/);
    assert.doesNotMatch(html, /NO ANSWER|without answer/);
  });

  it('a probe run keeps its own words', () => {
    const results = { ...brokenServerResults(), interrupted: true };
    assert.match(render('stylish', results), /interrupted: only the probes that ran are reported/);
    assert.match(render('markdown', results), /only the probes that ran are counted/);
  });
});
