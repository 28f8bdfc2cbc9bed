import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nFor, type LocaleCode, type MessageKey } from '../../src/i18n/i18n.js';
import { browserAvailable } from '../support/browser.js';
import {
  addSignatories,
  addStatement,
  mailWithLink,
  PHONE,
  phone,
  startE2eApp,
  type E2eApp,
} from '../support/e2e-app.js';
import {
  axeSerious,
  englishMailLines,
  englishOn,
  englishPhrases,
  screenshots,
} from '../support/e2e-checks.js';

// Issue 7's "done when": a Spanish-speaking and an Arabic-speaking union officer go from the
// statement to the confirmed endorsement without meeting a word of English (Arabic right to left).
describe.runIf(browserAvailable)('languages in Chromium', () => {
  let app: E2eApp;
  const SLUG = 'care';
  beforeAll(async () => {
    app = await startE2eApp();
    const id = await addStatement(app.db, SLUG, [
      {
        locale: 'en',
        title: 'A fair deal for care workers',
        body: 'Care work holds our societies together.',
      },
      { locale: 'fr', title: 'Un accord juste pour le soin', body: 'Le soin fait tenir nos sociétés.' },
      {
        locale: 'es',
        title: 'Un trato justo para las trabajadoras de cuidados',
        body: 'El trabajo de cuidados sostiene nuestras sociedades.',
      },
      { locale: 'ar', title: 'اتفاق عادل لعاملات الرعاية', body: 'عمل الرعاية يحفظ تماسك مجتمعاتنا.' },
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
      {
        name: 'الاتحاد العام التونسي للشغل',
        country: 'TN',
        type: 'federation',
        city: 'تونس',
        members: 750000,
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('on a phone, the language switcher turns the statement French, and the choice is remembered', async () => {
    const page = await app.browser.newPage({ viewport: PHONE });
    await page.goto(app.url + '/');
    await page.locator(`a[href="/s/${SLUG}"]`).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('A fair deal for care workers');
    await page
      .getByRole('navigation', { name: 'Language', exact: true })
      .getByRole('link', { name: 'Français' })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Un accord juste pour le soin');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.goto(app.url + '/');
    expect(await page.locator('h1').textContent()).toBe('Déclarations ouvertes');
    await page.close();
  });

  /** From the statement page to the confirmed endorsement in one language, with one mistake on the way. */
  async function endorseIn(
    page: Page,
    locale: LocaleCode,
    org: { name: string; country: string; contact: string; email: string },
  ) {
    const i18n = i18nFor(locale);
    const t = (key: MessageKey) => i18n.t(key);
    const phrases = englishPhrases(locale);
    const english: string[] = [];
    english.push(...(await englishOn(page, phrases)));

    const form = page.getByRole('region', { name: t('statement.endorseHeading') });
    await form.getByLabel(t('endorse.field.org_name'), { exact: true }).fill(org.name);
    await form.getByLabel(t('endorse.type.union'), { exact: true }).check();
    await form
      .getByLabel(t('endorse.field.country'), { exact: true })
      .selectOption({ label: i18n.country(org.country) });
    await form.getByLabel(t('endorse.field.contact_name'), { exact: true }).fill(org.contact);
    await form.getByLabel(t('endorse.field.email'), { exact: true }).fill(org.email.replace('@', ''));
    await form.getByLabel(t('endorse.field.authorised')).check();
    await form.getByRole('button', { name: t('endorse.submit') }).click();

    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').textContent()).toBe(t('endorse.error.emailInvalid'));
    english.push(...(await englishOn(page, phrases)));
    if (locale === 'ar') {
      await screenshots(page, 'form-errors-ar');
    }
    await page
      .getByRole('region', { name: t('statement.endorseHeading') })
      .getByLabel(t('endorse.field.email'), { exact: true })
      .fill(org.email);
    await page
      .getByRole('region', { name: t('statement.endorseHeading') })
      .getByRole('button', { name: t('endorse.submit') })
      .click();

    await page.waitForURL(`**/s/${SLUG}/check-email**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.check.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    english.push(...(await englishOn(page, phrases)));

    const { mail, link } = await mailWithLink(app.sink, org.email, 'confirm');
    const mailEnglish = englishMailLines('confirm-endorsement').filter((line) =>
      `${mail.subject}\n${mail.text}`.includes(line),
    );
    expect(mailEnglish, 'English lines in the confirmation email').toEqual([]);

    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirm.title'));
    english.push(...(await englishOn(page, phrases)));
    await page.getByRole('button', { name: t('endorse.confirm.button') }).click();

    await page.waitForURL(`**/s/${SLUG}/confirmed**`);
    expect(await page.locator('h1').textContent()).toBe(t('endorse.confirmed.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    english.push(...(await englishOn(page, phrases)));
    expect(english, `English met by a ${locale} reader`).toEqual([]);
  }

  it('a Spanish-speaking officer goes from the statement to the confirmed endorsement without a word of English', async () => {
    const context = await app.browser.newContext({ ...phone, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Un trato justo para las trabajadoras de cuidados');
    await endorseIn(page, 'es', {
      name: 'Sindicato de Cuidadoras de Sevilla',
      country: 'ES',
      contact: 'Lucía Romero',
      email: 'lucia@cuidadoras.example.es',
    });
    await context.close();
  });

  it('an Arabic-speaking officer switches to Arabic, reads right to left, and endorses without a word of English', async () => {
    const context = await app.browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);
    // The check for English sees it where it is: on the English page it finds plenty.
    expect((await englishOn(page, englishPhrases('ar'))).length).toBeGreaterThan(20);
    await page
      .getByRole('navigation', { name: 'Language', exact: true })
      .getByRole('link', { name: 'العربية' })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('اتفاق عادل لعاملات الرعاية');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

    // Mirrored: the site name starts on the right, and the form's labels line up on the right.
    const brand = (await page.locator('.brand').boundingBox())!;
    expect(brand.x + brand.width).toBeGreaterThan(PHONE.width - 40);
    const { text, input } = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('label[for="f-org_name"]')!);
      return {
        text: range.getBoundingClientRect().toJSON(),
        input: document.querySelector('#f-org_name')!.getBoundingClientRect().toJSON(),
      };
    });
    expect(Math.abs(text.right - input.right)).toBeLessThan(2);
    expect(text.left).toBeGreaterThan(input.left + 20);
    expect(await axeSerious(page, 'statement-ar')).toEqual([]);
    expect(await screenshots(page, 'statement-ar'), 'Arabic page overflows sideways on a phone').toBe(0);

    await endorseIn(page, 'ar', {
      name: 'نقابة عاملات الرعاية المنزلية',
      country: 'EG',
      contact: 'فاطمة حسن',
      email: 'fatima@care-union.example.eg',
    });
    await context.close();
  });
});
