// needs: chromium
/**
 * The HTML report of a run of a million responses opens in a real browser (Debian's Chromium, driven
 * by playwright-core): under 10 MB, no console error, the counts of every response, and the note
 * naming the responses left out. The model repeats a dozen judged responses: what is rendered, and
 * its size, depend on the number of items, not on how they were judged.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip, openInChromium, type OpenedReport } from '../helpers/chromium.js';
import { parseRecorded } from '../../conformance/recorded.js';
import html, { LISTED_RESPONSES } from '../../conformance/reporters/html.js';
import type { Results } from '../../conformance/results.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { builtinProfile } from '../../schemas/index.js';
import { statusBody } from '../helpers/status.js';

const RESPONSES = 1_000_000;
const PAGE_LIMIT = 10 * 1024 * 1024;


/** A million items, each a copy of one of twelve judged responses (two in three with findings) under its own id and line. */
function millionResponses(): Results {
  const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ ...statusBody(), code: i % 3 === 0 ? 404 : 409 }));
  const judged = validateRecorded(parseRecorded(`${lines.join('\n')}\n`, 'big.jsonl', 404), builtinProfile('kubernetes'));
  const items = Array.from({ length: RESPONSES }, (_, i) => ({ ...judged.items[i % 12]!, id: `response-${i + 1}`, location: `big.jsonl:${i + 1}`, title: `line ${i + 1}` }));
  return { ...judged, items };
}

describe('the HTML report of a million responses in headless Chromium', { skip: chromiumSkip }, () => {
  let opened: OpenedReport;
  let page: Page;
  let folder: string;
  let file: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'statuslint-big-html-'));
    file = join(folder, 'report.html');
    writeFileSync(file, html.render(millionResponses(), { color: false }));
    opened = await openInChromium(file);
    page = opened.page;
  });

  after(async () => {
    await opened?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('is a page under 10 MB that loads with no console error', () => {
    assert.ok(statSync(file).size < PAGE_LIMIT, `${statSync(file).size} bytes`);
    assert.deepEqual(opened.consoleErrors, []);
  });

  it('counts every response, lists the cap and names how many were left out', async () => {
    const failing = RESPONSES - Math.ceil(RESPONSES / 3);
    assert.equal(await page.locator('details.item').count(), LISTED_RESPONSES);
    assert.match((await page.locator('#failures h2').textContent()) ?? '', new RegExp(`\\(${failing} responses\\)`));
    assert.ok(await page.getByText(`${failing - LISTED_RESPONSES} more responses with findings are not listed here`).isVisible());
  });
});
