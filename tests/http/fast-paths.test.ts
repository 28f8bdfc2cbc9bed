import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { acceptsGzip } from '../../src/http/cached-page.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// The speed-ups behind BENCHMARKS.md must not change what a reader or another site receives.
let ctx: TestContext;
let statement: { id: number; slug: string };
beforeAll(async () => {
  ctx = await createTestContext();
  statement = await ctx.statement();
});
afterAll(() => ctx.close());

describe('statement page served from its cache', () => {
  it('is gzipped for a browser that asks, and decompresses to exactly the plain page', async () => {
    const plain = await ctx.app.request(`/s/${statement.slug}`);
    const zipped = await ctx.app.request(`/s/${statement.slug}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await plain.text();
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(html);
    expect(html).toContain('<!doctype html>');
  });

  it('shows a newly published signatory on the next view', async () => {
    const before = await (await ctx.app.request(`/s/${statement.slug}`)).text();
    expect(before).not.toContain('Cached Page Union');
    await insertEndorsement(ctx.deps, statement.id, { name: 'Cached Page Union', status: 'verified' });
    const after = await (
      await ctx.app.request(`/s/${statement.slug}`, { headers: { 'accept-encoding': 'gzip' } })
    ).arrayBuffer();
    expect(gunzipSync(Buffer.from(after)).toString('utf8')).toContain('Cached Page Union');
  });

  it('is the same bytes for every reader when proof-of-work is on; each form fetches its own challenge', async () => {
    const app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, powDifficulty: 4 } });
    const pageA = await (await app.request(`/s/${statement.slug}?lang=en`)).text();
    const pageB = await (await app.request(`/s/${statement.slug}?lang=en`)).text();
    expect(pageA).toBe(pageB);
    const challenge = async () =>
      ((await (await app.request(`/s/${statement.slug}/pow`)).json()) as { challenge: string }).challenge;
    const [a, b] = [await challenge(), await challenge()];
    expect(a).toMatch(new RegExp(`^${statement.id}\\.`));
    expect(a).not.toBe(b);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('headers set before the route runs', () => {
  it('keep every page strict, with the same headers for every reader (no inline script, so no nonce)', async () => {
    const a = await ctx.app.request(`/s/${statement.slug}`);
    const b = await ctx.app.request(`/s/${statement.slug}`);
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(a.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(a.headers.get('content-security-policy')).not.toContain('nonce');
    expect(a.headers.get('content-security-policy')).toBe(b.headers.get('content-security-policy'));
  });

  it('let the embeddable counter be framed by any site', async () => {
    const res = await ctx.app.request(`/s/${statement.slug}/embed`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('let any site read the public JSON, and answer its preflight', async () => {
    const res = await ctx.app.request(`/api/statements/${statement.slug}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
    const pre = await ctx.app.request(`/api/statements/${statement.slug}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/if-none-match/i);
  });
});
