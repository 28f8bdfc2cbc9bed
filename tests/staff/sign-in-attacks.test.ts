import { afterEach, describe, expect, it } from 'vitest';
import {
  LOGIN_AUDIT_ADDRESSES_PER_WINDOW,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_IP,
  LOGIN_WINDOW_MS,
} from '../../src/staff/throttle.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, PASSWORD, addStaff } from './helpers.js';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

const auditRows = () => ctx!.deps.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

/** A browser at one client address (the app trusts X-Forwarded-For in these tests). */
async function from(address: string) {
  const agent = new Agent(ctx!, { 'x-forwarded-for': address });
  await agent.page('/admin/login');
  return agent;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('sign-in throttling holds under parallel guesses', () => {
  it(`100 wrong passwords sent at once for one account: ${LOGIN_LIMIT_PER_ACCOUNT} are checked (401), the rest refused (429)`, async () => {
    ctx = await createTestContext({ config: { trustProxy: true } });
    const user = await addStaff(ctx, 'admin');
    const attacker = await from('203.0.113.50');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        attacker.post('/admin/login', { email: user.email, password: `guess ${i}` }),
      ),
    );
    expect(tally(answers.map((r) => r.status))).toEqual({ 401: LOGIN_LIMIT_PER_ACCOUNT, 429: 95 });
    // The right password, now, from anywhere: the account is locked for the window.
    expect(
      (await (await from('198.51.100.9')).post('/admin/login', { email: user.email, password: PASSWORD }))
        .status,
    ).toBe(429);
    // Five failures, and one line each for the account and the address when they went over.
    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.details.limit ?? null, r.details.attempts ?? null]).sort()).toEqual(
      [
        ...Array.from({ length: LOGIN_LIMIT_PER_ACCOUNT }, () => ['staff.login.failed', null, null]),
        ['staff.login.throttled', 'account', LOGIN_LIMIT_PER_ACCOUNT + 1],
        ['staff.login.throttled', 'address', LOGIN_LIMIT_PER_IP + 1],
      ].sort(),
    );
  });

  it('a person signing in again and again is not locked out by their own successes', async () => {
    ctx = await createTestContext({ config: { trustProxy: true } });
    const user = await addStaff(ctx, 'verifier');
    for (let i = 0; i < LOGIN_LIMIT_PER_IP + LOGIN_LIMIT_PER_ACCOUNT; i++) {
      expect(
        (await (await from('192.0.2.10')).post('/admin/login', { email: user.email, password: PASSWORD }))
          .status,
      ).toBe(303);
    }
    // Failures still count: the limit is reached after as many failures as ever.
    const agent = await from('192.0.2.10');
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) {
      expect((await agent.post('/admin/login', { email: user.email, password: 'wrong' })).status).toBe(401);
    }
    expect((await agent.post('/admin/login', { email: user.email, password: PASSWORD })).status).toBe(429);
  });
});

describe('anonymous sign-in attempts cannot grow the audit log', () => {
  it('2,000 attempts from 4 addresses leave a handful of lines with counts, none with an address typed for no account', async () => {
    ctx = await createTestContext({ config: { trustProxy: true } });
    const admin = await addStaff(ctx, 'admin');
    const addresses = ['203.0.113.1', '203.0.113.2', '2001:db8:1::1', '2001:db8:2::1'];
    const agents = await Promise.all(addresses.map(from));
    const statuses: number[] = [];
    for (let round = 0; round < 2_000 / (agents.length * 10); round++) {
      const batch = agents.flatMap((agent, a) =>
        Array.from({ length: 10 }, (_, k) => {
          const i = round * 40 + a * 10 + k;
          // Half against the real account, half a spray of addresses nobody has.
          const email = i % 2 ? admin.email : `intruder${i}@spray.example`;
          return agent.post('/admin/login', { email, password: `guess ${i}` });
        }),
      );
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses).toHaveLength(2_000);
    const t = tally(statuses);
    expect(t[401]).toBeLessThanOrEqual(addresses.length * LOGIN_LIMIT_PER_IP);
    expect(t[401]! + t[429]!).toBe(2_000);

    const rows = await auditRows();
    const text = JSON.stringify(rows);
    expect(text).not.toContain('intruder');
    expect(text).not.toContain('spray.example');
    expect(text).not.toContain('203.0.113');
    expect(text).not.toContain('2001:db8');
    const failed = rows.filter((r) => r.action === 'staff.login.failed');
    expect(failed).toHaveLength(LOGIN_LIMIT_PER_ACCOUNT);
    expect(failed.every((r) => r.details.staffId === admin.id)).toBe(true);
    const throttled = rows.filter((r) => r.action === 'staff.login.throttled');
    expect(throttled.map((r) => [r.actor, r.details.limit, r.details.attempts]).sort()).toEqual(
      [
        [admin.email, 'account', LOGIN_LIMIT_PER_ACCOUNT + 1],
        ...addresses.map(() => ['anonymous', 'address', LOGIN_LIMIT_PER_IP + 1]),
      ].sort(),
    );
    expect(rows).toHaveLength(LOGIN_LIMIT_PER_ACCOUNT + 1 + addresses.length);

    // The next window gets its own lines, once more.
    ctx.clock.advance(LOGIN_WINDOW_MS);
    for (let i = 0; i < LOGIN_LIMIT_PER_IP + 5; i++) {
      await agents[0]!.post('/admin/login', { email: `again${i}@spray.example`, password: 'x' });
    }
    const later = (await auditRows()).slice(rows.length);
    expect(later.map((r) => [r.action, r.details.limit, r.details.attempts])).toEqual([
      ['staff.login.throttled', 'address', LOGIN_LIMIT_PER_IP + 1],
    ]);
  }, 120_000);

  it(`however many addresses take part, at most ${LOGIN_AUDIT_ADDRESSES_PER_WINDOW} get a line of their own per window, and one line says there were more`, async () => {
    ctx = await createTestContext({ config: { trustProxy: true } });
    await addStaff(ctx, 'admin');
    const count = LOGIN_AUDIT_ADDRESSES_PER_WINDOW + 10;
    for (let n = 0; n < count; n++) {
      const agent = await from(`2001:db8:${n.toString(16)}::7`);
      const answers = await Promise.all(
        Array.from({ length: LOGIN_LIMIT_PER_IP + 1 }, (_, i) =>
          agent.post('/admin/login', { email: `someone${n}-${i}@spray.example`, password: 'x' }),
        ),
      );
      expect(tally(answers.map((r) => r.status))).toEqual({ 401: LOGIN_LIMIT_PER_IP, 429: 1 });
    }
    const rows = await auditRows();
    expect(rows.every((r) => r.action === 'staff.login.throttled' && r.actor === 'anonymous')).toBe(true);
    expect(rows.filter((r) => r.details.attempts === LOGIN_LIMIT_PER_IP + 1)).toHaveLength(
      LOGIN_AUDIT_ADDRESSES_PER_WINDOW,
    );
    expect(rows.filter((r) => r.details.moreAddresses === true)).toHaveLength(1);
    expect(rows).toHaveLength(LOGIN_AUDIT_ADDRESSES_PER_WINDOW + 1);
  }, 120_000);
});
