import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { json, publish, SECRET, withdraw } from './support.js';

let ctx: TestContext;
let statement: { id: number; slug: string };
let ids: number[];

beforeAll(async () => {
  ctx = await createTestContext();
  statement = await ctx.statement({ title: 'Solidarity with dockers', body: 'We stand **together**.' });
  await ctx.statement({
    slug: statement.slug,
    locale: 'fr',
    title: 'Solidarité avec les dockers',
    body: 'Nous sommes **ensemble**.',
  });
  ids = [];
  ids.push(
    await publish(ctx.deps, statement.id, {
      name: 'Syndicat des Dockers',
      type: 'union',
      country: 'FR',
      city: 'Le Havre',
      website: 'https://dockers.example.org',
      members: 4000,
    }),
  );
  ids.push(
    await publish(ctx.deps, statement.id, {
      name: 'IG Hafen',
      type: 'federation',
      country: 'DE',
      city: 'Hamburg',
      website: null,
      members: null,
    }),
  );
  ids.push(
    await publish(ctx.deps, statement.id, {
      name: '=HYPERLINK("http://evil.example")',
      type: 'association',
      country: 'GB',
      city: '+44 trick',
      website: null,
      members: 12,
    }),
  );
  ids.push(await publish(ctx.deps, statement.id, { name: 'Gone Union', country: 'FR' }));
  await withdraw(ctx.deps, statement.id, ids[3]!);
});
afterAll(() => ctx.close());

const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });

describe('public JSON API', () => {
  it('GET /api/statements/:slug gives the counts, exactly the documented fields', async () => {
    const res = await get(`/api/statements/${statement.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(
      [
        'byCountry',
        'byType',
        'closesAt',
        'countries',
        'launchAt',
        'locale',
        'locales',
        'members',
        'milestones',
        'slug',
        'status',
        'title',
        'total',
        'updatedAt',
      ].sort(),
    );
    expect(body).toMatchObject({
      slug: statement.slug,
      title: 'Solidarity with dockers',
      status: 'open',
      locale: 'en',
      closesAt: null,
      total: 3,
      countries: 3,
      members: 4012,
      byCountry: { DE: 1, FR: 1, GB: 1 },
      byType: { association: 1, federation: 1, union: 1 },
    });
    expect(body.locales.sort()).toEqual(['en', 'fr']);
    expect(new Date(body.updatedAt).getTime()).not.toBeNaN();
    const fr = await json(get(`/api/statements/${statement.slug}?lang=fr`));
    expect(fr).toMatchObject({ title: 'Solidarité avec les dockers', locale: 'fr' });
  });

  it('answers If-None-Match with 304, and a change gives a new ETag', async () => {
    const first = await get(`/api/statements/${statement.slug}`);
    const etag = first.headers.get('etag')!;
    const again = await get(`/api/statements/${statement.slug}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect(
      (await get(`/api/statements/${statement.slug}`, { 'if-none-match': `W/${etag}, "other"` })).status,
    ).toBe(304);

    const { id, slug } = await ctx.statement();
    const before = (await get(`/api/statements/${slug}`)).headers.get('etag')!;
    await publish(ctx.deps, id);
    const after = await get(`/api/statements/${slug}`, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect((await json(after)).total).toBe(1);
  });

  it('GET /api/statements lists open statements with their totals, not drafts', async () => {
    const draft = await ctx.statement({ open: false, title: 'Secret draft' });
    const res = await get('/api/statements');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await json(res)) as Array<{ slug: string; title: string; status: string; total: number }>;
    expect(list.find((s) => s.slug === statement.slug)).toEqual({
      slug: statement.slug,
      title: 'Solidarity with dockers',
      status: 'open',
      total: 3,
    });
    expect(list.some((s) => s.slug === draft.slug)).toBe(false);
  });

  it('a draft is 404 everywhere', async () => {
    const draft = await ctx.statement({ open: false });
    for (const path of [
      `/api/statements/${draft.slug}`,
      `/api/statements/${draft.slug}/signatories`,
      `/s/${draft.slug}/signatories.csv`,
      `/s/${draft.slug}/embed`,
      `/s/${draft.slug}/badge.svg`,
      `/s/${draft.slug}/print`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const res = await get(`/api/statements/${draft.slug}`);
    expect(await json(res)).toEqual({ error: expect.any(String) });
    expect((await get('/api/statements/no-such-thing')).status).toBe(404);
  });

  it('pages through signatories with an opaque cursor, in publication order', async () => {
    const first = await get(`/api/statements/${statement.slug}/signatories?limit=2`);
    expect(first.status).toBe(200);
    const p1 = await json(first);
    expect(p1.items.map((i: { id: number }) => i.id)).toEqual([ids[0], ids[1]]);
    expect(p1.items[0]).toEqual({
      id: ids[0],
      name: 'Syndicat des Dockers',
      type: 'union',
      country: 'FR',
      city: 'Le Havre',
      website: 'https://dockers.example.org',
      members: 4000,
      publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      initiator: false,
      version: 1,
      currentVersion: true,
    });
    expect(p1.items[1]).toMatchObject({ website: null, members: null });
    expect(typeof p1.nextCursor).toBe('string');
    const p2 = await json(
      get(`/api/statements/${statement.slug}/signatories?limit=2&cursor=${p1.nextCursor}`),
    );
    expect(p2.items.map((i: { id: number }) => i.id)).toEqual([ids[2]]);
    expect(p2.nextCursor).toBeNull();
  });

  it('refuses a bad limit or cursor with a 400 JSON error', async () => {
    for (const q of [
      'limit=0',
      'limit=501',
      'limit=abc',
      'limit=-1',
      'limit=1.5',
      'cursor=@@@',
      'cursor=bm90LWpzb24',
      `cursor=${Buffer.from('["2026-02-30 10:00:00+00",1]').toString('base64url')}`,
    ]) {
      const res = await get(`/api/statements/${statement.slug}/signatories?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await json(res)).toEqual({ error: expect.any(String) });
    }
    expect((await get(`/api/statements/${statement.slug}/signatories?limit=500`)).status).toBe(200);
  });

  it('answers CORS preflight for other sites', async () => {
    const res = await ctx.app.request(`/api/statements/${statement.slug}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://union.example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('CSV', () => {
  it('has the JSON fields, a BOM, and neutralised formulas', async () => {
    const res = await get(`/s/${statement.slug}/signatories.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${statement.slug}-signatories.csv"`,
    );
    expect(res.headers.get('etag')).toBeTruthy();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,type,country,city,website,members,publishedAt,initiator,version,currentVersion',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ids[0]},Syndicat des Dockers,union,FR,Le Havre,https://dockers.example.org,4000,\\d{4}-[^,]+,false,1,true$`,
      ),
    );
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[3]).toContain(`"'+44 trick"`);
    expect(text).not.toContain('Gone Union');
    expect(
      (await get(`/s/${statement.slug}/signatories.csv`, { 'if-none-match': res.headers.get('etag')! }))
        .status,
    ).toBe(304);
  });
});

describe('embed and badge', () => {
  it('the embed may be framed by any site; the statement page by none', async () => {
    const embed = await get(`/s/${statement.slug}/embed`);
    expect(embed.status).toBe(200);
    const csp = embed.headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors *');
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const html = await embed.text();
    expect(html).toContain('<strong data-count="total">3</strong>');
    expect(html).toMatch(/<script src="\/assets\/live\.\w+\.js" defer/);
    expect(html).toContain(`target="_blank" rel="noopener"`);

    const page = await get(`/s/${statement.slug}`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    for (const path of [
      `/s/${statement.slug}/print`,
      `/api/statements/${statement.slug}`,
      `/s/${statement.slug}/badge.svg`,
    ]) {
      expect((await get(path)).headers.get('content-security-policy'), path).toContain(
        "frame-ancestors 'none'",
      );
    }
  });

  it('the embed speaks the reader’s language', async () => {
    const html = await (await get(`/s/${statement.slug}/embed?lang=fr`)).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('organisations signataires');
    expect(html).toContain('Solidarité avec les dockers');
  });

  it('the badge is an SVG with the count and escaped text, cached briefly, the same for every reader', async () => {
    const res = await get(`/s/${statement.slug}/badge.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('cache-control')).toMatch(
      /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate/,
    );
    expect(res.headers.get('vary')).toBeNull();
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>3</text>');
    expect(svg).not.toContain('<script');
  });
});

describe('privacy', () => {
  it('no public response contains a contact name, role, email address or private comment', async () => {
    const { slug } = statement;
    const sse = await ctx.deps.live.events(statement.id);
    const reader = sse.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const bodies: Array<[string, string]> = [['sse', first]];
    for (const path of [
      `/s/${slug}`,
      `/s/${slug}?lang=fr`,
      `/s/${slug}?q=dock`,
      `/s/${slug}/print`,
      `/s/${slug}/embed`,
      `/s/${slug}/badge.svg`,
      `/s/${slug}/signatories.csv`,
      '/api/statements',
      `/api/statements/${slug}`,
      `/api/statements/${slug}/signatories?limit=500`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      bodies.push([path, await res.text()]);
    }
    for (const [path, body] of bodies) {
      expect(body, path).not.toContain(SECRET.contactName);
      expect(body, path).not.toContain(SECRET.contactRole);
      expect(body, path).not.toContain(SECRET.comment);
      expect(body, path).not.toContain('hidden-mailbox.example');
      expect(body, path).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
  });
});
