/**
 * A big run's HTML page stays small enough for a browser to open (issue #22: a 50 MB JSON Lines file
 * made a 61 MB page). The counts cover every response; the responses listed one by one are capped,
 * most severe first, and the page says how many were left out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecorded } from '../../conformance/recorded.js';
import html, { LISTED_RESPONSES } from '../../conformance/reporters/html.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { builtinProfile } from '../../schemas/index.js';
import { statusBody } from '../helpers/status.js';

/** `count` bodies, every third correct and the rest with a reason that does not match its code. */
function run(count: number) {
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ ...statusBody(), code: i % 3 === 0 ? 404 : 409, message: `object-${i} not found` }));
  return validateRecorded(parseRecorded(`${lines.join('\n')}\n`, 'big.jsonl', 404), builtinProfile('kubernetes'));
}

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('the html reporter on a big run', () => {
  const total = 3 * LISTED_RESPONSES + 300;
  const page = html.render(run(total), { color: false });
  const failing = total - Math.ceil(total / 3);
  const passing = Math.ceil(total / 3);

  it('lists at most the cap of responses with findings and says how many more there are', () => {
    assert.equal(count(page, /<details class="item /g), LISTED_RESPONSES);
    assert.match(page, new RegExp(`<h2>Failures <span class="muted">\\(${failing} responses\\)`));
    assert.ok(page.includes(`${failing - LISTED_RESPONSES} more responses with findings are not listed here`));
  });

  it('lists at most the cap of responses without findings and says how many more there are', () => {
    assert.match(page, new RegExp(`<summary>${passing} responses without findings</summary>`));
    assert.ok(page.includes(`${passing - LISTED_RESPONSES} more responses without findings are not listed here`));
  });

  it('lists every response of a run under the cap, and names none as left out', () => {
    const small = html.render(run(30), { color: false });
    assert.equal(count(small, /<details class="item /g), 20);
    assert.doesNotMatch(small, /not listed here/);
  });
});
