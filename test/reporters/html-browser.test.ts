// needs: chromium
/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core. It must load with
 * no console error and no request, draw its charts, expand a failure, and print. Screenshots go to
 * test-artifacts/; with UPDATE_DOCS=1 the README's pictures in docs/images/ are made again too.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip, openInChromium, type OpenedReport } from '../helpers/chromium.js';
import html from '../../conformance/reporters/html.js';
import { repoRoot } from '../helpers/paths.js';
import { brokenServerResults } from './fixtures.js';

const ARTIFACTS = join(repoRoot, 'test-artifacts');
const IMAGES = join(repoRoot, 'docs', 'images');

describe('the HTML report in headless Chromium', { skip: chromiumSkip }, () => {
  let opened: OpenedReport;
  let page: Page;
  let reportUrl: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.html');
    writeFileSync(file, html.render(brokenServerResults(), { color: false }));
    reportUrl = pathToFileURL(file).href;
    opened = await openInChromium(file);
    page = opened.page;
  });

  after(() => opened?.close());

  it('loads with no console error and no request beyond the file', () => {
    assert.deepEqual(opened.consoleErrors, []);
    assert.deepEqual(opened.requests, []);
    assert.equal(page.url(), reportUrl);
  });

  it('draws the pass-rate charts: a bar per check, passed and failed in proportion', async () => {
    const rows = await page.locator('#check-chart g').count();
    assert.ok(rows >= 15, `${rows} bars`);
    const track = await page.locator('#check-chart rect.bar-track').first().boundingBox();
    const passed = await page.locator('#check-chart rect.bar-pass').first().boundingBox();
    const failed = await page.locator('#check-chart rect.bar-fail').first().boundingBox();
    assert.ok(track && passed && failed && track.width > 300, 'the chart has its width');
    // status-code-expected passed 25 of 31.
    assert.ok(Math.abs(passed.width / track.width - 25 / 31) < 0.01, `${passed.width} of ${track.width}`);
    assert.ok(Math.abs(passed.width + failed.width - track.width) < 1);
    assert.ok((await page.locator('#group-chart rect.bar-pass').count()) >= 4);
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    if (process.env.UPDATE_DOCS === '1') await page.screenshot({ path: join(IMAGES, 'html-report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
  });

  it('expands a failure to its findings, the catalog advice and the exchange', async () => {
    const entry = page.locator('details.item#r-update-stale-resourceversion-configmaps');
    const isOpen = (): Promise<boolean> => entry.evaluate((details) => (details as { open: boolean }).open);
    assert.equal(await isOpen(), false);
    assert.equal(await entry.locator('.advice').isVisible(), false);
    await entry.locator('summary').click();
    assert.equal(await isOpen(), true);
    assert.match((await entry.locator('.advice h4').innerText()).trim(), /^Catalog: Conflict · HTTP 409 · recovery refetch-and-retry$/);
    assert.match(await entry.locator('.exchange').innerText(), /PUT \/api\/v1\/namespaces\/default\/configmaps\/settings\?dryRun=All[^]*"reason": "AlreadyExists"/);
    if (process.env.UPDATE_DOCS === '1') {
      await page.locator('#matrix').scrollIntoViewIfNeeded();
      const top = await page.locator('#matrix').boundingBox();
      const bottom = await entry.boundingBox();
      const scrolled = (await page.evaluate('window.scrollY')) as number;
      if (top && bottom) await page.screenshot({
        path: join(IMAGES, 'html-report-failure.png'),
        fullPage: true,
        clip: { x: 0, y: top.y + scrolled - 12, width: 1280, height: bottom.y + bottom.height - top.y + 24 },
      });
    }
    await entry.locator('summary').click();
  });

  it('opens the response a matrix cell points at', async () => {
    const cell = page.locator('table.matrix td.cell.must a').first();
    const target = (await cell.getAttribute('href'))!.slice(1);
    await cell.click();
    await page.waitForFunction(`document.getElementById(${JSON.stringify(target)})?.open === true`);
  });

  it('filters the failures by level', async () => {
    await page.locator('button[data-filter="must"]').click();
    assert.equal(await page.locator('details.item.should').first().isVisible(), false);
    assert.equal(await page.locator('details.item.must').first().isVisible(), true);
    await page.locator('button[data-filter="all"]').click();
    assert.equal(await page.locator('details.item.should').first().isVisible(), true);
  });

  it('prints with every failure expanded', async () => {
    await page.locator('button[data-expand="close"]').click();
    const closed = await page.locator('details.item[open]').count();
    assert.equal(closed, 0);
    // Printing fires beforeprint, which opens every failure; afterprint closes them again.
    const openedOnPrint = await page.evaluate(`(() => {
      window.dispatchEvent(new Event('beforeprint'));
      const count = document.querySelectorAll('details.item[open]').length;
      window.dispatchEvent(new Event('afterprint'));
      return count;
    })()`);
    assert.equal(openedOnPrint, await page.locator('details.item').count());
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 50_000);
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    assert.deepEqual(opened.consoleErrors, []);
  });
});
