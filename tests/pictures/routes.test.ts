import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { publish, SECRET, withdraw } from '../live/support.js';
import { decodePng, mapCountries, shadedCodes } from './support.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });
const CACHE = 'public, max-age=10, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400';
const PICTURES = ['map.svg', 'growth.svg', 'og.png'] as const;

describe('the map at /s/:slug/map.svg', () => {
  it('shades exactly the countries with public signatories, with a title in the reader’s language', async () => {
    const { id, slug } = await ctx.statement();
    for (let i = 0; i < 3; i++) {
      await publish(ctx.deps, id, { name: `Union FR ${i}`, country: 'FR' });
    }
    await publish(ctx.deps, id, { name: 'Verdi', country: 'DE' });
    await publish(ctx.deps, id, { name: 'UGTT', country: 'TN' });
    // Too small for the 1:110m shapes: drawn as a dot. Kosovo has no ISO numeric code in the atlas.
    await publish(ctx.deps, id, { name: 'NTUC', country: 'SG' });
    await publish(ctx.deps, id, { name: 'BSPK', country: 'XK' });
    // Not public: pending, rejected, confirmed but not verified.
    await insertEndorsement(ctx.deps.db, id, { name: 'Pending JP', country: 'JP', status: 'pending' });
    await insertEndorsement(ctx.deps.db, id, { name: 'Rejected BR', country: 'BR', status: 'rejected' });
    await insertEndorsement(ctx.deps.db, id, { name: 'Unverified US', country: 'US', status: 'confirmed' });

    const res = await get(`/s/${slug}/map.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(shadedCodes(svg)).toEqual(['DE', 'FR', 'SG', 'TN', 'XK']);
    const countries = mapCountries(svg);
    expect(countries.get('FR')).toMatchObject({ tag: 'path', n: 3, title: 'France — organisations: 3' });
    expect(countries.get('SG')).toMatchObject({ tag: 'circle', n: 1, title: 'Singapore — organisations: 1' });
    expect(countries.get('XK')?.title).toBe('Kosovo — organisations: 1');
    // Unshaded countries carry no count, no title and the land colour of their group.
    expect(countries.get('JP')).toMatchObject({ fill: undefined, n: undefined, title: undefined });
    expect(countries.get('US')?.fill).toBeUndefined();
    // 3 is a darker class than 1.
    expect(countries.get('FR')?.fill).not.toBe(countries.get('DE')?.fill);
    // The whole is an image with a name, and says what the colours mean.
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="World map of the countries/);
    expect(svg).toContain('>Organisations per country</text>');
    // No contact data in a picture.
    for (const secret of Object.values(SECRET)) {
      expect(svg).not.toContain(secret);
    }

    const fr = await (await get(`/s/${slug}/map.svg?lang=fr`)).text();
    expect(mapCountries(fr).get('DE')?.title).toBe('Allemagne — organisations\u00a0: 1');
    const ar = await (await get(`/s/${slug}/map.svg?lang=ar`)).text();
    expect(mapCountries(ar).get('FR')?.title).toBe('فرنسا — المنظمات: 3');
    // The map is the same drawing in every language: only words change.
    const geometry = (s: string) => [...s.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]).join('|');
    expect(geometry(ar)).toBe(geometry(svg));
  });

  it('un-shades a country when its last signatory withdraws', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'FNV', country: 'NL' });
    const cgil = await publish(ctx.deps, id, { name: 'CGIL', country: 'IT' });
    expect(shadedCodes(await (await get(`/s/${slug}/map.svg`)).text())).toEqual(['IT', 'NL']);
    await withdraw(ctx.deps, id, cgil);
    const svg = await (await get(`/s/${slug}/map.svg`)).text();
    expect(shadedCodes(svg)).toEqual(['NL']);
    expect(mapCountries(svg).get('IT')).toMatchObject({ fill: undefined, title: undefined });
  });
  it('without its legend (?legend=0, as the statement page shows it); any other value is refused in the reader’s language', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'KCTU', country: 'KR' });
    const full = await (await get(`/s/${slug}/map.svg?legend=1`)).text();
    const bare = await get(`/s/${slug}/map.svg?legend=0`);
    expect(bare.status).toBe(200);
    expect(bare.headers.get('cache-control')).toBe(CACHE);
    const svg = await bare.text();
    expect(shadedCodes(svg)).toEqual(['KR']);
    expect(full).toContain('>Organisations per country</text>');
    expect(svg).not.toContain('>Organisations per country</text>');
    // Shorter by the legend's band, drawn to the same width.
    const size = (s: string) => /viewBox="0 0 (\d+) (\d+)"/.exec(s)!.slice(1).map(Number);
    expect(size(svg)[0]).toBe(size(full)[0]);
    expect(size(svg)[1]).toBeLessThan(size(full)[1]!);
    const bad = await get(`/s/${slug}/map.svg?lang=fr&legend=maybe`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(
      'Le paramètre «\u202flegend\u202f» doit valoir 0 (carte sans légende) ou 1.',
    );
  });
});

describe('caching: the same bytes for every reader of a URL', () => {
  it('sends public cache headers, a strong ETag and 304, no cookie, and Vary no wider than Accept-Encoding', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'CUT', country: 'BR' });
    for (const name of PICTURES) {
      const url = `/s/${slug}/${name}?lang=fr`;
      const first = await get(url);
      expect(first.status, name).toBe(200);
      const etag = first.headers.get('etag')!;
      expect(etag, name).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control'), name).toBe(CACHE);
      // `?lang=` on a page remembers the choice in a cookie; a picture must not, or no cache may keep it.
      expect(first.headers.get('set-cookie'), name).toBeNull();
      const vary = first.headers.get('vary');
      expect(vary === null || vary === 'Accept-Encoding', `${name}: Vary ${vary}`).toBe(true);
      const body = Buffer.from(await first.arrayBuffer());

      // Another reader with another cookie and other languages gets the same bytes.
      const other = await get(url, { cookie: 'lang=ar', 'accept-language': 'de' });
      expect(other.headers.get('etag'), name).toBe(etag);
      expect(Buffer.from(await other.arrayBuffer()).equals(body), name).toBe(true);

      const again = await get(url, { 'if-none-match': etag });
      expect(again.status, name).toBe(304);
      expect(again.headers.get('etag'), name).toBe(etag);
      expect(again.headers.get('cache-control'), name).toBe(CACHE);
    }
  });

  it('gzips the SVGs for clients that take it, under their own ETag', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'COSATU', country: 'ZA' });
    const plain = await get(`/s/${slug}/map.svg`);
    const zipped = await get(`/s/${slug}/map.svg`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const raw = Buffer.from(await zipped.arrayBuffer());
    const text = await plain.text();
    // app.request() does not decode: these are the bytes on the wire.
    expect(raw.length).toBeLessThan(text.length / 2);
    expect(gunzipSync(raw).toString()).toBe(text);
    const again = await get(`/s/${slug}/map.svg`, {
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
  });

  it('draws a new picture once the list changes', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'SAK', country: 'FI' });
    const before = await get(`/s/${slug}/og.png`);
    await publish(ctx.deps, id, { name: 'LO', country: 'SE' });
    const after = await get(`/s/${slug}/og.png`, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('a draft, an unknown statement and a malformed slug have no pictures', async () => {
    const { slug } = await ctx.statement({ open: false });
    await ctx.deps.db.updateTable('statements').set({ status: 'draft' }).where('slug', '=', slug).execute();
    for (const name of PICTURES) {
      expect((await get(`/s/${slug}/${name}`)).status, name).toBe(404);
      expect((await get(`/s/no-such-statement/${name}`)).status, name).toBe(404);
      expect((await get(`/s/Bad_Slug/${name}`)).status, name).toBe(404);
    }
  });

  it('an unknown ?lang= is the statement’s own language, not an error', async () => {
    const { id, slug } = await ctx.statement({ locale: 'fr', title: 'Pour les soignantes' });
    await publish(ctx.deps, id, { name: 'CGT', country: 'FR' });
    const odd = await get(`/s/${slug}/map.svg?lang=<script>`);
    const plain = await get(`/s/${slug}/map.svg`);
    expect(odd.status).toBe(200);
    expect(odd.headers.get('etag')).toBe(plain.headers.get('etag'));
    expect(mapCountries(await odd.text()).get('FR')?.title).toBe('France — organisations\u00a0: 1');
  });
});

describe('the share card at /s/:slug/og.png', () => {
  it('is a whole 1200×630 PNG, in each language', async () => {
    const { id, slug } = await ctx.statement({ title: 'Solidarity <with> "care" workers & nurses' });
    await publish(ctx.deps, id, { name: 'Unison', country: 'GB' });
    const en = await get(`/s/${slug}/og.png`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await en.arrayBuffer());
    expect(decodePng(png)).toMatchObject({ width: 1200, height: 630 });
    const ar = Buffer.from(await (await get(`/s/${slug}/og.png?lang=ar`)).arrayBuffer());
    expect(decodePng(ar)).toMatchObject({ width: 1200, height: 630 });
    expect(ar.equals(png)).toBe(false);
  });

  it('the statement page points og:image and twitter:image at it, absolute, from PUBLIC_URL', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'ITUC', country: 'BE' });
    const html = await (await get(`/s/${slug}?lang=fr`)).text();
    const meta = (key: string) =>
      new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`)
        .exec(html)?.[1]
        ?.replace(/&amp;/g, '&');
    const image = `http://localhost:3000/s/${slug}/og.png?lang=fr&n=1`;
    expect(meta('og:image')).toBe(image);
    expect(meta('twitter:image')).toBe(image);
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('og:image:width')).toBe('1200');
    expect(meta('og:image:height')).toBe('630');
    expect(meta('og:image:alt')).toBe(`Statement ${slug} — organisations\u00a0: 1, pays\u00a0: 1`);
    // And that URL is the card.
    const card = await get(new URL(image).pathname + new URL(image).search);
    expect(decodePng(Buffer.from(await card.arrayBuffer())).width).toBe(1200);
  });
});
