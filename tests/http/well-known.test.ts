import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';

describe('files at fixed addresses', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('/favicon.ico is an icon, cached for a day (browsers ask for it on every page)', async () => {
    const res = await ctx.app.request('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // ICO header
    expect((await ctx.app.request('/favicon.ico', { method: 'HEAD' })).status).toBe(200);
  });

  it('/robots.txt lets crawlers read statements but not signed links, forms, streams or staff pages', async () => {
    const res = await ctx.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    for (const path of ['/admin', '/confirm/', '/withdraw/', '/s/*/events', '/s/*/endorse', '/metrics']) {
      expect(text).toContain(`Disallow: ${path}\n`);
    }
    expect(text).not.toMatch(/^Disallow: \/s\/?$/m);
  });
});
