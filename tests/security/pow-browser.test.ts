import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { i18nFor, type MessageKey } from '../../src/i18n/i18n.js';
import { importStatement } from '../../src/statements/editor.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { startRealServer, type RealServer } from '../support/real-server.js';

const t = (key: MessageKey) => i18nFor('en').t(key);

// public/pow.js in a real Chromium: it does the work with Web Crypto, says so, and the server
// accepts the answer. Without JavaScript the form says why it cannot be sent.
describe.runIf(browserAvailable)('proof-of-work in the browser', () => {
  let server: RealServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startRealServer({ powDifficulty: 12 });
    await importStatement(server.deps, server.deps.clock.now(), {
      slug: 'under-attack',
      locale: 'en',
      title: 'Under attack',
      body: 'We stand together.',
      open: true,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the answer, shows its progress, and the endorsement is stored', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/s/under-attack`);
    const form = page.getByRole('region', { name: t('statement.endorseHeading') });
    await expect.poll(() => form.getByRole('button', { name: t('endorse.submit') }).isEnabled()).toBe(true);
    await expect.poll(() => form.getByText(t('pow.ready')).isVisible()).toBe(true);
    await form.getByLabel(t('endorse.field.org_name'), { exact: true }).fill('Browser Union');
    await form.getByLabel(t('endorse.type.union'), { exact: true }).check();
    await form.getByLabel(t('endorse.field.country'), { exact: true }).selectOption('FR');
    await form.getByLabel(t('endorse.field.contact_name'), { exact: true }).fill('Ada Browser');
    await form.getByLabel(t('endorse.field.email'), { exact: true }).fill('ada@browser-union.example.org');
    await form.getByLabel(t('endorse.field.authorised')).check();
    await form.getByRole('button', { name: t('endorse.submit') }).click();
    await page.waitForURL(/\/s\/under-attack\/check-email(#.*)?$/);
    const row = await server.deps.db
      .selectFrom('endorsements')
      .select(['display_name', 'status'])
      .executeTakeFirst();
    expect(row).toEqual({ display_name: 'Browser Union', status: 'pending' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without JavaScript, explains that the form needs it for now', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/under-attack`);
    await expect.poll(() => page.getByText(t('pow.noscript')).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: t('endorse.submit') }).isDisabled()).toBe(true);
    await context.close();
  });
});
