import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { i18nFor, type MessageKey, type Params } from '../../src/i18n/i18n.js';
import { browserAvailable, SCREENSHOT_DIR } from '../support/browser.js';
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

const CITIES = ['Berlin', 'Lyon', 'Porto', 'Napoli', 'Leeds', 'Gdansk', 'Sevilla', 'Tunis', 'Accra', 'Quito'];
const TRADES = ['Nurses', 'Dockers', 'Teachers', 'Drivers', 'Cleaners'];
const SEARCHED = 'Riders Union Berlin';

/** Every axe violation, whatever its impact (axeSerious writes them all to its report). */
const axeAll = async (page: Page, name: string) => {
  await axeSerious(page, name);
  const report = JSON.parse(fs.readFileSync(path.join(SCREENSHOT_DIR, 'axe', `${name}.json`), 'utf8')) as {
    violations: Array<{ id: string; nodes: unknown[] }>;
  };
  return report.violations.map((v) => `${name}: ${v.id} (${v.nodes.length})`);
};

// A verifier works through 50 endorsements, on a phone and on a desktop: finds one by searching,
// verifies it, undoes it from the notice, then verifies all 50 at once; the dashboard then says so.
describe.runIf(browserAvailable)('a verifier works 50 items in Chromium', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
    await addStaff(app.db, 'verifier', 'vic@network.example.org', 'Vic Verifier');
  });
  afterAll(async () => {
    await app?.close();
  });

  const widths: Array<[string, BrowserContextOptions]> = [
    ['phone', phone],
    ['desktop', { viewport: DESKTOP }],
  ];
  for (const [width, options] of widths) {
    it(`on a ${width}: search, verify, undo, bulk-verify the rest, then the dashboard`, async () => {
      const slug = `launch-day-${width}`;
      const statementId = await addStatement(app.db, slug, [
        { locale: 'en', title: `Launch day (${width})`, body: 'We stand together.' },
      ]);
      const names = [
        SEARCHED,
        ...Array.from({ length: 49 }, (_, i) => `${TRADES[i % 5]} of ${CITIES[Math.floor(i / 5)]} ${width}`),
      ];
      await addSignatories(
        app.db,
        statementId,
        names.map((name, i) => ({ name, country: i % 2 ? 'FR' : 'DE', status: 'confirmed' as const })),
      );
      const total = async () =>
        ((await (await fetch(`${app.url}/api/statements/${slug}`)).json()) as { total: number }).total;

      const context = await app.browser.newContext({ ...options, bypassCSP: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const violations: string[] = [];

      await page.goto(`${app.url}/admin/login`);
      await page.getByLabel(t('staff.field.email')).fill('vic@network.example.org');
      await page.getByLabel(t('staff.field.password')).fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: t('staff.login.submit') }).click();
      await page.getByRole('link', { name: t('staff.dashboard.waiting', { count: '50' }) }).click();
      await page.getByText(t('staff.queue.count', { count: '50' })).waitFor();
      violations.push(...(await axeAll(page, `verifier-queue-${width}`)));
      expect(await screenshots(page, `verifier-queue-${width}`), 'queue overflows sideways on a phone').toBe(
        0,
      );

      // Search by name: one compact row, opened.
      await page.getByRole('searchbox', { name: t('staff.q.search') }).fill('riders');
      await page.getByRole('button', { name: t('staff.q.apply'), exact: true }).click();
      await page.getByText(t('staff.q.found', { count: '1' })).waitFor();
      const row = page.locator('li[data-row]');
      expect(await row.count()).toBe(1);
      const verify = row.getByRole('button', { name: t('staff.action.verify'), exact: true });
      const reject = row.locator('details.reject > summary');
      // The publishing and the destructive control are apart: other controls and a clear gap between.
      const [v, r] = [(await verify.boundingBox())!, (await reject.boundingBox())!];
      expect(r.y - (v.y + v.height), 'gap between Verify and Reject…').toBeGreaterThanOrEqual(60);

      await verify.click();
      const notice = page.getByRole('status').filter({ hasText: `Verified: ${SEARCHED}.` });
      await notice.waitFor();
      expect(await total()).toBe(1);
      violations.push(...(await axeAll(page, `verifier-notice-${width}`)));
      await notice.getByRole('button', { name: t('staff.q.undo') }).click();
      await page.getByText(t('staff.q.done.undone', { organisation: SEARCHED })).waitFor();
      expect(await total()).toBe(0);

      // Back to the whole list: select all 50 and verify them together.
      await page.getByRole('link', { name: t('staff.q.clear') }).click();
      await page.getByText(t('staff.queue.count', { count: '50' })).waitFor();
      // "Select all" is shown by public/staff-queue.js: once it is visible, the shortcuts are live.
      const selectAll = page.getByLabel(t('staff.q.selectAll', { count: '50' }));
      await selectAll.waitFor();
      if (width === 'desktop') {
        // The shortcuts are listed; "/" goes to the search box, "x" ticks the open row.
        await expect(page.getByText(t('staff.q.keys')).isVisible()).resolves.toBe(true);
        await page.keyboard.press('/');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
        await page.locator('body').click({ position: { x: 5, y: 5 } });
      }
      await selectAll.check();
      expect(await page.locator('input[name="ids"]:checked').count()).toBe(50);
      await page.getByRole('button', { name: t('staff.action.verifySelected') }).click();
      await page.getByRole('status').filter({ hasText: 'Verified (50):' }).waitFor();
      await page.getByText(t('staff.queue.empty')).waitFor();
      expect(await total()).toBe(50);

      // The dashboard: the numbers, and a calm card now that nothing waits.
      await page.goto(`${app.url}/admin`);
      const card = page.locator('li.card', { hasText: `Launch day (${width})` });
      const figure = async (label: MessageKey) =>
        (
          await card
            .locator('.figures div', { hasText: t(label) })
            .locator('dd')
            .textContent()
        )?.trim();
      expect(await figure('staff.d.public')).toBe('50');
      expect(await figure('staff.d.waiting')).toBe('0');
      expect(await figure('staff.d.countries')).toBe('2');
      expect(await figure('staff.d.members')).toBe('50,000');
      expect(await figure('staff.d.newToday')).toBe('50');
      expect(await card.getAttribute('class')).toContain('calm');
      await card.getByRole('link', { name: t('staff.dashboard.noneWaiting') }).waitFor();
      violations.push(...(await axeAll(page, `verifier-dashboard-${width}`)));
      await page.goto(`${app.url}/admin/statements/${statementId}/endorsements?status=verified`);
      violations.push(...(await axeAll(page, `verifier-decided-${width}`)));
      await page.goto(`${app.url}/admin/queue?tab=unconfirmed`);
      violations.push(...(await axeAll(page, `verifier-unconfirmed-${width}`)));
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
