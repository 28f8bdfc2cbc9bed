import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { startRealServer, type RealServer } from '../support/real-server.js';
import { saveStatementText } from '../../src/statements/queries.js';

describe.runIf(browserAvailable)('statement page in Chromium', () => {
  let server: RealServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startRealServer();
    const now = new Date();
    await server.deps.db.transaction().execute(async (trx) => {
      await saveStatementText(trx, { slug: 'care', locale: 'en', title: 'A fair deal for care workers', body: 'Care work holds our societies together.', open: true }, now);
      await saveStatementText(trx, { slug: 'care', locale: 'fr', title: 'Un accord juste pour le soin', body: 'Le soin fait tenir nos sociétés.' }, now);
    });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a phone, a statement switches to French from the language switcher, and the choice is remembered', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url + '/');
    await page.locator('a[href="/s/care"]').first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('A fair deal for care workers');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'statement-phone-en.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'Language', exact: true }).getByRole('link', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Un accord juste pour le soin');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // The choice is remembered: the home page is now French too.
    await page.goto(server.url + '/');
    expect(await page.locator('h1').textContent()).toBe('Déclarations ouvertes');
    await page.close();
  });
});
