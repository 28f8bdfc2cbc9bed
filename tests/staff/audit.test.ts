import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/audit.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, PASSWORD, addStaff, signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

describe('audit log', () => {
  it('every staff action leaves an entry: who, what, on which statement and endorsement, never a password', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const [e1, e2, e3, e4] = await Promise.all(
      [1, 2, 3, 4].map(() => insertEndorsement(ctx.deps, s.id, { status: 'confirmed' })),
    );
    const { agent, user } = await signedIn(ctx, 'admin');
    const other = await addStaff(ctx, 'verifier');
    const steps: Array<[string, Record<string, string | string[]>]> = [
      [`/admin/endorsements/${e1}/verify`, {}],
      [`/admin/endorsements/${e2}/reject`, { reason: 'Duplicate' }],
      [
        `/admin/endorsements/${e3}/correct`,
        { display_name: 'Renamed Union', city: 'Paris', org_type: 'federation' },
      ],
      [`/admin/endorsements/${e3}/note`, { note: 'Called them' }],
      [`/admin/statements/${s.id}/queue/verify`, { ids: [String(e4)] }],
      [
        '/admin/statements/new',
        {
          slug: 'another',
          locale: 'en',
          title: 'Another',
          body: 'Text.',
          publish_on: 'verified',
          closes_at: '',
          action: 'save',
        },
      ],
      [`/admin/statements/${s.id}/texts/fr`, { title: 'Titre', body: 'Texte.', action: 'save' }],
      [`/admin/statements/${s.id}/texts/fr`, { title: 'Titre', body: 'Texte modifié.', action: 'save' }],
      [
        `/admin/statements/${s.id}`,
        { status: 'closed', publish_on: 'verified', closes_at: '', authoritative: 'en' },
      ],
      [
        '/admin/staff',
        {
          name: 'New Person',
          email: 'new@network.example.org',
          role: 'verifier',
          password: 'a long enough password',
        },
      ],
      [`/admin/staff/${other.id}/disable`, {}],
      [`/admin/staff/${other.id}/enable`, {}],
      [`/admin/staff/${other.id}/password`, { confirm: 'yes' }],
    ];
    for (const [path, fields] of steps) {
      expect((await agent.post(path, fields)).status, path).toBeLessThan(400);
    }
    expect((await agent.get(`/admin/statements/${s.id}/endorsements.csv`)).status).toBe(200);
    expect((await agent.post('/admin/logout')).status).toBe(303);

    const log = await ctx.deps.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(log.map((a) => a.action)).toEqual([
      'staff.login',
      'endorsement.verify',
      'endorsement.reject',
      'endorsement.correct',
      'endorsement.note',
      'endorsement.verify',
      'statement.create',
      'statement.text.add',
      'statement.text.edit',
      'statement.settings',
      'staff.add',
      'staff.disable',
      'staff.enable',
      // Never signed in: the reset sends a new invitation.
      'staff.invite.resend',
      'statement.export',
      'staff.logout',
    ]);
    expect(log.every((a) => a.staff_id === user.id && a.actor === user.name)).toBe(true);
    expect(log.find((a) => a.action === 'endorsement.reject')).toMatchObject({
      statement_id: s.id,
      endorsement_id: e2,
      details: { reason: 'Duplicate' },
    });
    expect(JSON.stringify(log)).not.toContain('a long enough password');
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    ctx = await createTestContext();
    await recordAudit(
      ctx.deps.db,
      { id: null, name: 'system' },
      { action: 'test.entry', details: { a: 1 } },
      ctx.clock.now(),
    );
    await expect(sql`update audit_log set action = 'forged'`.execute(ctx.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(ctx.deps.db)).rejects.toThrow(/append-only/);
    expect(await ctx.deps.db.selectFrom('audit_log').select('action').execute()).toEqual([
      { action: 'test.entry' },
    ]);
  });

  it('the page lists entries newest first, filters by statement, endorsement and person, and pages', async () => {
    ctx = await createTestContext();
    const s1 = await ctx.statement({ slug: 'first-statement' });
    const s2 = await ctx.statement({ slug: 'second-statement' });
    const e = await insertEndorsement(ctx.deps, s1.id, { status: 'confirmed' });
    const { agent, user } = await signedIn(ctx, 'admin');
    const bob = await addStaff(ctx, 'verifier', { name: 'Bob Verifier' });
    for (let i = 0; i < 60; i++) {
      ctx.clock.advance(1000);
      await recordAudit(
        ctx.deps.db,
        { id: bob.id, name: bob.name },
        { action: `test.step-${i}`, statementId: i % 2 ? s2.id : s1.id, endorsementId: i === 7 ? e : null },
        ctx.clock.now(),
      );
    }
    const all = await agent.page('/admin/audit');
    expect(all.html.indexOf('test.step-59')).toBeLessThan(all.html.indexOf('test.step-58'));
    expect(all.html).not.toContain('test.step-9<'); // the 51st newest is on the next page
    const older = /href="(\/admin\/audit\?before=\d+)"/.exec(all.html)![1]!;
    const next = await agent.page(older.replace(/&amp;/g, '&'));
    expect(next.html).toContain('test.step-9<');
    expect(next.html).toContain('staff.login');

    const byStatement = (await agent.page(`/admin/audit?statement=${s2.id}`)).html;
    expect(byStatement).toContain('test.step-59');
    expect(byStatement).not.toContain('test.step-58');
    const byEndorsement = (await agent.page(`/admin/audit?endorsement=${e}`)).html;
    expect([...new Set(byEndorsement.match(/test\.step-\d+/g))]).toEqual(['test.step-7']);
    const byPerson = (await agent.page(`/admin/audit?staff=${user.id}`)).html;
    expect(byPerson).toContain('staff.login');
    expect(byPerson).not.toContain('test.step');
    expect((await agent.page('/admin/audit?statement=abc&endorsement=-1')).res.status).toBe(200);
    expect((await agent.page('/admin/audit?endorsement=999999')).html).toContain('No entries match.');
  });

  it('tells each entry in a sentence, filters by kind of action and by day, and exports the filter as CSV', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ slug: 'riders', title: 'Riders deserve contracts' });
    const e = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed', name: 'Riders Union Berlin' });
    const { agent, user } = await signedIn(ctx, 'admin');
    await agent.page('/admin/audit');
    await agent.post(`/admin/endorsements/${e}/correct`, {
      display_name: 'Riders Union Berlin (FAU)',
      city: 'Berlin',
      org_type: 'union',
    });
    ctx.clock.advance(2 * 86_400_000);
    const day = ctx.clock.now().toISOString().slice(0, 10);
    // Two days later the session has ended: sign in again.
    expect((await agent.signIn(user.email)).status).toBe(303);
    await agent.post(`/admin/endorsements/${e}/note`, { note: '=HYPERLINK("http://evil.example")' });
    const me = (await agent.page('/admin/audit')).html;
    const name = user.name;
    expect(me).toContain(`${name} renamed “Riders Union Berlin” → “Riders Union Berlin (FAU)”.`);
    expect(me).toContain(`${name} signed in.`);

    const endorsements = (await agent.page('/admin/audit?group=endorsements')).html;
    expect(endorsements).toContain('renamed');
    expect(endorsements).not.toContain('signed in.');
    const signins = (await agent.page('/admin/audit?group=signins')).html;
    expect(signins).toContain('signed in.');
    expect(signins).not.toContain('renamed');
    const today = (await agent.page(`/admin/audit?from=${day}&until=${day}`)).html;
    expect(today).toContain('changed the staff note');
    expect(today).not.toContain('renamed');
    // A malformed day is no filter, not an error.
    expect((await agent.page('/admin/audit?from=2026-02-31&until=x&group=nope')).res.status).toBe(200);

    const csv = await agent.get('/admin/audit.csv?group=endorsements');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('at,actor,action,sentence,statement,endorsement,details');
    expect(lines).toHaveLength(3);
    expect(text).toContain('renamed “Riders Union Berlin” → “Riders Union Berlin (FAU)”');
    // A formula in the data (here a staff member's name) starts no cell.
    const evil = await addStaff(ctx, 'verifier', { name: '=SUM(A1)' });
    expect((await new Agent(ctx).signIn(evil.email)).status).toBe(303);
    const all = await (await agent.get('/admin/audit.csv')).text();
    expect(all).toContain(`"'=SUM(A1)"`);
    expect(all.split('\r\n').some((l) => /(^|,)[=+@-]/.test(l))).toBe(false);
    // The export itself is in the log.
    expect((await agent.page('/admin/audit?group=privacy')).html).toContain(
      'downloaded the audit log (entries: 2).',
    );
  });
});
