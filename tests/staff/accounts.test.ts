import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/staff/passwords.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, PASSWORD, addStaff, signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

const user = (email: string) =>
  ctx.deps.db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

describe('staff accounts', () => {
  it('an admin adds a verifier by invitation: no password is shown, the account has an unusable OWASP-cost one', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.post('/admin/staff', {
      name: 'Noor Haddad',
      email: 'Noor@Network.example.org',
      role: 'verifier',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('class="password"');
    expect(html).toContain('Noor Haddad is invited');
    const created = await user('noor@network.example.org');
    expect(created).toMatchObject({ name: 'Noor Haddad', role: 'verifier', disabled_at: null });
    // OWASP scrypt parameters in production hashes.
    expect(created.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const mails = await ctx.deps.db.selectFrom('email_outbox').select(['template', 'to_address']).execute();
    expect(mails).toEqual([{ template: 'staff-invitation', to_address: 'noor@network.example.org' }]);
    // The onboarding tests (onboarding.test.ts) follow the link.
  });

  it('refuses bad input and a duplicate email clearly', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const bad = await agent.post('/admin/staff', {
      name: '',
      email: 'not-an-email',
      role: 'boss',
      password: 'short',
    });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    for (const m of ['Enter a name', 'Enter a valid email address.', 'Choose administrator or verifier.']) {
      expect(text).toContain(m);
    }
    await addStaff(ctx, 'verifier', { email: 'taken@network.example.org' });
    const dup = await agent.post('/admin/staff', {
      name: 'X',
      email: 'TAKEN@network.example.org',
      role: 'admin',
      password: '',
    });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('A staff account with this email address already exists.');
  });

  it('disabling signs the person out at once; enabling lets them back in; an admin cannot disable themselves', async () => {
    ctx = await createTestContext();
    const admin = await signedIn(ctx, 'admin');
    const verifier = await signedIn(ctx, 'verifier');
    expect((await verifier.agent.get('/admin')).status).toBe(200);
    const off = await admin.agent.post(`/admin/staff/${verifier.user.id}/disable`);
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('is disabled and signed out');
    expect((await verifier.agent.get('/admin')).status).toBe(303);
    expect((await new Agent(ctx).signIn(verifier.user.email)).status).toBe(401);
    expect((await admin.agent.post(`/admin/staff/${verifier.user.id}/enable`)).status).toBe(200);
    expect((await new Agent(ctx).signIn(verifier.user.email)).status).toBe(303);

    const self = await admin.agent.post(`/admin/staff/${admin.user.id}/disable`);
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('You cannot disable your own account.');
    expect((await user(admin.user.email)).disabled_at).toBeNull();
    expect((await admin.agent.post('/admin/staff/999999/disable')).status).toBe(404);
  });

  it('resetting a password ends the account’s sessions and never shows a password', async () => {
    ctx = await createTestContext();
    const admin = await signedIn(ctx, 'admin');
    const verifier = await signedIn(ctx, 'verifier');
    const before = (await user(verifier.user.email)).password_hash;
    const res = await admin.agent.post(`/admin/staff/${verifier.user.id}/password`, { confirm: 'yes' });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('class="password"');
    expect((await user(verifier.user.email)).password_hash).not.toBe(before);
    expect(await verifyPassword(PASSWORD, (await user(verifier.user.email)).password_hash)).toBe(false);
    expect((await verifier.agent.get('/admin')).status).toBe(303);
  });
});
