import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { i18nFor, type MessageKey } from '../../src/i18n/i18n.js';
import { browserAvailable } from '../support/browser.js';
import {
  addSignatories,
  addStatement,
  DESKTOP,
  mailWithLink,
  phone,
  startE2eApp,
  type E2eApp,
} from '../support/e2e-app.js';
import { axeSerious, focused, screenshots, tabTo } from '../support/e2e-checks.js';

const t = (key: MessageKey) => i18nFor('en').t(key);

// An endorser on a phone, with and without JavaScript, and with a keyboard only: from the statement
// to the confirmed endorsement, with the mail received by a real SMTP server. axe-core checks each page.
describe.runIf(browserAvailable)('endorsing in Chromium', () => {
  let app: E2eApp;
  const SLUG = 'care';
  beforeAll(async () => {
    app = await startE2eApp();
    const id = await addStatement(app.db, SLUG, [
      {
        locale: 'en',
        title: 'A fair deal for care workers',
        body: 'Care work holds our societies together.\n\nWe call for [fair pay](https://example.org/pay) and safe staffing.',
      },
      { locale: 'fr', title: 'Un accord juste pour le soin', body: 'Le soin fait tenir nos sociétés.' },
    ]);
    await addSignatories(app.db, id, [
      {
        name: 'Confédération Générale du Travail',
        country: 'FR',
        type: 'federation',
        city: 'Montreuil',
        members: 600000,
      },
      { name: 'Sindicato de Trabajadoras del Hogar', country: 'ES', city: 'Madrid', members: 4000 },
      { name: 'Domestic Workers Union', country: 'ZA', type: 'union', city: 'Cape Town', members: 12000 },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The endorsement form, found the way a person finds it: by its heading. */
  const formOf = (page: Page): Locator => page.getByRole('region', { name: t('statement.endorseHeading') });

  it('on a phone: fill the form by its labels, make a mistake, correct it, confirm from the email (axe on every page)', async () => {
    const context = await app.browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const axe: string[] = [];

    await page.goto(`${app.url}/s/${SLUG}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('A fair deal for care workers');
    axe.push(...(await axeSerious(page, 'statement')));
    expect(await screenshots(page, 'statement-en'), 'statement page overflows sideways on a phone').toBe(0);

    const form = formOf(page);
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel(t('endorse.field.org_name'), { exact: true }).fill('Care Workers United');
    await form.getByLabel(t('endorse.type.union'), { exact: true }).check();
    await form.getByLabel(t('endorse.field.country'), { exact: true }).selectOption({ label: 'Kenya' });
    await form.getByLabel(t('endorse.field.city')).fill('Nairobi');
    await form.getByLabel(t('endorse.field.members')).fill('2500');
    await form.getByLabel(t('endorse.field.contact_name'), { exact: true }).fill('Wanjiru Kamau');
    await form.getByLabel(t('endorse.field.contact_role')).fill('General secretary');
    // The mistake: an address without its domain.
    await form.getByLabel(t('endorse.field.email'), { exact: true }).fill('wanjiru@');
    await form.getByLabel(t('endorse.field.authorised')).check();
    await form.getByRole('button', { name: t('endorse.submit') }).click();

    // The error page: focus on the summary (a screen reader reads it at once), the field says what is wrong.
    await page.locator('.error-summary').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    expect(await page.locator('.error-summary').getAttribute('role')).toBe('alert');
    const email = formOf(page).getByLabel(t('endorse.field.email'), { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const described = (await email.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const errorId = described.find((x) => x.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`#${errorId}`).textContent()).toBe(t('endorse.error.emailInvalid'));
    // What was typed is still there (the checkbox too), so only the mistake needs fixing.
    expect(await formOf(page).getByLabel(t('endorse.field.org_name'), { exact: true }).inputValue()).toBe(
      'Care Workers United',
    );
    axe.push(...(await axeSerious(page, 'form-errors')));
    await screenshots(page, 'form-errors');

    // The summary's link takes the endorser to the field.
    await page
      .locator('.error-summary')
      .getByRole('link', { name: t('endorse.error.emailInvalid') })
      .click();
    await expect.poll(() => focused(page).then((f) => f.id)).toBe('f-email');
    await email.fill('wanjiru@careworkers.example.org');
    const authorised = formOf(page).getByLabel(t('endorse.field.authorised'));
    if (!(await authorised.isChecked())) {
      await authorised.check();
    }
    await formOf(page)
      .getByRole('button', { name: t('endorse.submit') })
      .click();

    await page.waitForURL(`**/s/${SLUG}/check-email**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.check.title'));
    axe.push(...(await axeSerious(page, 'check-email')));
    await screenshots(page, 'check-email');
    // The resend form explains its own mistake the same way: summary focused, field linked.
    await page.getByRole('button', { name: t('endorse.check.resendButton') }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    expect(
      await page.getByLabel(t('endorse.field.email'), { exact: true }).getAttribute('aria-describedby'),
    ).toBe('f-resend-email-hint f-resend-email-error');
    axe.push(...(await axeSerious(page, 'resend-errors')));

    const { link, mail } = await mailWithLink(app.sink, 'wanjiru@careworkers.example.org', 'confirm');
    expect(mail.text).toContain('Care Workers United');
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirm.title'));
    expect(await page.locator('dl.summary').textContent()).toContain('Care Workers United');
    axe.push(...(await axeSerious(page, 'confirm')));
    await screenshots(page, 'confirm');
    await page.getByRole('button', { name: t('endorse.confirm.button') }).click();

    await page.waitForURL(`**/s/${SLUG}/confirmed**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirmed.title'));
    axe.push(...(await axeSerious(page, 'confirmed')));
    await screenshots(page, 'confirmed');

    await page.goto(`${app.url}/s/no-such-statement`);
    expect(await page.locator('h1').textContent()).toBe(t('error.notFound.title'));
    axe.push(...(await axeSerious(page, 'not-found')));

    expect(axe).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with JavaScript off: the same form, the same mistake, the same confirmation', async () => {
    const context = await app.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);
    const form = formOf(page);
    await form.getByLabel(t('endorse.field.org_name'), { exact: true }).fill('Homecare Branch 7');
    await form.getByLabel(t('endorse.type.union_branch'), { exact: true }).check();
    await form.getByLabel(t('endorse.field.country'), { exact: true }).selectOption({ label: 'Ireland' });
    await form.getByLabel(t('endorse.field.contact_name'), { exact: true }).fill('Siobhán Byrne');
    await form.getByLabel(t('endorse.field.email'), { exact: true }).fill('siobhan@branch7.example.org');
    // The mistake: the "authorised" box left unticked.
    await form.getByRole('button', { name: t('endorse.submit') }).click();

    await page.locator('.error-summary').waitFor();
    // No script moved it: the page itself puts focus on the summary.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const authorised = formOf(page).getByLabel(t('endorse.field.authorised'));
    const errorId = (await authorised.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((x) => x.endsWith('-error'));
    expect(await page.locator(`#${errorId}`).textContent()).toBe(t('endorse.error.authorisedRequired'));
    expect(await page.locator('.error-summary li').count()).toBe(1);

    await authorised.check();
    await formOf(page)
      .getByRole('button', { name: t('endorse.submit') })
      .click();
    await page.waitForURL(`**/s/${SLUG}/check-email**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.check.title'));

    const { link } = await mailWithLink(app.sink, 'siobhan@branch7.example.org', 'confirm');
    await page.goto(link);
    await page.getByRole('button', { name: t('endorse.confirm.button') }).click();
    await page.waitForURL(`**/s/${SLUG}/confirmed**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirmed.title'));
    await context.close();
  });

  it('with a keyboard only: Tab, Space, Enter and typing complete the form, and focus is always visible', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);

    // The first stop is the skip link; it shows itself and leads to the content.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip.visible, skip.describe).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('nav.skip'));
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe('main');

    await tabTo(page, '#f-org_name');
    await page.keyboard.type('Keyboard Care Alliance');
    await tabTo(page, 'input[name="org_type"]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="org_type"]:checked').getAttribute('value')).toBe('union');
    await tabTo(page, '#f-country');
    await page.keyboard.type('Portugal');
    expect(await page.locator('#f-country').inputValue()).toBe('PT');
    await tabTo(page, '#f-contact_name');
    await page.keyboard.type('Inês Duarte');
    await tabTo(page, '#f-email');
    await page.keyboard.type('ines@keyboard-care.example.org');
    await tabTo(page, '#f-authorised');
    await page.keyboard.press('Space');
    expect(await page.locator('#f-authorised').isChecked()).toBe(true);
    await tabTo(page, 'form.endorse-form button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.waitForURL(`**/s/${SLUG}/check-email**`);
    const { link } = await mailWithLink(app.sink, 'ines@keyboard-care.example.org', 'confirm');
    await page.goto(link);
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/s/${SLUG}/confirmed**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirmed.title'));
    await context.close();
  });
});
