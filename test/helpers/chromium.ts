/** A report opened in Debian's Chromium (driven by playwright-core), as a reader would open the file. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

// CI installs chromium (.ci/run); only a developer's machine without it may skip.
export const chromiumSkip: string | false = !existsSync(CHROMIUM) && !process.env.CI ? `${CHROMIUM} is not installed (apt-get install chromium); CI runs this test` : false;

export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  consoleErrors: string[];
  /** Requests for anything but the file itself (and its fragments): a report must not reach out. */
  requests: string[];
  close(): Promise<void>;
}

/** Open `file` in a fresh headless profile, with no network services, and wait until it has loaded. */
export async function openInChromium(file: string): Promise<OpenedReport> {
  const url = pathToFileURL(file).href;
  const profileDir = mkdtempSync(join(tmpdir(), 'statuslint-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url && !request.url().startsWith(`${url}#`)) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    consoleErrors,
    requests,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
