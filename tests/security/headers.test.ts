import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ROUTES } from '../../src/staff/access.js';
import { tokenFor } from '../../src/endorsements/tokens.js';
import { endorse, validForm } from '../endorsements/support.js';
import { insertEndorsement } from '../support/fixtures.js';
import { ORIGIN, postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from '../staff/helpers.js';
import { IMPORT_MAX_BYTES } from '../../src/staff/launch-routes.js';

/**
 * every public route and the staff sign-in carry a strict CSP
 * (scripts only from us or with this response's nonce; no framing except the embed), nosniff,
 * a Referrer-Policy, no X-Powered-By, and HSTS when the site is served over https. Form routes
 * refuse other content types with a 4xx, and every POST route answers 413 to an oversized body.
 */

let ctx: TestContext;
let st: { id: number; slug: string };
let endorsementId: number;
let paths: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  st = await ctx.statement();
  endorsementId = await insertEndorsement(ctx.deps, st.id, { status: 'pending' });
  await insertEndorsement(ctx.deps, st.id, { name: 'Listed Union' });
  await endorse(ctx, st.slug, validForm()); // one message in the development mailbox
  await ctx.worker.runOnce();
  const now = ctx.clock.now();
  const home = await (await ctx.app.request('/')).text();
  const asset = /\/assets\/style\.[0-9a-f]+\.css/.exec(home)![0];
  paths = [
    '/',
    '/privacy',
    '/healthz',
    asset,
    '/no/such/page',
    `/s/${st.slug}`,
    `/s/${st.slug}?lang=ar`,
    `/s/${st.slug}/check-email`,
    `/s/${st.slug}/confirmed`,
    `/s/${st.slug}/withdrawn`,
    `/s/${st.slug}/print`,
    `/s/${st.slug}/embed`,
    `/s/${st.slug}/badge.svg`,
    `/s/${st.slug}/map.svg?lang=ar`,
    `/s/${st.slug}/growth.svg`,
    `/s/${st.slug}/og.png`,
    `/s/${st.slug}/signatories.csv`,
    '/api/statements',
    `/api/statements/${st.slug}`,
    `/api/statements/${st.slug}/signatories`,
    `/confirm/${tokenFor(ctx.deps.secret, endorsementId, 'confirm', now)}`,
    `/withdraw/${tokenFor(ctx.deps.secret, endorsementId, 'withdraw', now)}`,
    '/confirm/garbage',
    '/s/no-such-statement',
    '/dev/mail',
    '/dev/mail/1',
    '/dev/mail/1/html',
    '/admin/login',
    '/admin/setup?token=x',
  ];
});
afterAll(() => ctx.close());

async function get(app: { request: typeof ctx.app.request }, path: string) {
  const res = await app.request(path);
  // The event stream never ends: read its headers, then hang up.
  const body = res.headers.get('content-type')?.startsWith('text/event-stream')
    ? (await res.body?.cancel(), '')
    : await res.text();
  return { res, body };
}

function checkCsp(path: string, res: Response, body: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, path).not.toBe('');
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );
  const scripts = directives['script-src'] ?? directives['default-src'] ?? [];
  expect(scripts.join(' '), path).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|https?:/);
  expect(directives['object-src'] ?? directives['default-src'], path).toEqual(["'none'"]);
  if (path.endsWith('/embed')) {
    expect(directives['frame-ancestors'], path).toEqual(['*']);
  }
  // The development mailbox frames the email's own HTML (sandboxed, no script at all).
  else if (/^\/dev\/mail\/\d+\/html$/.test(path)) {
    expect(directives['frame-ancestors'], path).toEqual(["'self'"]);
  } else {
    expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
  }
  // No inline script anywhere: every script is a file of ours, so the policy allows nothing else.
  expect(scripts.join(' '), path).not.toMatch(/'nonce-|'unsafe-inline'/);
  for (const tag of body.match(/<script\b[^>]*>/g) ?? []) {
    expect(tag, path).toMatch(/src="\/(assets|dev)\//);
  }
}

describe('security headers on every route', () => {
  it('every public page, file, API and the staff sign-in carry CSP, nosniff, Referrer-Policy, and no X-Powered-By or HSTS over http', async () => {
    for (const path of [...paths, `/s/${st.slug}/events`]) {
      const { res, body } = await get(ctx.app, path);
      expect(res.status, path).toBeLessThan(500);
      checkCsp(path, res, body);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('adds HSTS everywhere when PUBLIC_URL is https', async () => {
    const app = createApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, publicUrl: 'https://sign.example.org' },
    });
    for (const path of paths) {
      const { res } = await get(app, path);
      expect(res.headers.get('strict-transport-security'), path).toMatch(
        /^max-age=\d{8,}; includeSubDomains$/,
      );
    }
  });
});

describe('content types and body size on POST routes', () => {
  const publicPosts = () => [
    `/s/${st.slug}/endorse`,
    `/s/${st.slug}/resend`,
    `/confirm/${tokenFor(ctx.deps.secret, endorsementId, 'confirm', ctx.clock.now())}`,
    `/withdraw/${tokenFor(ctx.deps.secret, endorsementId, 'withdraw', ctx.clock.now())}`,
  ];
  const adminPosts = () =>
    Object.keys(ROUTES)
      .filter((k) => k.startsWith('POST '))
      .map(
        (k) =>
          `/admin${k
            .slice(5)
            .replace(/:id\{[^}]+\}/g, '1')
            .replace(/:locale\{[^}]+\}\}?/g, 'fr')}`,
      );

  it('a JSON or text/plain body on a form route gets a 4xx, never a 500, and changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom('endorsements')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // Signed in as an admin, so the staff routes get as far as reading the body.
    const { agent } = await signedIn(ctx, 'admin');
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const path of [`/s/${st.slug}/endorse`, `/s/${st.slug}/resend`, '/admin/login', ...adminPosts()]) {
      for (const [type, body] of [
        ['application/json', JSON.stringify(validForm())],
        ['text/plain', 'org_name=Plain&email=plain@example.org'],
        ['application/xml', '<a/>'],
      ]) {
        const res = await ctx.app.request(path, {
          method: 'POST',
          body,
          headers: { 'content-type': type!, origin: ORIGIN, cookie },
        });
        expect(res.status, `${type} → ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${type} → ${path}`).toBeLessThan(500);
      }
    }
    expect(await count()).toBe(before);
  });

  it('an oversized body gets 413 on every POST route, declared or streamed', async () => {
    // The CSV import takes files up to IMPORT_MAX_BYTES; every other route refuses past 1 MB.
    const bigFor = (path: string) =>
      'x='.padEnd((/\/import$/.test(path) ? IMPORT_MAX_BYTES + 64 * 1024 : 1024 * 1024) + 16, 'a');
    for (const path of [...publicPosts(), ...adminPosts()]) {
      const big = bigFor(path);
      const declared = await postForm(
        ctx.app,
        path,
        { x: big.slice(2) },
        { 'content-length': String(big.length) },
      );
      expect(declared.status, path).toBe(413);
      const streamed = await ctx.app.request(path, {
        method: 'POST',
        body: new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode(big));
            c.close();
          },
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status, path).toBe(413);
      expect(await streamed.text(), path).toContain('Too much data');
    }
    // The public limit is far below the staff one: a public form refuses 65 KB.
    expect(
      (await postForm(ctx.app, `/s/${st.slug}/endorse`, validForm({ comment: 'c'.repeat(65 * 1024) })))
        .status,
    ).toBe(413);
  });
});
