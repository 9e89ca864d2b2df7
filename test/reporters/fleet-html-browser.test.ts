// needs: chromium
/**
 * The fleet report's HTML page (`statuslint report a.json b.json c.json --format html`) in Debian's
 * Chromium, driven by playwright-core: it loads with no console error and no request, and shows per run
 * the verdict and version, and per problem each run's state, as the fleet model says. A screenshot goes
 * to test-artifacts/fleet-report.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip, openInChromium, type OpenedReport } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const ARTIFACTS = join(repoRoot, 'test-artifacts');
const FILES = [fixture('results', 'fleet', 'kube-apiserver.json'), fixture('results', 'fleet', 'sample-apiserver.json'), fixture('results', 'broken-server.json')];

describe('the fleet report in headless Chromium', { skip: chromiumSkip }, () => {
  let opened: OpenedReport;
  let page: Page;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'fleet-report.html');
    const run = await runCli(['report', ...FILES, '--format', 'html', '-o', file]);
    assert.equal(run.code, 1, run.stderr);
    opened = await openInChromium(file);
    page = opened.page;
  });

  after(() => opened?.close());

  it('loads with no console error and no request beyond the file', async () => {
    assert.deepEqual(opened.consoleErrors, []);
    assert.deepEqual(opened.requests, []);
    assert.equal(await page.locator('h1').innerText(), '3 of 3 runs not conformant');
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-report.png'), fullPage: true });
  });

  it('shows the runs side by side: verdicts and Kubernetes versions', async () => {
    const row = async (label: string): Promise<string[]> => page.locator('table.runs tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td').allInnerTexts();
    assert.deepEqual(await page.locator('table.runs thead th').allInnerTexts(), ['', 'kube-apiserver', 'sample-apiserver', 'broken-server']);
    assert.deepEqual(await row('Verdict'), ['not conformant', 'not conformant', 'not conformant']);
    assert.deepEqual(await row('Kubernetes version'), ['v1.37.2', 'v1.37.2', 'v1.33.0']);
    assert.deepEqual(await row('Aggregated server (direct)'), ['—', 'v1.37.2 at https://127.0.0.1:8443', '—']);
    assert.match(await page.locator('#versions').innerText(), /v1\.33\.0 broken-server\s*v1\.37\.2 kube-apiserver, sample-apiserver/);
  });

  it('lists the shared problems with every run found, and the differing ones run by run', async () => {
    assert.equal(await page.locator('#shared h2').innerText(), 'Shared by every run (2)');
    const shared = page.locator('#shared tbody tr');
    assert.equal(await shared.count(), 2);
    const allow = shared.filter({ hasText: 'allow-header' });
    assert.deepEqual(await allow.locator('td[data-state]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state'))), ['found', 'found', 'found']);
    assert.match((await allow.locator('td[data-run="broken-server"]').innerText()).replace(/\s+/g, ' '), /^found: 2 configmaps, gadgets\.example\.dev$/);
    const differing = page.locator('#differing tbody tr');
    const cells = async (checkId: string, probeId: string): Promise<string[]> =>
      differing.filter({ has: page.locator(`code:text-is("${checkId}")`) }).filter({ has: page.locator(`small:text-is("${probeId}")`) }).first().locator('td[data-state]').evaluateAll((tds) => tds.map((c) => c.getAttribute('data-state')!));
    assert.deepEqual(await cells('code-matches-http-status', 'create-wrong-content-type'), ['not-found', 'not-found', 'found']);
    assert.deepEqual(await cells('status-code-expected', 'put-to-collection'), ['found', 'not-found', 'not-checked']);
    assert.deepEqual(await cells('status-matches-http-class', 'unknown-group'), ['not-checked', 'found', 'not-checked']);
    // A found cell is drawn apart from a clean one.
    const colour = (state: string): Promise<string> => differing.locator(`td[data-state="${state}"]`).first().evaluate((td) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor);
    assert.notEqual(await colour('found'), await colour('not-found'));
  });
});
