import { afterEach, describe, expect, it } from 'vitest';
import { announceSetupLink } from '../../src/staff/setup.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, addStaff } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

function capture() {
  const lines: string[] = [];
  const log = {
    debug() {},
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
  };
  return { lines, log };
}

describe('first-run setup link', () => {
  it('while no staff exists, logs a one-time link that creates the first admin and signs them in', async () => {
    ctx = await createTestContext();
    const { lines, log } = capture();
    const url = await announceSetupLink(ctx.deps.db, ctx.deps.config.publicUrl, log, ctx.clock.now());
    expect(url).toMatch(/^http:\/\/localhost:3000\/admin\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(lines.join('\n')).toContain(url!);
    const token = new URL(url!).searchParams.get('token')!;
    // Only a hash of the token is stored.
    expect(JSON.stringify(await ctx.deps.db.selectFrom('settings').selectAll().execute())).not.toContain(
      token,
    );

    const agent = new Agent(ctx);
    expect((await agent.get('/admin/setup?token=wrong')).status).toBe(404);
    const { res, html } = await agent.page(`/admin/setup?token=${token}`);
    expect(res.status).toBe(200);
    expect(html).toContain('Create the first administrator');
    const bad = await agent.post('/admin/setup', {
      token,
      name: 'Ada',
      email: 'ada@network.example.org',
      password: 'short',
    });
    expect(bad.status).toBe(422);
    const ok = await agent.post('/admin/setup', {
      token,
      name: 'Ada',
      email: 'ada@network.example.org',
      password: 'a long enough password',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin?done=welcome');
    const welcome = await agent.page('/admin?done=welcome');
    expect(welcome.res.status).toBe(200);
    expect(welcome.html).toContain('Your administrator account is ready.');
    const admins = await ctx.deps.db.selectFrom('staff_users').selectAll().execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ email: 'ada@network.example.org', role: 'admin' });
    expect(await ctx.deps.db.selectFrom('audit_log').select('action').execute()).toEqual([
      { action: 'staff.setup' },
    ]);

    // Single use, and gone once staff exist.
    expect((await new Agent(ctx).get(`/admin/setup?token=${token}`)).status).toBe(410);
    const replay = new Agent(ctx);
    await replay.page('/admin/login');
    expect(
      (
        await replay.post('/admin/setup', {
          token,
          name: 'Eve',
          email: 'eve@example.org',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(410);
    expect(await ctx.deps.db.selectFrom('staff_users').selectAll().execute()).toHaveLength(1);
    expect(
      await announceSetupLink(ctx.deps.db, ctx.deps.config.publicUrl, log, ctx.clock.now()),
    ).toBeUndefined();
  });

  it('no link is made once a staff account exists', async () => {
    ctx = await createTestContext();
    await addStaff(ctx, 'verifier');
    const { lines, log } = capture();
    expect(
      await announceSetupLink(ctx.deps.db, ctx.deps.config.publicUrl, log, ctx.clock.now()),
    ).toBeUndefined();
    expect(lines).toEqual([]);
    expect((await ctx.app.request('/admin/setup?token=anything')).status).toBe(410);
  });

  it('a link from an earlier start still works after a restart made a new one', async () => {
    ctx = await createTestContext();
    const { log } = capture();
    const first = await announceSetupLink(ctx.deps.db, ctx.deps.config.publicUrl, log, ctx.clock.now());
    const second = await announceSetupLink(ctx.deps.db, ctx.deps.config.publicUrl, log, ctx.clock.now());
    expect(first).not.toBe(second);
    for (const url of [first!, second!]) {
      expect((await ctx.app.request(url.replace('http://localhost:3000', ''))).status).toBe(200);
    }
  });
});
