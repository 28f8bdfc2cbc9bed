import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });

describe('statement pages', () => {
  it('the home page lists open statements, newest first, and not drafts', async () => {
    await ctx.statement({ slug: 'older', title: 'Older statement' });
    ctx.clock.advance(60_000);
    await ctx.statement({ slug: 'newer', title: 'Newer statement' });
    await ctx.statement({ slug: 'hidden-draft', title: 'Draft statement', open: false });
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.indexOf('Newer statement')).toBeGreaterThan(0);
    expect(html.indexOf('Newer statement')).toBeLessThan(html.indexOf('Older statement'));
    expect(html).not.toContain('Draft statement');
  });

  it('renders Markdown and escapes raw HTML in the body', async () => {
    const { slug } = await ctx.statement({
      title: 'Tom & <Jerry>',
      body: '## Demands\n\n**Pay** for all hours.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[bad](javascript:alert(3)) [good](https://example.org)',
    });
    const html = await (await get(`/s/${slug}`)).text();
    expect(html).toContain('<h2>Demands</h2>');
    expect(html).toContain('<strong>Pay</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">good</a>');
    expect(html).toContain('<h1>Tom &amp; &lt;Jerry&gt;</h1>');
  });

  describe('language', () => {
    let slug: string;
    beforeAll(async () => {
      ({ slug } = await ctx.statement({ title: 'Solidarity', body: 'English text', locale: 'en' }));
      await ctx.statement({ slug, title: 'Solidarité', body: 'Texte français', locale: 'fr' });
    });

    it('?lang= picks the translation and the interface language, and sets no cookie (a cache may keep the page)', async () => {
      const res = await get(`/s/${slug}?lang=fr`);
      const html = await res.text();
      expect(html).toContain('<html lang="fr" dir="ltr">');
      expect(html).toContain('<h1>Solidarité</h1>');
      expect(html).toContain('Ceci est une traduction. Le texte qui fait foi est en anglais.');
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('the language switcher remembers the choice in a cookie and goes to the ?lang= page, on this site only', async () => {
      const html = await (await get(`/s/${slug}`)).text();
      expect(html).toContain(`href="/lang/fr?next=${encodeURIComponent(`/s/${slug}`)}"`);
      const res = await get(`/lang/fr?next=${encodeURIComponent(`/s/${slug}`)}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/s/${slug}?lang=fr`);
      expect(res.headers.get('set-cookie')).toMatch(/^lang=fr;.*HttpOnly/);
      for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
        const away = await get(`/lang/fr?next=${encodeURIComponent(next)}`);
        expect(away.headers.get('location'), next).toBe('/?lang=fr');
      }
      const unknown = await get(`/lang/xx?next=${encodeURIComponent(`/s/${slug}`)}`);
      expect(unknown.headers.get('location')).toBe(`/s/${slug}`);
      expect(unknown.headers.get('set-cookie')).toBeNull();
    });

    it('the cookie beats Accept-Language', async () => {
      const html = await (await get(`/s/${slug}`, { cookie: 'lang=fr', 'accept-language': 'en' })).text();
      expect(html).toContain('<h1>Solidarité</h1>');
    });

    it('Accept-Language beats the statement default', async () => {
      const html = await (await get(`/s/${slug}`, { 'accept-language': 'fr-FR, en;q=0.5' })).text();
      expect(html).toContain('<h1>Solidarité</h1>');
    });

    it('a reader of German and French gets a German interface and the French text, not the original', async () => {
      const html = await (await get(`/s/${slug}`, { 'accept-language': 'de-DE, fr;q=0.8, en;q=0.5' })).text();
      expect(html).toContain('<html lang="de" dir="ltr">');
      expect(html).toContain('<h1>Solidarité</h1>');
    });

    it('falls back to the statement default, and offers the other languages', async () => {
      const html = await (await get(`/s/${slug}`, { 'accept-language': 'zz' })).text();
      expect(html).toContain('<h1>Solidarity</h1>');
      expect(html).toContain(
        `<a href="/lang/fr?next=${encodeURIComponent(`/s/${slug}`)}" hreflang="fr" lang="fr">Français</a>`,
      );
      expect(html).toContain(
        `<link rel="alternate" hreflang="fr" href="http://localhost:3000/s/${slug}?lang=fr"/>`,
      );
    });

    it('a statement whose default is French greets a reader with no preference in French', async () => {
      const { slug: frOnly } = await ctx.statement({ title: 'Appel', body: 'Texte', locale: 'fr' });
      const html = await (await get(`/s/${frOnly}`)).text();
      expect(html).toContain('<html lang="fr"');
    });
  });

  it('an unknown or draft slug is a proper 404 page', async () => {
    const { slug } = await ctx.statement({ open: false });
    for (const path of ['/s/no-such-statement', `/s/${slug}`, '/s/..%2F..%2Fetc', '/nowhere']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('<h1>Page not found</h1>');
      expect(html).toContain('href="/"');
    }
    const fr = await (await get('/s/missing?lang=fr')).text();
    expect(fr).toContain('<h1>Page introuvable</h1>');
  });

  it('a trailing slash typed by hand redirects to the page', async () => {
    const { slug } = await ctx.statement();
    const res = await get(`/s/${slug}/`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toMatch(new RegExp(`/s/${slug}$`));
  });

  it('a statement past its closing date says so, leaves the list of open statements, and the API calls it closed', async () => {
    const { slug } = await ctx.statement({
      title: 'Past its date',
      closesAt: new Date('2020-01-01T00:00:00Z'),
    });
    const html = await (await get(`/s/${slug}`)).text();
    expect(html).toContain('This statement is closed and no longer accepts endorsements.');
    expect(await (await get('/')).text()).not.toContain('Past its date');
    const api = (await (await get(`/api/statements/${slug}`)).json()) as { status: string };
    expect(api.status).toBe('closed');
  });

  it('serves the stylesheet under a hashed URL cached for a year', async () => {
    const html = await (await get('/')).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toMatch(/^\/assets\/style\.[0-9a-f]{10}\.css$/);
    const res = await get(href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('sets strict security headers on pages', async () => {
    const res = await get('/');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
