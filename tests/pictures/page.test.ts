import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { publish } from '../live/support.js';
import { signedIn } from '../staff/helpers.js';
import { shadedCodes } from './support.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const html = async (path: string) => {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const between = (s: string, from: string, to: string) =>
  s.slice(s.indexOf(from), s.indexOf(to, s.indexOf(from)));

describe('pictures on the statement page', () => {
  it('under the counts: the growth chart, then the map (its own cacheable image) with an HTML legend, then the by-country table', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'CGT', country: 'FR' });
    await publish(ctx.deps, id, { name: 'CUT', country: 'BR' });
    const page = await html(`/s/${slug}`);
    const order = [
      'data-count="members"',
      'class="growth-chart"',
      'class="world-map"',
      'data-breakdown="country"',
    ];
    const at = order.map((s) => page.indexOf(s));
    expect(
      at.every((i) => i > 0),
      String(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The map is most of the page's weight: the page names it, and its drawing is fetched apart.
    const img = between(page, '<img class="world-map"', '>');
    expect(img).toContain(`src="/s/${slug}/map.svg?lang=en&amp;legend=0"`);
    expect(img).toMatch(/alt="World map of the countries/);
    expect(img).toMatch(/width="\d+" height="\d+"/);
    expect(page).not.toContain('data-cc=');
    const map = await html(`/s/${slug}/map.svg?lang=en&legend=0`);
    expect(shadedCodes(map)).toEqual(['BR', 'FR']);
    // Data the page's script needs to recolour the map once inlined, from the `count` event.
    expect(map).toMatch(/data-breaks="1,2,3,4,5" data-fills="#[0-9a-f]{6}(,#[0-9a-f]{6}){4}"/);
    expect(map).toContain('data-title="{country} — organisations: {count}"');
    // The legend is the page's own (readable on a phone), not drawn again in the picture.
    expect(map).not.toContain('>Organisations per country</text>');
    const legend = between(page, 'class="map-legend"', '</ul>');
    expect(legend).toContain('Organisations per country');
    expect(legend.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(' 0 1 2 3 4 5+ ');
    expect(page).toContain('The number for each country is in the table “By country” below.');
    expect(page).toContain(`href="/s/${slug}/og.png?lang=en"`);
    // Growth is not drawn twice and nothing is hidden: there are signatories.
    expect(between(page, 'class="pictures"', '>')).not.toContain('hidden');
  });

  it('is an empty, hidden block while nobody has signed (the script fetches it with the first signatory)', async () => {
    const { slug } = await ctx.statement();
    const page = await html(`/s/${slug}`);
    expect(page).toMatch(/<div class="pictures" data-pictures="true" hidden=""><\/div>/);
    expect(page).not.toContain('class="growth-chart"');
    expect(page).not.toContain('class="world-map"');
  });

  it('in Arabic: words in Arabic, numbers from Intl, the same map', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'UGTT', country: 'TN' });
    const ar = await html(`/s/${slug}?lang=ar`);
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('أين توجد المنظمات الموقِّعة');
    const mapOf = (page: string) =>
      html(/<img class="world-map" src="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&'));
    const [mapAr, mapEn] = [await mapOf(ar), await mapOf(await html(`/s/${slug}?lang=en`))];
    expect(mapAr).toContain('<title>تونس — المنظمات: 1</title>');
    // Same geometry, and the map keeps its left-to-right base direction on a right-to-left page.
    const d = (s: string) => [...s.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]).join();
    expect(d(mapAr)).toBe(d(mapEn));
    expect(mapAr).toContain('direction="ltr"');
  });

  it('on the printable list', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'Unite', country: 'GB' });
    const print = await html(`/s/${slug}/print`);
    expect(shadedCodes(between(print, 'class="world-map"', '</svg>'))).toEqual(['GB']);
    expect(print).toContain('Organisations per country');
  });
});

describe('the staff dashboard', () => {
  it('shows received, confirmed and made public per day for each statement', async () => {
    const { id } = await ctx.statement({ title: 'Activity statement' });
    const now = ctx.clock.now();
    const day = (offset: number, hour = 9) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - offset, hour));
    await insertEndorsement(ctx.deps.db, id, { name: 'P1', status: 'pending', at: day(2) });
    await insertEndorsement(ctx.deps.db, id, { name: 'P2', status: 'pending', at: day(2) });
    await insertEndorsement(ctx.deps.db, id, { name: 'C1', status: 'confirmed', at: day(1) });
    await insertEndorsement(ctx.deps.db, id, { name: 'V1', status: 'verified', at: day(0) });
    // Older than the window: not shown.
    await insertEndorsement(ctx.deps.db, id, { name: 'Old', status: 'verified', at: day(40) });
    const { agent } = await signedIn(ctx, 'verifier');
    const { html: page } = await agent.page('/admin');
    const card = between(page, '>Activity statement<', '</details>');
    expect(card).toContain('Per day, last 30 days (UTC)');
    expect(card).toMatch(/<svg [^>]*role="img" aria-label="Endorsements per day over the last 30 days/);
    const rows = [...between(card, '<tbody>', '</tbody>').matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'),
    );
    const label = (d: Date) =>
      new Intl.DateTimeFormat('en', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(d);
    // Newest first: day, received, confirmed, made public.
    expect(rows).toEqual([
      `|${label(day(0))}|1|1|1|`,
      `|${label(day(1))}|1|1|0|`,
      `|${label(day(2))}|2|0|0|`,
    ]);
  });
});
