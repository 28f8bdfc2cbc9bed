import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { browserAvailable } from '../support/browser.js';
import {
  addSignatories,
  addStaff,
  addStatement,
  DESKTOP,
  phone,
  STAFF_PASSWORD,
  startE2eApp,
  type E2eApp,
} from '../support/e2e-app.js';
import { axeSerious, screenshots } from '../support/e2e-checks.js';

const t = (key: MessageKey, params?: Params) => i18nFor('en').t(key, params);

// README "Amending a statement": an admin saves a substantive change while a reader watches the
// statement; every signatory is marked "endorsed an earlier version" without a reload; a signer
// endorses the new version from the emailed link and the mark leaves their name at once.
describe.runIf(browserAvailable)('amending a statement in Chromium', () => {
  let app: E2eApp;
  let reader: Page;
  let statementId = 0;
  const problems: string[] = [];
  const SLUG = 'care';
  const ORG = 'Kenya Union of Domestic Workers';
  const OTHER = 'Domestic Workers Union';
  const SIGNER = 'officer@kudhehia.example.org';
  const mark = (name: string) => reader.locator('li[data-id]', { hasText: name }).locator('.earlier-version');

  beforeAll(async () => {
    app = await startE2eApp();
    statementId = await addStatement(app.db, SLUG, [
      {
        locale: 'en',
        title: 'A fair deal for care workers',
        body: 'Care work holds our societies together.',
      },
    ]);
    await addSignatories(app.db, statementId, [
      { name: ORG, country: 'KE', city: 'Nairobi', email: SIGNER },
      { name: OTHER, country: 'ZA' },
    ]);
    await addStaff(app.db, 'admin', 'ada@network.example.org', 'Ada Admin');
    const context = await app.browser.newContext({ viewport: DESKTOP });
    reader = await context.newPage();
    reader.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(m.text());
      }
    });
    reader.on('pageerror', (e) => problems.push(e.message));
    await reader.goto(`${app.url}/s/${SLUG}`);
    await reader.locator('[data-count="total"]', { hasText: /^2$/ }).waitFor();
    await reader.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  });
  afterAll(async () => {
    await app?.close();
  });

  const stillTheSamePage = () =>
    reader.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  it('an admin saves a substantive change; the open page marks every signatory without a reload', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('ada@network.example.org');
    await page.getByLabel(t('staff.field.password'), { exact: true }).fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: t('staff.login.submit') }).click();
    await page.waitForURL('**/admin');

    await page.goto(`${app.url}/admin/statements/${statementId}/texts/en`);
    const axe = await axeSerious(page, 'admin-text-amend');
    await page.getByLabel(t('staff.text.change.substantive')).check();
    await page.getByLabel(t('staff.text.change.summary')).fill('We now also call for the right to organise.');
    await page
      .getByLabel(t('staff.field.body'))
      .fill('Care work holds our societies together. Carers must organise.');
    await page.getByRole('button', { name: t('staff.action.save') }).click();
    await page.getByText(t('staff.done.amended')).waitFor();

    await mark(ORG).waitFor();
    await mark(OTHER).waitFor();
    expect(await mark(ORG).textContent()).toContain(t('live.earlierVersion'));
    expect(await stillTheSamePage()).toBe(true);

    await page.getByRole('link', { name: t('staff.amend.link') }).click();
    await page.getByRole('heading', { name: t('staff.amend.waiting'), exact: false }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    axe.push(...(await axeSerious(page, 'admin-amendment')));
    expect(await screenshots(page, 'admin-amendment')).toBe(0);
    expect(axe).toEqual([]);
    await context.close();
  });

  it('the signer endorses the new version from the email; the mark leaves their name at once', async () => {
    const found = await app.sink.waitFor((m) => m.to.includes(SIGNER) && /\/reconfirm\//.test(m.text), 1);
    const mail = found[found.length - 1]!;
    expect(mail.subject).toContain('was amended');
    expect(mail.text).toContain('We now also call for the right to organise.');
    const link = /https?:\/\/[^\s<>"]+\/reconfirm\/[A-Za-z0-9_.-]+/.exec(mail.text)![0];

    const context = await app.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.reconfirm.title'));
    // Opening the link changed nothing.
    expect(await mark(ORG).count()).toBe(1);
    await page.getByRole('button', { name: t('endorse.reconfirm.button') }).click();
    await page.waitForURL(`**/s/${SLUG}/reconfirmed**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.reconfirmed.title'));

    await mark(ORG).waitFor({ state: 'detached' });
    expect(await mark(OTHER).count()).toBe(1);
    expect(await reader.locator('li[data-id]', { hasText: ORG }).count()).toBe(1);
    expect(await stillTheSamePage()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
