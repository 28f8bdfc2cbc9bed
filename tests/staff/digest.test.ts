import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { silentLog } from '../../src/log.js';
import { sendStaffDigests } from '../../src/staff/digest.js';
import { insertEndorsement } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, addStaff, signedIn } from './helpers.js';

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  await ctx?.close();
  await sink?.stop();
  ctx = undefined;
  sink = undefined;
});

const HOUR = 3_600_000;

async function start() {
  sink = await new SmtpSink().start();
  ctx = await createTestContext({ config: { smtpUrl: sink.url } });
  const jobs = createScheduler({
    db: ctx.deps.db,
    live: ctx.deps.live,
    clock: ctx.clock,
    log: silentLog,
    tasks: [sendStaffDigests(ctx.deps)],
  });
  /** One round of the timed task, then every mail it queued through real SMTP. */
  const round = async () => {
    await jobs.runOnce();
    await ctx!.worker.runOnce();
  };
  return { ctx, round };
}

const digests = (to: string) => sink!.mails.filter((m) => m.to.includes(to));
/** Reminders queued, sent or not: a round that sends nothing queues nothing. */
const queued = async () =>
  (
    await ctx!.deps.db
      .selectFrom('email_outbox')
      .select('to_address')
      .where('template', '=', 'staff-digest')
      .execute()
  ).map((r) => r.to_address);

describe('the reminder of waiting endorsements', { timeout: 120_000 }, () => {
  it('is chosen on one’s own account page, and mails once per period while something waits that long', async () => {
    const { ctx, round } = await start();
    const { agent, user } = await signedIn(ctx, 'verifier');
    const page = await agent.page('/admin/account');
    expect(page.html).toContain('Reminder of waiting endorsements');
    expect(page.html).toMatch(/<option value="off" selected="">Never<\/option>/);
    expect(page.html).toMatch(/<option value="24">24\shours<\/option>/);

    // Chosen in French: the reminder comes in French.
    const saved = await agent.post('/admin/account/digest?lang=fr', { after: '24' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/account?done=digest#digest');
    const back = await agent.page('/admin/account?done=digest&lang=fr');
    expect(back.html).toContain('Votre rappel est enregistré.');
    expect(back.html).toMatch(/<option value="24" selected="">24\sheures<\/option>/);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'staff.digest')
      .execute();
    expect(audit).toEqual([{ action: 'staff.digest', details: { hours: 24 } }]);

    const { id } = await ctx.statement({ title: 'Care workers deserve a fair deal' });
    const now = ctx.clock.now();
    // Waiting 30 h and 2 h; pending (not confirmed) and decided ones are not waiting for staff.
    await insertEndorsement(ctx.deps.db, id, {
      name: 'Old Union',
      status: 'confirmed',
      at: new Date(now.getTime() - 30 * HOUR),
    });
    await insertEndorsement(ctx.deps.db, id, {
      name: 'New Union',
      status: 'confirmed',
      at: new Date(now.getTime() - 2 * HOUR),
    });
    await insertEndorsement(ctx.deps.db, id, {
      name: 'Pending Union',
      status: 'pending',
      at: new Date(now.getTime() - 50 * HOUR),
    });
    await insertEndorsement(ctx.deps.db, id, {
      name: 'Listed Union',
      status: 'verified',
      at: new Date(now.getTime() - 50 * HOUR),
    });

    await round();
    const [mail] = await sink!.waitFor((m) => m.to.includes(user.email));
    expect(mail!.subject).toBe('Des signatures attendent une décision');
    expect(mail!.text).toMatch(/Des signatures attendent une décision depuis plus de 24\sheures/);
    // One line per statement: how many have waited longer than the period (1 of the 2 waiting).
    expect(mail!.text).toMatch(
      /Care workers deserve a fair deal\*?\*? — en attente depuis plus de 24\sheures\s: 1/,
    );
    expect(mail!.text).toContain('http://localhost:3000/admin/queue');
    expect(mail!.html).toContain('<strong>Care workers deserve a fair deal</strong>');

    // Not again within the period, even though the same endorsement still waits.
    ctx.clock.advance(12 * HOUR);
    await round();
    expect(await queued()).toEqual([user.email]);
    // A period later, again (the 2-hour one has now waited 38 h too).
    ctx.clock.advance(12 * HOUR);
    await round();
    const mails = await sink!.waitFor((m) => m.to.includes(user.email), 2);
    expect(mails[1]!.text).toMatch(/en attente depuis plus de 24\sheures\s: 2/);
  });

  it('sends nothing when nothing waits that long, nor to anyone who did not ask, nor to a disabled account', async () => {
    const { ctx, round } = await start();
    const asked = await signedIn(ctx, 'admin');
    expect((await asked.agent.post('/admin/account/digest', { after: '72' })).status).toBe(303);
    const quiet = await addStaff(ctx, 'verifier');
    const gone = await signedIn(ctx, 'verifier');
    expect((await gone.agent.post('/admin/account/digest', { after: '12' })).status).toBe(303);
    await ctx.deps.db
      .updateTable('staff_users')
      .set({ disabled_at: ctx.clock.now() })
      .where('id', '=', gone.user.id)
      .execute();

    const { id } = await ctx.statement();
    await insertEndorsement(ctx.deps.db, id, {
      name: 'Two Days Union',
      status: 'confirmed',
      at: new Date(ctx.clock.now().getTime() - 48 * HOUR),
    });
    await round();
    // 48 h is not longer than 72 h; the disabled verifier asked for 12 h but gets nothing.
    expect(await queued()).toEqual([]);
    ctx.clock.advance(25 * HOUR);
    await round();
    const [mail] = await sink!.waitFor((m) => m.to.includes(asked.user.email));
    expect(mail!.subject).toBe('Endorsements are waiting for a decision');
    expect(await queued()).toEqual([asked.user.email]);
    expect(digests(quiet.email)).toEqual([]);
    expect(digests(gone.user.email)).toEqual([]);
  });

  it('refuses a period it does not offer, changing nothing; "Never" stops it', async () => {
    const { ctx } = await start();
    const { agent, user } = await signedIn(ctx, 'verifier');
    const bad = await agent.post('/admin/account/digest', { after: '1' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Choose one of the periods offered.');
    expect((await agent.post('/admin/account/digest', { after: '48' })).status).toBe(303);
    expect((await agent.post('/admin/account/digest', { after: 'off' })).status).toBe(303);
    const row = await ctx.deps.db
      .selectFrom('staff_users')
      .select(['digest_after_hours', 'digest_locale'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ digest_after_hours: null, digest_locale: null });
    // Signed out: to the sign-in page, nothing saved.
    const anonymous = await new Agent(ctx).post('/admin/account/digest', { after: '12' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/admin\/login/);
  });
});
