import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { silentLog } from '../../src/log.js';
import { announceSetupLink } from '../../src/staff/setup.js';
import { browserAvailable } from '../support/browser.js';
import { DESKTOP, phone, startE2eApp, type E2eApp } from '../support/e2e-app.js';
import { axeSerious, screenshots } from '../support/e2e-checks.js';

const t = (key: MessageKey, params?: Params) => i18nFor('en').t(key, params);
const PASSWORD = 'the first organiser’s password';

// The first organiser (issue 21): from the setup link to a statement that is open and shared —
// at desktop width, then again on a phone — with axe on every new page.
describe.runIf(browserAvailable)('the first organiser in Chromium', () => {
  let app: E2eApp;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  async function newPage(options: BrowserContextOptions) {
    // bypassCSP only so axe-core can be injected; the pages' own scripts run as usual.
    // UTC, the zone the pages start in: staff-form.js then has no reason to reload the form once.
    const context = await app.browser.newContext({ ...options, bypassCSP: true, timezoneId: 'UTC' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(m.text());
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).origin === app.url) {
        problems.push(`${r.status()} ${r.url()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(e.message));
    return { context, page };
  }

  /** Create a statement through the form, open it through the checklist, and check the Now-live panel. */
  async function createOpenShare(page: Page, slug: string, title: string, axe: string[], label: string) {
    await page.goto(`${app.url}/admin/statements/new`);
    await page.getByLabel(t('staff.field.slug'), { exact: true }).fill(slug);
    await page.getByLabel(t('staff.field.title'), { exact: true }).fill(title);
    await page
      .getByLabel(t('staff.field.body'), { exact: true })
      .fill('Riders across Europe deserve a contract.');
    await page.getByRole('button', { name: t('staff.action.save'), exact: true }).click();
    await page.getByText(t('staff.done.created')).waitFor();

    await page.getByRole('link', { name: t('staff.open.link') }).click();
    await page.locator('h1', { hasText: t('staff.open.title', { title }) }).waitFor();
    expect(await page.locator('.checklist li').count()).toBe(4);
    expect(await page.locator('.checklist').textContent()).toContain(t('staff.open.check.rule.verified'));
    axe.push(...(await axeSerious(page, `${label}-open-checklist`)));
    expect(await screenshots(page, `${label}-open-checklist`), 'checklist overflows on a phone').toBe(0);
    await page.getByRole('button', { name: t('staff.open.submit') }).click();

    await page.getByText(t('staff.live.opened', { title })).waitFor();
    const url = `${app.url}/s/${slug}`;
    expect(await page.getByLabel(t('staff.live.urlLabel')).inputValue()).toBe(url);
    expect(await page.getByLabel(t('staff.live.iframe')).inputValue()).toContain(`${url}/embed?lang=en`);
    expect(await page.getByLabel(t('staff.live.badge')).inputValue()).toContain(`${url}/badge.svg`);
    expect(await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href')).toContain(
      encodeURIComponent(url),
    );
    const qr = page.getByRole('img', { name: t('staff.live.qrAlt', { url }) });
    await qr.waitFor();
    const box = await qr.boundingBox();
    expect(box && box.width).toBeGreaterThan(100);
    // With JavaScript, the Copy button appears and copies the address.
    const copy = page.locator('[data-copy="share-url"]');
    await copy.click();
    await page
      .locator('[data-copy-status]', { hasText: t('staff.live.copied') })
      .waitFor({ state: 'attached' });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    axe.push(...(await axeSerious(page, `${label}-now-live`)));
    expect(await screenshots(page, `${label}-now-live`), 'Now-live panel overflows on a phone').toBe(0);

    // The public page is there for readers.
    const res = await page.request.get(url);
    expect(res.status()).toBe(200);
  }

  it('desktop: setup link → first admin → statement → checklist → open → Now live', async () => {
    const link = await announceSetupLink(app.db, app.url, silentLog, new Date());
    const { context, page } = await newPage({ viewport: DESKTOP });
    const axe: string[] = [];
    await page.goto(link!);
    await page.getByLabel(t('staff.field.name'), { exact: true }).fill('Amina Diallo');
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('amina@network.example.org');
    await page.getByLabel(t('staff.field.newPassword'), { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t('staff.setup.submit') }).click();
    await page.getByText(t('staff.done.welcome')).waitFor();

    await createOpenShare(page, 'riders', 'Riders deserve contracts', axe, 'desktop');

    // The other new pages: one's own account, staff accounts (invitations), the audit log in sentences.
    await page.getByRole('link', { name: t('staff.nav.account') }).click();
    await page.locator('h1', { hasText: t('staff.own.title') }).waitFor();
    axe.push(...(await axeSerious(page, 'desktop-own-account')));
    await page.getByRole('link', { name: t('staff.nav.accounts') }).click();
    await page.getByLabel(t('staff.field.name'), { exact: true }).fill('Noor Haddad');
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('noor@network.example.org');
    await page.getByRole('button', { name: t('staff.accounts.inviteSubmit') }).click();
    await page
      .getByText(t('staff.accounts.invited', { name: 'Noor Haddad', email: 'noor@network.example.org' }))
      .waitFor();
    axe.push(...(await axeSerious(page, 'desktop-staff-accounts')));
    expect(await screenshots(page, 'staff-accounts'), 'staff table overflows on a phone').toBe(0);
    await page.getByRole('link', { name: t('staff.nav.audit') }).click();
    await page.getByText('Amina Diallo opened “Riders deserve contracts” for endorsements.').waitFor();
    axe.push(...(await axeSerious(page, 'desktop-audit')));
    expect(await screenshots(page, 'audit-log'), 'audit log overflows on a phone').toBe(0);
    // The staff pages use the desktop's width, not a 672 px column.
    const width = await page.locator('main').evaluate((m) => m.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1000);

    expect(axe).toEqual([]);
    await context.close();
  }, 180_000);

  it('phone (390 px): sign in → statement → checklist → open → Now live; forgot-password page', async () => {
    const { context, page } = await newPage(phone);
    const axe: string[] = [];
    await page.goto(`${app.url}/admin/login`);
    await page.getByRole('link', { name: t('staff.login.forgot') }).click();
    await page.locator('h1', { hasText: t('staff.forgot.title') }).waitFor();
    axe.push(...(await axeSerious(page, 'phone-forgot')));
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('amina@network.example.org');
    await page.getByLabel(t('staff.field.password'), { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t('staff.login.submit') }).click();
    await page.waitForURL(`${app.url}/admin`);

    await createOpenShare(page, 'couriers', 'Couriers deserve contracts', axe, 'phone');
    expect(axe).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
