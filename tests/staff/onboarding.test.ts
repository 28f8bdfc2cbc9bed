import { afterEach, describe, expect, it } from 'vitest';
import { FORGOT_LIMIT_PER_ACCOUNT } from '../../src/staff/forgot.js';
import { INVITE_TTL_MS } from '../../src/staff/staff-links.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, PASSWORD, addStaff, signedIn } from './helpers.js';

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  await ctx?.close();
  await sink?.stop();
  ctx = undefined;
  sink = undefined;
});

const LINK = /http:\/\/localhost:3000(\/admin\/password-link\?token=[A-Za-z0-9_-]{43})/;
const NEW_PASSWORD = 'a brand new staff password';

async function start() {
  sink = await new SmtpSink().start();
  ctx = await createTestContext({ config: { smtpUrl: sink.url } });
  return ctx;
}

/** The path of the link in the newest mail to an address (sent through real SMTP). */
async function linkIn(to: string, subject: RegExp) {
  await ctx!.worker.runOnce();
  const mails = await sink!.waitFor((m) => m.to.includes(to) && subject.test(m.subject));
  const mail = mails.at(-1)!;
  const path = LINK.exec(mail.text)?.[1];
  expect(path, mail.text).toBeDefined();
  expect(mail.html).toContain(path!.replace(/&/g, '&amp;'));
  return { path: path!, mail };
}

const audit = async () =>
  (
    await ctx!.deps.db.selectFrom('audit_log').select(['action', 'actor', 'details']).orderBy('id').execute()
  ).map((a) => a.action);

describe('staff onboarding', { timeout: 120_000 }, () => {
  it('an invitation email carries a single-use link: the new person chooses a password and is signed in', async () => {
    await start();
    const { agent } = await signedIn(ctx!, 'admin');
    const page = await agent.page('/admin/staff');
    // No password field: the account is made by invitation.
    expect(page.html).not.toContain('name="password"');
    const res = await agent.post('/admin/staff', {
      name: 'Noor Haddad',
      email: 'Noor@Network.example.org',
      role: 'verifier',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(
      'Noor Haddad is invited: an email with a sign-in link is on its way to noor@network.example.org.',
    );
    expect(html).toContain('(invited)');

    const { path, mail } = await linkIn('noor@network.example.org', /invited you/);
    expect(mail.subject).toMatch(/^Ada \d+ invited you to a staff account$/);
    expect(mail.text).toContain('The link works once, for 7 days');
    // Only a hash of the token is stored.
    const token = path.split('token=')[1]!;
    const rows = await ctx!.deps.db.selectFrom('staff_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);

    const newcomer = new Agent(ctx!);
    const form = await newcomer.page(path);
    expect(form.res.status).toBe(200);
    expect(form.html).toContain('Welcome, Noor Haddad');
    expect(form.html).toContain('noor@network.example.org');
    const short = await newcomer.post('/admin/password-link', { token, password: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('The password must have 12 to 200 characters.');
    const ok = await newcomer.post('/admin/password-link', { token, password: NEW_PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/account?done=welcome');
    const welcome = await newcomer.page('/admin/account?done=welcome');
    expect(welcome.res.status).toBe(200);
    expect(welcome.html).toContain('Welcome. Your password is saved and you are signed in.');

    // Used once: the same link is dead, for the GET and the POST.
    const again = new Agent(ctx!);
    expect((await again.page(path)).res.status).toBe(410);
    await again.page('/admin/login');
    expect(
      (await again.post('/admin/password-link', { token, password: 'another password here' })).status,
    ).toBe(410);
    expect((await new Agent(ctx!).signIn('noor@network.example.org', NEW_PASSWORD)).status).toBe(303);
    expect(await audit()).toEqual(expect.arrayContaining(['staff.add', 'staff.invite.accept']));
    // Signed in, the accounts page no longer says "invited".
    expect((await agent.page('/admin/staff')).html).not.toContain('(invited)');
  });

  it('an invitation expires after 7 days, and a newer one replaces the older', async () => {
    await start();
    const { agent } = await signedIn(ctx!, 'admin');
    await agent.page('/admin/staff');
    await agent.post('/admin/staff', {
      name: 'Late Larry',
      email: 'larry@network.example.org',
      role: 'verifier',
    });
    const first = await linkIn('larry@network.example.org', /invited you/);
    const larry = await ctx!.deps.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'larry@network.example.org')
      .executeTakeFirstOrThrow();
    // Resend: confirmed first, then a new link; the first one stops working.
    const confirm = await agent.post(`/admin/staff/${larry.id}/password`);
    expect(await confirm.text()).toContain('has not signed in yet. A new invitation is sent');
    expect((await agent.post(`/admin/staff/${larry.id}/password`, { confirm: 'yes' })).status).toBe(200);
    await ctx!.worker.runOnce();
    const both = await sink!.waitFor((m) => m.to.includes('larry@network.example.org'), 2);
    const second = LINK.exec(both[1]!.text)![1]!;
    expect(second).not.toBe(first.path);
    expect((await new Agent(ctx!).page(first.path)).res.status).toBe(410);
    expect((await new Agent(ctx!).page(second)).res.status).toBe(200);
    ctx!.clock.advance(INVITE_TTL_MS + 1000);
    const late = await new Agent(ctx!).page(second);
    expect(late.res.status).toBe(410);
    expect(late.html).toContain('This link no longer works');
  });

  it('staff change their own password: the current one first; other sessions end, this one goes on', async () => {
    ctx = await createTestContext();
    const { agent, user } = await signedIn(ctx, 'verifier');
    const other = new Agent(ctx);
    expect((await other.signIn(user.email)).status).toBe(303);
    const page = await agent.page('/admin/account');
    expect(page.html).toContain('Change your password');
    const wrong = await agent.post('/admin/account', { current: 'not it at all', password: NEW_PASSWORD });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('The current password is not right.');
    const ok = await agent.post('/admin/account', { current: PASSWORD, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your new password is saved.');
    expect((await agent.get('/admin')).status).toBe(200);
    expect((await other.get('/admin')).status).toBe(303);
    expect((await new Agent(ctx).signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await new Agent(ctx).signIn(user.email, NEW_PASSWORD)).status).toBe(303);
    expect(await audit()).toContain('staff.password.change');
  });

  it('"forgot your password?" answers the same for any address, mails only a real account, and is rate-limited', async () => {
    await start();
    const known = await addStaff(ctx!, 'verifier', { email: 'known@network.example.org' });
    await addStaff(ctx!, 'verifier', { email: 'off@network.example.org' }).then((u) =>
      ctx!.deps.db
        .updateTable('staff_users')
        .set({ disabled_at: new Date() })
        .where('id', '=', u.id)
        .execute(),
    );
    const agent = new Agent(ctx!);
    const login = await agent.page('/admin/login');
    expect(login.html).toContain('href="/admin/forgot"');
    await agent.page('/admin/forgot');
    const answer = async (email: string) => {
      const res = await agent.post('/admin/forgot', { email });
      return { status: res.status, text: (await res.text()).split(email).join('…') };
    };
    const a = await answer(known.email);
    const b = await answer('nobody@network.example.org');
    const c = await answer('off@network.example.org');
    expect(a.status).toBe(200);
    expect(a.text).toContain('If … belongs to a staff account, a link is on its way.');
    expect(b.text.replace(/name="_csrf" value="[^"]*"/, '')).toBe(
      a.text.replace(/name="_csrf" value="[^"]*"/, ''),
    );
    expect(c.text.replace(/name="_csrf" value="[^"]*"/, '')).toBe(
      a.text.replace(/name="_csrf" value="[^"]*"/, ''),
    );
    const { path } = await linkIn(known.email, /new password/);
    await ctx!.worker.runOnce();
    const outbox = await ctx!.deps.db.selectFrom('email_outbox').select('to_address').execute();
    expect(outbox.map((m) => m.to_address)).toEqual([known.email]);

    const reset = new Agent(ctx!);
    const form = await reset.page(path);
    expect(form.html).toContain('A new password for');
    const token = path.split('token=')[1]!;
    expect((await reset.post('/admin/password-link', { token, password: NEW_PASSWORD })).status).toBe(303);
    expect((await new Agent(ctx!).signIn(known.email, NEW_PASSWORD)).status).toBe(303);
    expect(await audit()).toEqual(
      expect.arrayContaining(['staff.password.forgot', 'staff.password.reset-done']),
    );

    // Per typed address: the (limit+1)-th request in the window is refused openly, known or not.
    for (let i = 1; i < FORGOT_LIMIT_PER_ACCOUNT; i++) {
      expect((await agent.post('/admin/forgot', { email: 'nobody@network.example.org' })).status).toBe(200);
    }
    const refused = await agent.post('/admin/forgot', { email: 'nobody@network.example.org' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('Too many requests for a link.');
  });

  it('resetting someone else’s password is confirmed first, signs them out and mails a link; never offered on one’s own row', async () => {
    await start();
    const admin = await signedIn(ctx!, 'admin');
    const verifier = await signedIn(ctx!, 'verifier');
    const page = await admin.agent.page('/admin/staff');
    // One reset button: the other person's row, not one's own.
    expect(page.html).toContain(`/admin/staff/${verifier.user.id}/password`);
    expect(page.html).not.toContain(`/admin/staff/${admin.user.id}/password`);
    expect(page.html).toContain('href="/admin/account"');

    const ask = await admin.agent.post(`/admin/staff/${verifier.user.id}/password`);
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain(`Reset the password of ${verifier.user.name}?`);
    expect(askHtml).toContain('name="confirm" value="yes"');
    // Nothing happened yet.
    expect((await verifier.agent.get('/admin')).status).toBe(200);

    const done = await admin.agent.post(`/admin/staff/${verifier.user.id}/password`, { confirm: 'yes' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(
      `${verifier.user.name} is signed out; a link to choose a new password`,
    );
    expect((await verifier.agent.get('/admin')).status).toBe(303);
    expect((await new Agent(ctx!).signIn(verifier.user.email, PASSWORD)).status).toBe(401);
    const { mail } = await linkIn(verifier.user.email, /new password/);
    expect(mail.text).toContain('The link works once, until');

    const self = await admin.agent.post(`/admin/staff/${admin.user.id}/password`, { confirm: 'yes' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('Change your own password on the “Your account” page.');
    expect(await audit()).toContain('staff.password-reset');
  });

  it('an admin changes another person’s role (audited), never their own', async () => {
    ctx = await createTestContext();
    const admin = await signedIn(ctx, 'admin');
    const verifier = await signedIn(ctx, 'verifier');
    expect((await verifier.agent.get('/admin/audit')).status).toBe(403);
    await admin.agent.page('/admin/staff');
    const res = await admin.agent.post(`/admin/staff/${verifier.user.id}/role`, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${verifier.user.name}: the role is now administrator.`);
    // At once, in the session already open.
    expect((await verifier.agent.get('/admin/audit')).status).toBe(200);
    const entry = await ctx.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'staff.role')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ staffId: verifier.user.id, from: 'verifier', to: 'admin' });
    const bad = await admin.agent.post(`/admin/staff/${verifier.user.id}/role`, { role: 'boss' });
    expect(bad.status).toBe(422);
    const self = await admin.agent.post(`/admin/staff/${admin.user.id}/role`, { role: 'verifier' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('You cannot change your own role.');
  });
});
