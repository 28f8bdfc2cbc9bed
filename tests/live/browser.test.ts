import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18nFor } from '../../src/i18n/i18n.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { listen, publish, withdraw } from './support.js';

// live.js in a real browser (Debian's Chromium): two windows on a statement see a publication
// and a withdrawal without reloading, under the site's strict CSP.
describe.runIf(browserAvailable)('live updates in the browser', () => {
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await listen(ctx.app.fetch);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  async function openPage(url: string, problems: string[]): Promise<Page> {
    const page = await browser.newPage();
    // CSP violations, script errors and failed loads (the browser's own /favicon.ico included) show
    // up as console errors; failed loads are also checked by URL.
    page.on('console', (m) => {
      if (m.type() === 'error') {
        problems.push(m.text());
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400) {
        problems.push(`${r.status()} ${r.url()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    return page;
  }

  it('two windows see a publication, the counts and a withdrawal within a second or so', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'Already There', country: 'FR', members: 100 });
    const problems: string[] = [];
    const en = await openPage(`${server.url}/s/${slug}`, problems);
    const fr = await openPage(`${server.url}/s/${slug}?lang=fr`, problems);
    await until(ctx, id, 2);

    const eid = await publish(ctx.deps, id, {
      name: 'Live Arrival',
      country: 'DE',
      city: 'Leipzig',
      type: 'union_branch',
      members: 900,
      website: 'https://live.example.org',
    });
    for (const page of [en, fr]) {
      await page.locator('li[data-id] >> text=Live Arrival').waitFor({ timeout: 5000 });
      await page.locator('[data-count="total"]', { hasText: '2' }).waitFor({ timeout: 5000 });
    }
    expect(await en.locator('[data-count="members"]').textContent()).toBe('1,000');
    expect(await fr.locator('[data-count="members"]').textContent()).toMatch(/^1\s000$/);
    expect(await fr.locator('.country-group[data-country="DE"] h3').textContent()).toContain('Allemagne');
    expect(await en.locator(`li[data-id="${eid}"] a`).getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(await en.locator(`li[data-id="${eid}"] .meta`).textContent()).toBe(' · Union branch · Leipzig');

    await withdraw(ctx.deps, id, eid);
    for (const page of [en, fr]) {
      await page.locator(`li[data-id="${eid}"]`).waitFor({ state: 'detached', timeout: 5000 });
      await page.locator('[data-count="total"]', { hasText: '1' }).waitFor({ timeout: 5000 });
    }
    expect(problems).toEqual([]);
  });

  it('the first endorsement replaces the empty state', async () => {
    const { id, slug } = await ctx.statement();
    const problems: string[] = [];
    const page = await openPage(`${server.url}/s/${slug}`, problems);
    await page.locator('[data-empty]').waitFor();
    await until(ctx, id, 1);
    await publish(ctx.deps, id, { name: 'The Very First' });
    await page.locator('li[data-id] >> text=The Very First').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-empty]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('an Arabic page keeps the server’s digits and the right plural after a live update', async () => {
    const ar = i18nFor('ar');
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'First', country: 'FR', members: 1200 });
    const problems: string[] = [];
    const page = await openPage(`${server.url}/s/${slug}?lang=ar`, problems);
    const card = (name: string) => page.locator(`.counted:has([data-count="${name}"])`);
    expect(await page.locator('[data-count="members"]').textContent()).toBe(ar.number(1200));
    expect(await card('total').textContent()).toBe(ar.plural('count.organisations', 1));
    await until(ctx, id, 1);
    for (const [i, cc] of ['DE', 'ES'].entries()) {
      await publish(ctx.deps, id, { name: `Next ${i}`, country: cc, members: 2300 });
    }
    await page.locator('[data-count="total"]', { hasText: ar.number(3) }).waitFor({ timeout: 5000 });
    // The browser's own Arabic default may be Arabic-Indic digits: the page must not switch.
    expect(await page.locator('[data-count="members"]').textContent()).toBe(ar.number(5800));
    expect(await card('total').textContent()).toBe(ar.plural('count.organisations', 3));
    expect(await card('countries').textContent()).toBe(ar.plural('count.countries', 3));
    expect(await card('total').textContent()).toContain('منظمات');
    expect(problems).toEqual([]);
  });

  it('the embedded counter updates too', async () => {
    const { id, slug } = await ctx.statement();
    const problems: string[] = [];
    const page = await openPage(`${server.url}/s/${slug}/embed`, problems);
    await until(ctx, id, 1);
    await publish(ctx.deps, id);
    await page.locator('[data-count="total"]', { hasText: '1' }).waitFor({ timeout: 5000 });
    expect(problems).toEqual([]);
  });
});

/** The pages' EventSources are connected (the hub counts them). */
async function until(ctx: TestContext, statementId: number, clients: number) {
  const deadline = Date.now() + 5000;
  while (ctx.deps.live.clientCount(statementId) < clients) {
    if (Date.now() > deadline) {
      throw new Error(`expected ${clients} SSE clients`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
