import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { announceChange } from '../../src/changes/live-change.js';
import { browserAvailable, SCREENSHOT_DIR } from '../support/browser.js';
import {
  addSignatories,
  addStatement,
  DESKTOP,
  phone,
  startE2eApp,
  type E2eApp,
} from '../support/e2e-app.js';
import { axeSerious, screenshots } from '../support/e2e-checks.js';
import { decodePng } from '../pictures/support.js';

// Issue "Show, don't tell": the map, the growth chart and the share card, as a reader meets them.
describe.runIf(browserAvailable)('pictures in Chromium', () => {
  let app: E2eApp;
  let statementId = 0;
  const SLUG = 'care-map';
  beforeAll(async () => {
    app = await startE2eApp();
    statementId = await addStatement(app.db, SLUG, [
      {
        locale: 'en',
        title: 'A fair deal for care workers',
        body: 'Care work holds our societies together. We call for decent pay and safe staffing.',
      },
      { locale: 'ar', title: 'اتفاق عادل لعاملات الرعاية', body: 'عمل الرعاية يحفظ تماسك مجتمعاتنا.' },
    ]);
    const list: Array<[string, number]> = [
      ['FR', 14],
      ['BR', 9],
      ['DE', 6],
      ['ES', 4],
      ['TN', 3],
      ['ZA', 3],
      ['IN', 2],
      ['US', 2],
      ['AR', 1],
      ['KE', 1],
      ['PH', 1],
      ['SG', 1],
    ];
    await addSignatories(
      app.db,
      statementId,
      list.flatMap(([country, n]) =>
        Array.from({ length: n }, (_, i) => ({ name: `Care Workers Union ${country} ${i + 1}`, country })),
      ),
    );
    // Spread over three weeks, so the growth chart has a line to draw.
    await sql`update endorsements set published_at = published_at - ((id * 7) % 22) * interval '1 day'
               where statement_id = ${statementId}`.execute(app.db);
    await announceChange(app.db, { kind: 'changed', statementId });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Where each country is drawn, in page pixels. */
  const centreX = (page: Page, cc: string) =>
    page.evaluate((code) => {
      const el = document.querySelector(`svg.world-map [data-cc="${code}"]`);
      const box = el?.getBoundingClientRect();
      return box ? box.left + box.width / 2 : NaN;
    }, cc);

  /** Every axe violation, whatever its impact (axeSerious writes them all to its report). */
  const axeAll = async (page: Page, name: string) => {
    await axeSerious(page, name);
    const report = JSON.parse(fs.readFileSync(path.join(SCREENSHOT_DIR, 'axe', `${name}.json`), 'utf8')) as {
      violations: Array<{ id: string; nodes: unknown[] }>;
    };
    return report.violations.map((v) => `${name}: ${v.id} (${v.nodes.length})`);
  };

  it.each(['en', 'ar'] as const)(
    'the statement with its map (%s), on a phone and a desktop: no axe violation, the map not mirrored',
    async (lang) => {
      const context = await app.browser.newContext({ ...phone, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}/s/${SLUG}?lang=${lang}`);
      const map = page.locator('svg.world-map');
      await expect.poll(() => map.isVisible()).toBe(true);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // The map is a named image; its legend and the by-country table say the same in words.
      expect(await map.getAttribute('role')).toBe('img');
      expect(await map.getAttribute('aria-label')).toBeTruthy();
      expect(await page.locator('.map-legend li').count()).toBe(6);
      expect(await page.locator('svg.world-map [data-n]').count()).toBe(12);
      expect(await page.locator('svg.growth-chart').isVisible()).toBe(true);
      // West stays west in every language.
      const [us, fr, inn] = [await centreX(page, 'US'), await centreX(page, 'FR'), await centreX(page, 'IN')];
      expect(us).toBeLessThan(fr);
      expect(fr).toBeLessThan(inn);
      expect(await axeAll(page, `pictures-statement-${lang}`)).toEqual([]);
      expect(await screenshots(page, `pictures-statement-${lang}`), `${lang} page overflows on a phone`).toBe(
        0,
      );
      // The counts, the growth chart and the map on a desktop (README.md shows the English one).
      await page.setViewportSize(DESKTOP);
      const top = await page.locator('#signatories-heading').boundingBox();
      const bottom = await page.locator('.map-figure').boundingBox();
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `statement-map-${lang}.png`),
        fullPage: true,
        clip: {
          x: 0,
          y: top!.y - 16,
          width: DESKTOP.width,
          height: bottom!.y + bottom!.height - top!.y + 32,
        },
      });
      await context.close();
    },
    120_000,
  );

  it('recolours the map from the live count, without a reload, and un-shades a withdrawn country', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const jp = page.locator('svg.world-map [data-cc="JP"]');
    expect(await jp.getAttribute('fill')).toBeNull();
    const [id] = await addSignatories(app.db, statementId, [{ name: 'Zenroren Care', country: 'JP' }]);
    await expect.poll(() => jp.getAttribute('fill'), { timeout: 10_000 }).toMatch(/^#[0-9a-f]{6}$/);
    expect(await jp.locator('title').textContent()).toBe('Japan — organisations: 1');
    // A small country appears as a dot.
    const mt = page.locator('svg.world-map [data-cc="MT"]');
    expect(await mt.isVisible()).toBe(false);
    const [mtId] = await addSignatories(app.db, statementId, [{ name: 'GWU Malta', country: 'MT' }]);
    await expect.poll(() => mt.isVisible(), { timeout: 10_000 }).toBe(true);

    for (const endorsement of [id!, mtId!]) {
      await app.db
        .updateTable('endorsements')
        .set({ status: 'withdrawn', withdrawn_at: new Date() })
        .where('id', '=', endorsement)
        .execute();
      await announceChange(app.db, { kind: 'withdrawn', statementId, endorsementId: endorsement });
    }
    await expect.poll(() => jp.getAttribute('fill'), { timeout: 10_000 }).toBeNull();
    expect(await jp.locator('title').count()).toBe(0);
    await expect.poll(() => mt.isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await context.close();
  });

  it('a statement nobody has signed gets its map with the first signatory, without a reload', async () => {
    const id = await addStatement(app.db, 'first-map', [
      { locale: 'en', title: 'First', body: 'Sign first.' },
    ]);
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/first-map`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await page.locator('svg.world-map').count()).toBe(0);
    await addSignatories(app.db, id, [{ name: 'CUT Chile', country: 'CL' }]);
    const cl = page.locator('svg.world-map [data-cc="CL"]');
    await expect.poll(() => cl.getAttribute('fill'), { timeout: 10_000 }).toMatch(/^#[0-9a-f]{6}$/);
    expect(await page.locator('svg.world-map').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await context.close();
  });

  it('without JavaScript the map (as an image), its legend and the by-country table are all there', async () => {
    const context = await app.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${SLUG}`);
    const map = page.locator('img.world-map');
    expect(await map.isVisible()).toBe(true);
    // Drawn, not a broken image, and named; the numbers per country are in the table.
    await expect
      .poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await map.getAttribute('alt')).toMatch(/^World map of the countries/);
    expect(await page.locator('svg.world-map').count()).toBe(0);
    expect(await page.locator('.map-legend').isVisible()).toBe(true);
    await page.locator('summary', { hasText: 'By country' }).click();
    expect(await page.locator('[data-breakdown="country"] tr').first().textContent()).toBe('France14');
    await context.close();
  });

  it('the share card is a 1200×630 PNG in English and Arabic (saved for people to look at)', async () => {
    for (const lang of ['en', 'ar']) {
      const res = await fetch(`${app.url}/s/${SLUG}/og.png?lang=${lang}`);
      const png = Buffer.from(await res.arrayBuffer());
      expect(decodePng(png)).toMatchObject({ width: 1200, height: 630 });
      fs.writeFileSync(path.join(SCREENSHOT_DIR, `og-card-${lang}.png`), png);
    }
  });
});
