import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { browserAvailable } from '../support/browser.js';
import {
  addSignatories,
  addStaff,
  addStatement,
  DESKTOP,
  mailWithLink,
  phone,
  STAFF_PASSWORD,
  startE2eApp,
  type E2eApp,
} from '../support/e2e-app.js';
import { axeSerious, screenshots } from '../support/e2e-checks.js';

const t = (key: MessageKey, params?: Params) => i18nFor('en').t(key, params);

// Staff verify an endorsement while a reader watches the statement: the organisation and the count
// appear without a reload; then the signer withdraws from the email link and it disappears again.
describe.runIf(browserAvailable)('staff and the live list in Chromium', () => {
  let app: E2eApp;
  let reader: Page;
  const problems: string[] = [];
  const SLUG = 'care';
  const ORG = 'Kenya Union of Domestic Workers';
  const SIGNER = 'officer@kudhehia.example.org';

  beforeAll(async () => {
    app = await startE2eApp();
    const id = await addStatement(app.db, SLUG, [
      {
        locale: 'en',
        title: 'A fair deal for care workers',
        body: 'Care work holds our societies together.',
      },
      { locale: 'fr', title: 'Un accord juste pour le soin', body: 'Le soin fait tenir nos sociétés.' },
    ]);
    await addSignatories(app.db, id, [
      { name: 'Confédération Générale du Travail', country: 'FR', type: 'federation', members: 600000 },
      { name: 'Sindicato de Trabajadoras del Hogar', country: 'ES', members: 4000 },
      { name: 'Domestic Workers Union', country: 'ZA', members: 12000 },
      // Confirmed by its signer, waiting for staff.
      { name: ORG, country: 'KE', city: 'Nairobi', members: 3000, status: 'confirmed', email: SIGNER },
    ]);
    await addStaff(app.db, 'verifier', 'vic@network.example.org', 'Vic Verifier');

    // The reader's window, under the site's real Content-Security-Policy.
    const context = await app.browser.newContext({ viewport: DESKTOP });
    reader = await context.newPage();
    // Script errors, CSP violations and failed loads (the browser's own /favicon.ico included) are
    // console errors; failed loads are also checked by URL.
    reader.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(m.text());
      }
    });
    reader.on('response', (r) => {
      if (r.status() >= 400) {
        problems.push(`${r.status()} ${r.url()}`);
      }
    });
    reader.on('pageerror', (e) => problems.push(e.message));
    await reader.goto(`${app.url}/s/${SLUG}`);
    await reader.locator('[data-count="total"]', { hasText: /^3$/ }).waitFor();
    // Set in the page: still there at the end means the page was never reloaded.
    await reader.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  });
  afterAll(async () => {
    await app?.close();
  });

  const stillTheSamePage = () =>
    reader.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  it('staff sign in, find the endorsement in the queue and verify it; the open statement shows it and the new count without reload', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    const axe: string[] = [];

    await page.goto(`${app.url}/admin/login`);
    expect(await page.locator('h1').textContent()).toBe(t('staff.login.title'));
    axe.push(...(await axeSerious(page, 'admin-sign-in')));
    expect(await screenshots(page, 'admin-sign-in')).toBe(0);
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('vic@network.example.org');
    await page.getByLabel(t('staff.field.password'), { exact: true }).fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: t('staff.login.submit') }).click();

    await page.getByRole('link', { name: t('staff.dashboard.waiting', { count: '1' }) }).click();
    const card = page.locator('li.card', { hasText: ORG });
    await card.waitFor();
    expect(await card.textContent()).toContain(SIGNER);
    axe.push(...(await axeSerious(page, 'admin-queue')));
    expect(await screenshots(page, 'admin-queue'), 'queue overflows sideways on a phone').toBe(0);

    await card.getByRole('button', { name: t('staff.action.verify'), exact: true }).click();
    await page.locator('li.card', { hasText: ORG }).waitFor({ state: 'detached' });

    // The reader's page changes by itself.
    await reader.locator('li[data-id]', { hasText: ORG }).waitFor();
    await reader.locator('[data-count="total"]', { hasText: /^4$/ }).waitFor();
    expect(await reader.locator('.country-group[data-country="KE"] h3').textContent()).toContain('Kenya');
    expect(await stillTheSamePage()).toBe(true);

    expect(axe).toEqual([]);
    await context.close();
  });

  it('the signer withdraws from the link in the email; the open statement drops the organisation at once', async () => {
    // The "you are listed" mail that verification sent carries the withdrawal link. It waits out the
    // 10-minute undo window (README "The queue"): here the window is over at once.
    await app.db
      .updateTable('email_outbox')
      .set({ next_attempt_at: new Date() })
      .where('to_address', '=', SIGNER)
      .where('status', '=', 'queued')
      .execute();
    const { link, mail } = await mailWithLink(app.sink, SIGNER, 'withdraw');
    expect(mail.subject).toContain(ORG);
    const context = await app.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.withdraw.title'));
    await page.getByRole('button', { name: t('endorse.withdraw.button') }).click();
    await page.waitForURL(`**/s/${SLUG}/withdrawn**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.withdrawn.title'));

    await reader.locator('li[data-id]', { hasText: ORG }).waitFor({ state: 'detached' });
    await reader.locator('[data-count="total"]', { hasText: /^3$/ }).waitFor();
    expect(await stillTheSamePage()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
