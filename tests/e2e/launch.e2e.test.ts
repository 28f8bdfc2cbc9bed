import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { browserAvailable } from '../support/browser.js';
import {
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

// A network prepares a launch (README "Launching a statement"): staff enter a letter by hand and
// import a spreadsheet while the statement is under embargo; a reader who already has the page open
// sees nobody until "Launch now", then the whole list and the count, without reloading.
describe.runIf(browserAvailable)('launching a statement in Chromium', () => {
  let app: E2eApp;
  let reader: Page;
  let statementId = 0;
  const problems: string[] = [];
  const SLUG = 'dockers';
  const BY_HAND = 'Liverpool Dockers Branch';
  const CSV = [
    'org_name;org_type;country;city;members;email;locale;initiator',
    'Syndicat des Dockers du Havre;union;FR;Le Havre;1200;bureau@dockers-havre.example.fr;fr;yes',
    'Sindicato Estibadores de Bilbao;union;ES;Bilbao;800;sede@estibadores.example.es;es;no',
  ].join('\r\n');

  const signIn = async (page: Page) => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(t('staff.field.email'), { exact: true }).fill('ada@network.example.org');
    await page.getByLabel(t('staff.field.password'), { exact: true }).fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: t('staff.login.submit') }).click();
    await page.waitForURL('**/admin');
  };

  beforeAll(async () => {
    app = await startE2eApp();
    statementId = await addStatement(app.db, SLUG, [
      { locale: 'en', title: 'Solidarity with the dockers', body: 'We stand with the dockers on strike.' },
    ]);
    await app.db
      .updateTable('statements')
      .set({ launch_at: new Date(Date.now() + 86_400_000) })
      .where('id', '=', statementId)
      .execute();
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
    await reader.locator('[data-count="total"]', { hasText: /^0$/ }).waitFor();
    await reader.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('staff add a letter by hand and import a CSV on a phone while the list stays hidden', async () => {
    const context = await app.browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    const axe: string[] = [];
    await signIn(page);

    await page.goto(`${app.url}/admin/statements/${statementId}/add`);
    expect(await page.locator('h1').textContent()).toBe(t('staff.add.title'));
    axe.push(...(await axeSerious(page, 'admin-add-endorsement')));
    expect(await screenshots(page, 'admin-add-endorsement'), 'the form overflows sideways').toBe(0);
    await page.getByLabel(t('endorse.field.org_name'), { exact: true }).fill(BY_HAND);
    await page.getByLabel(t('endorse.field.org_type'), { exact: true }).selectOption('union_branch');
    await page.getByLabel(t('endorse.field.country'), { exact: true }).selectOption('GB');
    await page.getByLabel(t('staff.add.source'), { exact: true }).selectOption('letter');
    await page.getByLabel(t('staff.add.evidence'), { exact: true }).fill('Letter of 3 November, office file');
    await page.getByLabel(t('staff.add.mode.verify'), { exact: true }).check();
    await page.getByRole('button', { name: t('staff.add.submit') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('staff.add.done.verified', { organisation: BY_HAND }) })
      .waitFor();

    await page.goto(`${app.url}/admin/statements/${statementId}/import`);
    await page.getByLabel(t('staff.import.file'), { exact: true }).setInputFiles({
      name: 'dockers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
    });
    await page.getByRole('button', { name: t('staff.import.preview') }).click();
    await page.getByRole('heading', { name: t('staff.import.add', { count: '2' }) }).waitFor();
    expect(await page.locator('table').textContent()).toContain('Syndicat des Dockers du Havre');
    axe.push(...(await axeSerious(page, 'admin-import-preview')));
    expect(await screenshots(page, 'admin-import-preview'), 'the preview overflows sideways').toBe(0);
    await page.getByRole('button', { name: t('staff.import.confirm', { count: '2' }) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('staff.import.done', { added: '2', skipped: '0' }) })
      .waitFor();

    // Three listed endorsements, none of them public yet.
    const api = await (await fetch(`${app.url}/api/statements/${SLUG}`)).json();
    expect(api).toMatchObject({ total: 0 });
    expect(await reader.locator('li[data-id]').count()).toBe(0);
    expect(axe).toEqual([]);
    await context.close();
  });

  it('"Launch now" shows the list, initiators first, on the open page without reload, and tells the endorsers', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${app.url}/admin/statements/${statementId}`);
    await page.getByRole('button', { name: t('staff.launch.now') }).click();
    await page.getByText(t('staff.launch.done.launched', { count: '2' })).waitFor();

    await reader.locator('[data-count="total"]', { hasText: /^3$/ }).waitFor();
    await reader.locator('li[data-id]', { hasText: BY_HAND }).waitFor();
    expect(await reader.locator('#initiators-heading').textContent()).toBe(t('launch.initiators.heading'));
    const firstListed = await reader.locator('li[data-id]').first().textContent();
    expect(firstListed).toContain('Syndicat des Dockers du Havre');
    expect(
      await reader.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true),
    ).toBe(true);

    // The two imported endorsements had an address: each is told, in its own language.
    const [fr] = await app.sink.waitFor((m) => m.to.includes('bureau@dockers-havre.example.fr'));
    const [es] = await app.sink.waitFor((m) => m.to.includes('sede@estibadores.example.es'));
    expect(fr!.subject).toBe(
      '«\u202fSolidarity with the dockers\u202f» est publique, avec Syndicat des Dockers du Havre parmi ses signataires',
    );
    expect(es!.subject).toBe(
      '«Solidarity with the dockers» ya es pública, con Sindicato Estibadores de Bilbao entre sus firmantes',
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
