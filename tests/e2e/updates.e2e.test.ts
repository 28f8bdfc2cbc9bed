import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { updateRecipients } from '../../src/endorsements/lifecycle/index.js';
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
import type { ReceivedMail } from '../support/smtp-sink.js';

const t = (key: MessageKey, params?: Params) => i18nFor('en').t(key, params);
const fr = (key: MessageKey, params?: Params) => i18nFor('fr').t(key, params);

// Staff send an update; an endorser receives it through the real SMTP server, unsubscribes from
// the link in it, and is not sent the next one (README "Updates to endorsers", "Unsubscribe").
describe.runIf(browserAvailable)('updates to endorsers in Chromium', () => {
  let app: E2eApp;
  let staff: Page;
  let statementId = 0;
  const SLUG = 'strike';
  const ADMIN = 'ada@network.example.org';
  const ENDORSER = 'secretariat@sud-sante.example.org';
  const OTHERS = ['office@kudhehia.example.org', 'info@sintrahogar.example.org', 'hello@dwu.example.org'];
  const problems: string[] = [];

  beforeAll(async () => {
    // Two mails a second: slow enough to watch the progress view move, fast enough for a test.
    app = await startE2eApp({ updateMailPerMinute: 120 });
    statementId = await addStatement(app.db, SLUG, [
      { locale: 'en', title: 'With the strikers', body: 'We stand with the strikers.' },
      { locale: 'fr', title: 'Avec les grévistes', body: 'Nous sommes avec les grévistes.' },
    ]);
    const ids = await addSignatories(app.db, statementId, [
      { name: 'Sud Santé Sociaux', country: 'FR', email: ENDORSER, locale: 'fr' },
      { name: 'Kenya Union of Domestic Workers', country: 'KE', email: OTHERS[0] },
      { name: 'Sintrahogar', country: 'CO', email: OTHERS[1], locale: 'es' },
      { name: 'Domestic Workers Union', country: 'ZA', email: OTHERS[2] },
    ]);
    // All ticked "Send me news about this statement".
    await app.db.updateTable('endorsements').set({ updates_opt_in: true }).where('id', 'in', ids).execute();
    await addStaff(app.db, 'admin', ADMIN, 'Ada Admin');

    const context = await app.browser.newContext({ viewport: DESKTOP, bypassCSP: false });
    staff = await context.newPage();
    staff.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(m.text());
      }
    });
    staff.on('pageerror', (e) => problems.push(e.message));
    await staff.goto(`${app.url}/admin/login`);
    await staff.getByLabel(t('staff.field.email'), { exact: true }).fill(ADMIN);
    await staff.getByLabel(t('staff.field.password'), { exact: true }).fill(STAFF_PASSWORD);
    await staff.getByRole('button', { name: t('staff.login.submit') }).click();
    await staff.waitForURL(`${app.url}/admin`);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Write an update in English and save it; returns on its page. */
  async function writeUpdate(subject: string, body: string) {
    await staff.goto(`${app.url}/admin/statements/${statementId}`);
    await staff.getByRole('link', { name: t('staff.updates.link') }).click();
    await staff.getByLabel(t('staff.updates.audience.opted_in')).check();
    await staff.getByLabel(t('staff.updates.subject', { language: 'English' })).fill(subject);
    await staff.getByLabel(t('staff.updates.body', { language: 'English' })).fill(body);
    await staff
      .getByRole('button', { name: t('staff.updates.save') })
      .first()
      .click();
    await staff.waitForURL(/\/admin\/updates\/\d+$/);
  }

  const mailsTo = (to: string, subject: string) =>
    app.sink.mails.filter((m) => m.to.includes(to) && m.subject === subject);

  it('staff preview an update, send a test to themselves, send it, and watch it drain without reloading', async () => {
    await staff.goto(`${app.url}/admin/statements/${statementId}/updates`);
    const axe = await axeSerious(await axePage(), 'admin-updates');
    expect(await screenshots(staff, 'admin-updates')).toBe(0);
    await writeUpdate('Delivered to the embassy', 'We delivered the statement **today**, with 4 signatures.');
    expect(await staff.locator('.notice.warn').textContent()).toContain(
      t('staff.updates.recipients', { count: '4' }),
    );
    expect(await staff.locator('.preview strong', { hasText: 'today' }).count()).toBe(1);
    axe.push(...(await axeSerious(await axePage(), 'admin-update-draft')));
    expect(await screenshots(staff, 'admin-update-draft')).toBe(0);

    await staff.getByRole('button', { name: t('staff.updates.test', { email: ADMIN }) }).click();
    await staff.locator('.notice.ok', { hasText: t('staff.updates.testSent', { email: ADMIN }) }).waitFor();
    const [test] = await app.sink.waitFor(
      (m) => m.to.includes(ADMIN) && m.subject === 'Delivered to the embassy',
    );
    expect(test!.text).toContain('We delivered the statement **today**');
    expect(mailsTo(ENDORSER, 'Delivered to the embassy')).toEqual([]);

    await staff.getByRole('button', { name: t('staff.updates.send', { count: '4' }) }).click();
    await staff.waitForURL(/\/admin\/updates\/\d+\?sent=1$/);
    expect(await staff.locator('.notice.ok').textContent()).toBe(t('staff.updates.sending', { count: '4' }));
    await staff.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // The progress view follows the outbox by itself until everything is sent.
    await staff.locator('[data-count="sent"]', { hasText: /^4$/ }).waitFor({ timeout: 20_000 });
    expect(await staff.locator('[data-count="queued"]').textContent()).toBe('0');
    expect(await staff.locator('[data-count="failed"]').textContent()).toBe('0');
    expect(await staff.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    axe.push(...(await axeSerious(await axePage(), 'admin-update-sent')));
    expect(axe).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  /** axe needs to inject its script: the same page, opened in a context without the CSP. */
  async function axePage(): Promise<Page> {
    const context = await app.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    await context.addCookies(await staff.context().cookies());
    const page = await context.newPage();
    await page.goto(staff.url());
    return page;
  }

  it('the endorser gets it in French with a one-click unsubscribe link; following the link changes nothing, the button unsubscribes', async () => {
    const [mail] = (await app.sink.waitFor(
      (m) => m.to.includes(ENDORSER) && m.subject === 'Delivered to the embassy',
    )) as [ReceivedMail];
    expect(mail.html).toContain('lang="fr"');
    const head = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const link = /^List-Unsubscribe: <([^>]+)>\r?$/m.exec(head)![1]!;
    expect(link.startsWith(`${app.url}/unsubscribe/`)).toBe(true);
    // The same link is in the text a person reads.
    expect(mail.text).toContain(link);

    const context = await app.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(fr('unsubscribe.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // A mail filter that follows the link has unsubscribed nobody.
    const stillOptedIn = async () =>
      (await updateRecipients(app.db, statementId, 'opted_in')).some((r) => r.email === ENDORSER);
    expect(await stillOptedIn()).toBe(true);
    expect(await screenshots(page, 'unsubscribe')).toBe(0);

    await page.getByRole('button', { name: fr('unsubscribe.button') }).click();
    await page.locator('h1', { hasText: fr('unsubscribe.done.title') }).waitFor();
    expect(await stillOptedIn()).toBe(false);
    await context.close();
  });

  it('the next update is not sent to the endorser who unsubscribed', async () => {
    await writeUpdate('The union replied', 'The strikers’ union replied to the statement.');
    expect(await staff.locator('.notice.warn').textContent()).toContain(
      t('staff.updates.recipients', { count: '3' }),
    );
    await staff.getByRole('button', { name: t('staff.updates.send', { count: '3' }) }).click();
    await staff.locator('[data-count="sent"]', { hasText: /^3$/ }).waitFor({ timeout: 20_000 });
    for (const to of OTHERS) {
      expect(mailsTo(to, 'The union replied'), to).toHaveLength(1);
    }
    expect(mailsTo(ENDORSER, 'The union replied')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
