import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { hostAllowed } from '../../src/http/host-check.js';
import { sameSitePath } from '../../src/http/safe-path.js';
import { csvCell, csvDocument } from '../../src/views/csv.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

describe('links and redirects built from the request stay on this site', () => {
  it.each(['//evil.example', '/%5Cevil.example', '/%2F%2Fevil.example'])(
    'an error page for %s links only to same-site paths',
    async (path) => {
      const res = await ctx.app.request(path);
      expect(res.status).toBe(404);
      for (const href of hrefs(await res.text())) {
        expect(href, href).toMatch(/^\/(?![/\\])|^#|^https?:\/\/localhost:3000\//);
      }
    },
  );

  it('the trailing-slash redirect is a same-site path, whatever the request looked like', async () => {
    const res = await ctx.app.request('/admin/?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin?x=1');
    const tricky = await ctx.app.request('http://localhost//evil.example/');
    expect(tricky.status).toBe(301);
    expect(tricky.headers.get('location')).toBe('/');
  });

  it('sameSitePath refuses other sites, backslashes and control characters', () => {
    expect(sameSitePath('/s/statement?lang=fr')).toBe('/s/statement?lang=fr');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/admin\r\nSet-Cookie: x=1',
      '',
    ]) {
      expect(sameSitePath(bad), JSON.stringify(bad)).toBe('/');
    }
  });
});

describe('the Host header', () => {
  it('another host name gets 421 — pages, the trailing-slash redirect and the development mailbox', async () => {
    for (const path of ['/', '/admin/', '/dev/mail', '/privacy']) {
      const res = await ctx.app.request(path, { headers: { host: 'evil.example' } });
      expect(res.status, path).toBe(421);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('/healthz answers any host: load balancers probe it by internal address', async () => {
    const res = await ctx.app.request('/healthz', { headers: { host: '10.1.2.3:3000' } });
    expect(res.status).toBe(200);
  });

  it('PUBLIC_URL’s host, ALLOWED_HOSTS and — outside production only — loopback names are served', () => {
    const rules = {
      publicUrl: 'https://sign.example.org',
      production: true,
      allowedHosts: ['www.example.org'],
    };
    expect(hostAllowed(rules, 'sign.example.org')).toBe(true);
    expect(hostAllowed(rules, 'SIGN.example.org:443')).toBe(true);
    expect(hostAllowed(rules, 'sign.example.org:8443')).toBe(false);
    expect(hostAllowed(rules, 'www.example.org')).toBe(true);
    expect(hostAllowed(rules, 'localhost:3000')).toBe(false);
    expect(hostAllowed(rules, 'sign.example.org.evil.example')).toBe(false);
    expect(hostAllowed({ ...rules, production: false }, 'localhost:3000')).toBe(true);
    expect(hostAllowed({ ...rules, production: false }, '127.0.0.1:8080')).toBe(true);
    expect(hostAllowed({ ...rules, production: false }, '[::1]:3000')).toBe(true);
  });
});

describe('the development mailbox', () => {
  it('exists only when bound to a loopback address, or when DEV_MAILBOX says so', async () => {
    const onLoopback = createApp({ ...ctx.deps, config: { ...ctx.deps.config, host: '127.0.0.1' } });
    expect((await onLoopback.request('/dev/mail')).status).toBe(200);
    const onAll = createApp({ ...ctx.deps, config: { ...ctx.deps.config, host: '0.0.0.0' } });
    expect((await onAll.request('/dev/mail')).status).toBe(404);
    const asked = createApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, host: '0.0.0.0', devMailbox: true },
    });
    expect((await asked.request('/dev/mail')).status).toBe(200);
  });
});

describe('CSV for spreadsheets in every language', () => {
  it('quotes cells holding a semicolon, so a ;-separated spreadsheet never splits one into a formula', () => {
    expect(csvCell('Big Union;=1+1')).toBe('"Big Union;=1+1"');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('\t=cmd')).toBe(`"'\t=cmd"`);
    expect(csvCell('-5 members')).toBe(`"'-5 members"`);
    expect(csvDocument(['a', 'b'], [['x;y', 1]])).toBe('\uFEFFa,b\r\n"x;y",1\r\n');
  });

  it('the public list quotes them too', async () => {
    const st = await ctx.statement();
    await insertEndorsement(ctx.deps, st.id, { name: 'Big Union;=1+1', city: 'Paris; Lyon' });
    const csv = await (await ctx.app.request(`/s/${st.slug}/signatories.csv`)).text();
    expect(csv).toContain('"Big Union;=1+1"');
    expect(csv).toContain('"Paris; Lyon"');
    expect(csv).not.toMatch(/(^|,)Big Union;/m);
  });
});
