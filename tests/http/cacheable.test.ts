import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// A statement that goes viral is read through a CDN or nginx: every public response below must be
// the same bytes for every reader of its URL, say how long a shared cache may keep it, and answer
// 304 to a cache that already holds it (README "Running behind nginx or a CDN").
let ctx: TestContext;
const slug = 'cached-everywhere';
beforeAll(async () => {
  ctx = await createTestContext({ config: { powDifficulty: 4 } });
  const st = await ctx.statement({ slug, title: 'Cached everywhere' });
  await ctx.statement({ slug, locale: 'fr', title: 'En cache partout' });
  await insertEndorsement(ctx.deps, st.id, { name: 'Cached Union', country: 'FR' });
});
afterAll(() => ctx.close());

const URLS = [
  `/s/${slug}?lang=en`,
  `/s/${slug}?lang=fr`,
  '/api/statements',
  `/api/statements/${slug}`,
  `/api/statements/${slug}/signatories`,
  `/s/${slug}/signatories.csv`,
  `/s/${slug}/embed?lang=fr`,
  `/s/${slug}/badge.svg`,
  `/s/${slug}/map.svg?lang=en`,
  `/s/${slug}/growth.svg`,
  `/s/${slug}/og.png?lang=fr`,
];

/** Two very different readers: another language preferred, a language cookie, gzip or not. */
const READERS = [
  { 'accept-language': 'de-DE,de;q=0.9', cookie: 'lang=ar' },
  { 'accept-language': 'es', cookie: 'lang=it; other=1' },
];

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('public responses a shared cache may keep', () => {
  it.each(URLS.map((u) => [u]))(
    '%s is the same for every reader, cacheable, validated, and sets no cookie',
    async (url) => {
      const [a, b] = await Promise.all(READERS.map((headers) => ctx.app.request(url, { headers })));
      expect(a!.status, url).toBe(200);
      expect((await bytes(a!)).equals(await bytes(b!)), `${url}: same bytes for every reader`).toBe(true);
      for (const res of [a!, b!]) {
        expect(res.headers.get('set-cookie'), url).toBeNull();
        const cc = res.headers.get('cache-control') ?? '';
        expect(cc, url).toMatch(/^public\b/);
        expect(cc, url).toMatch(/\bs-maxage=\d+/);
        expect(cc, url).toMatch(/\bstale-while-revalidate=\d+/);
        expect(cc, url).toMatch(/\bstale-if-error=\d+/);
        const vary = (res.headers.get('vary') ?? '')
          .split(',')
          .map((v) => v.trim().toLowerCase())
          .filter(Boolean);
        expect(
          vary.filter((v) => v !== 'accept-encoding'),
          `${url}: Vary`,
        ).toEqual([]);
      }
      const etag = a!.headers.get('etag');
      expect(etag, url).toMatch(/^"[^"]+"$/); // strong
      const again = await ctx.app.request(url, { headers: { 'if-none-match': etag! } });
      expect(again.status, url).toBe(304);
      expect(await again.text()).toBe('');
    },
  );

  it('a gzipped page has its own strong ETag, and 304s against it', async () => {
    const plain = await ctx.app.request(`/s/${slug}?lang=en`);
    const zipped = await ctx.app.request(`/s/${slug}?lang=en`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const again = await ctx.app.request(`/s/${slug}?lang=en`, {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('a change to the list gives the page a new ETag at once', async () => {
    const before = (await ctx.app.request(`/s/${slug}?lang=en`)).headers.get('etag');
    const st = await ctx.deps.db
      .selectFrom('statements')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    await insertEndorsement(ctx.deps, st.id, { name: 'Newly Listed Union', country: 'DE' });
    const after = await ctx.app.request(`/s/${slug}?lang=en`, { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Newly Listed Union');
  });

  it('the bare address negotiates the language, and says so in Vary', async () => {
    const res = await ctx.app.request(`/s/${slug}`, { headers: { 'accept-language': 'fr' } });
    expect(await res.text()).toContain('<h1>En cache partout</h1>');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
