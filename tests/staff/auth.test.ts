import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/staff/access.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/staff/sessions.js';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_MS } from '../../src/staff/throttle.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, PASSWORD, addStaff, signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

const audit = (action: string) =>
  ctx.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('staff sign-in', () => {
  it('signs in with email and password, sets a strict cookie, and signs out', async () => {
    ctx = await createTestContext();
    const user = await addStaff(ctx, 'admin', { email: 'Ada@Network.example.org' });
    const agent = new Agent(ctx);
    const res = await agent.signIn('ada@network.example.org');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('undersigned_staff='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/i);
    // Only a hash of the cookie's id is stored.
    const id = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await ctx.deps.db.selectFrom('staff_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).not.toContain(id);
    expect((await agent.page('/admin')).html).toContain(user.name);
    expect((await audit('staff.login')).map((a) => a.staff_id)).toEqual([user.id]);

    const out = await agent.post('/admin/logout');
    expect(out.status).toBe(303);
    expect(await ctx.deps.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
    expect((await agent.get('/admin')).status).toBe(303);
    expect(await audit('staff.logout')).toHaveLength(1);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    ctx = await createTestContext({ config: { publicUrl: 'https://sign.example.org' } });
    const user = await addStaff(ctx, 'verifier');
    const agent = new Agent(ctx, { origin: 'https://sign.example.org' });
    // The agent posts with the test origin; use the https origin for this app.
    await agent.page('/admin/login');
    const res = await ctx.app.request('/admin/login', {
      method: 'POST',
      body: new URLSearchParams({
        email: user.email,
        password: PASSWORD,
        _csrf: agent.cookies.get('undersigned_staff_form')!,
      }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://sign.example.org',
        cookie: `undersigned_staff_form=${agent.cookies.get('undersigned_staff_form')}`,
      },
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('undersigned_staff='))).toMatch(/Secure/i);
  });

  it('gives the same answer for an unknown email and a wrong password, and logs only the real account', async () => {
    ctx = await createTestContext();
    const user = await addStaff(ctx, 'admin');
    const a = new Agent(ctx);
    await a.page('/admin/login');
    const wrong = await a.post('/admin/login', { email: user.email, password: 'not the password' });
    const unknown = await a.post('/admin/login', {
      email: 'nobody@example.org',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    const failed = await audit('staff.login.failed');
    expect(failed.map((f) => [f.actor, f.details.reason, f.details.staffId])).toEqual([
      [user.email, 'wrong-password', user.id],
    ]);
    // Whatever was typed for an account nobody has is not kept, in an append-only log.
    const everything = JSON.stringify(await ctx.deps.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain('nobody@example.org');
    expect(everything).not.toContain('not the password');
  });

  it('follows only same-site /admin paths after sign-in', async () => {
    ctx = await createTestContext();
    const user = await addStaff(ctx, 'admin');
    for (const [next, expected] of [
      ['/admin/audit', '/admin/audit'],
      ['https://evil.example/admin', '/admin'],
      ['//evil.example', '/admin'],
      ['/admin//evil.example', '/admin'],
      // A line break would otherwise reach the Location header (a 500, or a header of the sender's choosing).
      ['/admin/audit\r\nSet-Cookie: undersigned_staff=forged', '/admin'],
      ['/admin\n', '/admin'],
      ['/admin/audit\t', '/admin'],
      ['/admin/ф', '/admin'],
      ['/admin/audit?statement=1&staff=2', '/admin/audit?statement=1&staff=2'],
    ]) {
      const a = new Agent(ctx);
      await a.page('/admin/login');
      const res = await a.post('/admin/login', { email: user.email, password: PASSWORD, next: next! });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe(expected);
      expect(res.headers.getSetCookie().join('\n')).not.toContain('forged');
    }
  });

  it('refuses disabled accounts, and a disabled account’s open session stops working', async () => {
    ctx = await createTestContext();
    const { agent, user } = await signedIn(ctx, 'verifier');
    expect((await agent.get('/admin')).status).toBe(200);
    await ctx.deps.db
      .updateTable('staff_users')
      .set({ disabled_at: ctx.clock.now() })
      .where('id', '=', user.id)
      .execute();
    expect((await agent.get('/admin')).status).toBe(303);
    const again = new Agent(ctx);
    expect((await again.signIn(user.email)).status).toBe(401);
  });
});

describe('staff sessions expire', () => {
  it('after 2 hours without a request', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    ctx.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await agent.get('/admin')).status).toBe(200); // activity keeps it alive
    ctx.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await agent.get('/admin')).status).toBe(200);
    ctx.clock.advance(SESSION_IDLE_MS);
    const res = await agent.get('/admin/audit');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Faudit');
    expect(await ctx.deps.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
  });

  it('12 hours after sign-in however active', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'verifier');
    const step = SESSION_IDLE_MS / 2;
    for (let t = step; t < SESSION_ABSOLUTE_MS; t += step) {
      ctx.clock.advance(step);
      expect((await agent.get('/admin')).status, `after ${t / 3600000} h`).toBe(200);
    }
    ctx.clock.advance(step);
    expect((await agent.get('/admin')).status).toBe(303);
  });
});

describe('sign-in throttling', () => {
  it(`locks an account after ${LOGIN_LIMIT_PER_ACCOUNT} failures, even with the right password, until the window passes`, async () => {
    ctx = await createTestContext();
    const user = await addStaff(ctx, 'admin');
    const a = new Agent(ctx);
    await a.page('/admin/login');
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) {
      expect((await a.post('/admin/login', { email: user.email, password: `wrong ${i}` })).status).toBe(401);
    }
    const blocked = await a.post('/admin/login', { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many failed attempts');
    expect(await audit('staff.login.throttled')).toHaveLength(1);
    // Another account from the same address is not locked by this one.
    const other = await addStaff(ctx, 'verifier');
    expect((await new Agent(ctx).signIn(other.email)).status).toBe(303);
    ctx.clock.advance(LOGIN_WINDOW_MS);
    expect((await new Agent(ctx).signIn(user.email)).status).toBe(303);
  });

  it(`limits one address to ${LOGIN_LIMIT_PER_IP} failures across accounts (keyed hash of the IP)`, async () => {
    ctx = await createTestContext({ config: { trustProxy: true } });
    const user = await addStaff(ctx, 'admin');
    const attacker = new Agent(ctx, { 'x-forwarded-for': '203.0.113.7' });
    await attacker.page('/admin/login');
    // Spread over several accounts, below each account's own limit (known accounts keep the test fast:
    // an unknown email costs a full OWASP-strength hash).
    const victims = await Promise.all(
      Array.from({ length: Math.ceil(LOGIN_LIMIT_PER_IP / (LOGIN_LIMIT_PER_ACCOUNT - 1)) }, () =>
        addStaff(ctx, 'verifier'),
      ),
    );
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i++) {
      const email = victims[i % victims.length]!.email;
      expect((await attacker.post('/admin/login', { email, password: 'x' })).status).toBe(401);
    }
    expect((await attacker.post('/admin/login', { email: user.email, password: PASSWORD })).status).toBe(429);
    // The real admin, from elsewhere, still gets in.
    expect((await new Agent(ctx, { 'x-forwarded-for': '198.51.100.2' }).signIn(user.email)).status).toBe(303);
    const keys = await ctx.deps.db.selectFrom('rate_limits').select('key').execute();
    expect(JSON.stringify(keys)).not.toContain('203.0.113.7');
  });
});

describe('CSRF synchronizer token', () => {
  it('refuses every POST without the session’s _csrf, or with a wrong one (403), and changes nothing', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const before = await ctx.deps.db.selectFrom('audit_log').select('id').execute();
    const posts = Object.keys(ROUTES)
      .filter((k) => k.startsWith('POST '))
      .map(
        (k) =>
          `/admin${k
            .slice(5)
            .replace(/:id\{[^}]+\}/g, '1')
            .replace(/:locale\{[^}]+\}/g, 'fr')}`,
      );
    for (const path of posts) {
      expect((await agent.post(path, {}, { csrf: null })).status, `${path} without _csrf`).toBe(403);
      expect(
        (await agent.post(path, {}, { csrf: 'x'.repeat(43) })).status,
        `${path} with a wrong _csrf`,
      ).toBe(403);
    }
    expect(await ctx.deps.db.selectFrom('audit_log').select('id').execute()).toEqual(before);
    expect((await agent.get('/admin')).status).toBe(200); // still signed in
  });

  it('another session’s token is not accepted', async () => {
    ctx = await createTestContext();
    const a = await signedIn(ctx, 'admin');
    const b = await signedIn(ctx, 'admin');
    expect((await a.agent.post('/admin/logout', {}, { csrf: b.agent.csrf! })).status).toBe(403);
  });
});
