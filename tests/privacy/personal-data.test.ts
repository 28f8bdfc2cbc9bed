import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_NAME } from '../../src/endorsements/lifecycle/index.js';
import { endorse, outbox, outboxLink, validForm } from '../endorsements/support.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn, type Agent } from '../staff/helpers.js';

const EMAIL = 'Rosa.Luxemburg@Union.example.org';
const KEY = EMAIL.toLowerCase();

let ctx: TestContext;
let admin: Agent;
let a: { id: number; slug: string };
let b: { id: number; slug: string };
let ids: { verified: number; rejected: number; pending: number; other: number };

beforeAll(async () => {
  ctx = await createTestContext();
  a = await ctx.statement();
  b = await ctx.statement();
  const verified = await insertEndorsement(ctx.deps, a.id, {
    name: 'Spartacus Metalworkers',
    email: EMAIL,
    contactName: 'Rosa L.',
    comment: 'call me',
  });
  const rejected = await insertEndorsement(ctx.deps, b.id, {
    name: 'Rosa Luxemburg Reading Circle',
    status: 'rejected',
    email: EMAIL,
    contactName: 'Rosa L.',
  });
  const other = await insertEndorsement(ctx.deps, a.id, {
    name: 'Bystander Union',
    email: 'clara@bystander.example.org',
    contactName: 'Clara Z.',
  });
  await ctx.deps.db
    .updateTable('endorsements')
    .set({ staff_note: 'met her in Berlin', rejection_reason: 'Rosa is not an officer', ip_hash: 'h' })
    .where('id', 'in', [verified, rejected])
    .execute();
  // Through the form: a pending endorsement with its confirmation mail, and an "already listed" mail.
  expect(
    (
      await endorse(
        ctx,
        b.slug,
        validForm({ email: EMAIL, org_name: 'Zetkin Branch', contact_name: 'Rosa L.' }),
      )
    ).status,
  ).toBe(303);
  expect(
    (
      await endorse(
        ctx,
        a.slug,
        validForm({ email: EMAIL, org_name: 'Spartacus Metalworkers', country: 'FR' }),
      )
    ).status,
  ).toBe(303);
  const pending = (
    await ctx.deps.db
      .selectFrom('endorsements')
      .select('id')
      .where('display_name', '=', 'Zetkin Branch')
      .executeTakeFirstOrThrow()
  ).id;
  ids = { verified, rejected, pending, other };
  admin = (await signedIn(ctx, 'admin')).agent;
});
afterAll(() => ctx.close());

describe('staff privacy tools: export and erase one email address', () => {
  it('exports everything held about the address, across statements, as a JSON download, and audits it without the address', async () => {
    await admin.page('/admin/privacy');
    const res = await admin.post('/admin/privacy/export', { email: `  ${EMAIL} ` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = await res.json();
    expect(data.email).toBe(KEY);
    expect(data.endorsements.map((e: { id: number }) => e.id).sort()).toEqual(
      [ids.verified, ids.rejected, ids.pending].sort(),
    );
    const v = data.endorsements.find((e: { id: number }) => e.id === ids.verified);
    expect(v).toMatchObject({
      contact_name: 'Rosa L.',
      comment: 'call me',
      staff_note: 'met her in Berlin',
      statement_slug: a.slug,
      status: 'verified',
    });
    // The pending link and the "already listed" notice, both to this address.
    expect(data.emails.map((m: { template: string }) => m.template).sort()).toEqual([
      'confirm-endorsement',
      'endorsement-already-listed',
    ]);
    expect(JSON.stringify(data)).not.toContain('clara@bystander');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details).toLowerCase()).not.toContain(KEY);
  });

  it('erasing asks for confirmation first and changes nothing until then', async () => {
    const before = await ctx.deps.db.selectFrom('endorsements').selectAll().orderBy('id').execute();
    const res = await admin.post('/admin/privacy/erase', { email: EMAIL });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Erase this person’s data?');
    expect(html).toContain('Held for this address — endorsements: 3; emails: 2.');
    expect(html).toContain('name="confirm" value="yes"');
    expect(await ctx.deps.db.selectFrom('endorsements').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('is refused without the session CSRF token, and to a verifier', async () => {
    expect(
      (await admin.post('/admin/privacy/erase', { email: EMAIL, confirm: 'yes' }, { csrf: null })).status,
    ).toBe(403);
    const { agent } = await signedIn(ctx, 'verifier');
    expect((await agent.post('/admin/privacy/erase', { email: EMAIL, confirm: 'yes' })).status).toBe(403);
    expect(
      (
        await ctx.deps.db
          .selectFrom('endorsements')
          .select('erased_at')
          .where('id', '=', ids.verified)
          .executeTakeFirstOrThrow()
      ).erased_at,
    ).toBeNull();
  });

  it('turns every endorsement into an anonymous tombstone, keeps the listed organisation, deletes the mail, and audits ids not the address', async () => {
    const pendingLink = outboxLink(
      (await outbox(ctx)).find((m) => m.endorsement_id === ids.pending)!,
      'confirm',
    );
    const res = await admin.post('/admin/privacy/erase', { email: EMAIL, confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/privacy?erased=3&mails=2');
    expect(await (await admin.get('/admin/privacy?erased=3&mails=2')).text()).toContain(
      'Erased — endorsements: 3; emails: 2.',
    );

    const rows = await ctx.deps.db
      .selectFrom('endorsements')
      .selectAll()
      .where('id', 'in', [ids.verified, ids.rejected, ids.pending])
      .orderBy('id')
      .execute();
    for (const e of rows) {
      expect(e).toMatchObject({
        contact_name: null,
        contact_role: null,
        email: null,
        email_normalised: null,
        comment: null,
        staff_note: null,
        rejection_reason: null,
        ip_hash: null,
      });
      expect(e.erased_at).toEqual(ctx.clock.now());
    }
    const byId = Object.fromEntries(rows.map((e) => [e.id, e]));
    // The organisation endorsed; it stays listed, with its public details.
    expect(byId[ids.verified]).toMatchObject({
      status: 'verified',
      display_name: 'Spartacus Metalworkers',
      city: 'Lyon',
    });
    expect(byId[ids.verified]!.published_at).not.toBeNull();
    // Not listed: nothing that could point at a person is kept; the pending one can never be confirmed.
    expect(byId[ids.rejected]).toMatchObject({
      status: 'rejected',
      display_name: ERASED_NAME,
      city: null,
      website: null,
      members: null,
    });
    expect(byId[ids.pending]).toMatchObject({ status: 'withdrawn', display_name: ERASED_NAME });
    expect((await outbox(ctx)).filter((m) => m.to_address.toLowerCase() === KEY)).toEqual([]);

    const page = await (await ctx.app.request(`/s/${a.slug}`)).text();
    expect(page).toContain('Spartacus Metalworkers');
    expect(page).toContain('Bystander Union');
    const confirm = await ctx.app.request(pendingLink, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
    });
    expect(confirm.status).toBe(409);
    expect(
      (
        await ctx.deps.db
          .selectFrom('endorsements')
          .select('status')
          .where('id', '=', ids.pending)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('withdrawn');

    // Someone else's data is untouched.
    expect(
      await ctx.deps.db
        .selectFrom('endorsements')
        .select(['contact_name', 'email'])
        .where('id', '=', ids.other)
        .executeTakeFirstOrThrow(),
    ).toEqual({ contact_name: 'Clara Z.', email: 'clara@bystander.example.org' });

    const entry = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.erase')
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({
      endorsements: 3,
      endorsementIds: [ids.verified, ids.rejected, ids.pending].sort((x, y) => x - y),
      mailsDeleted: 2,
    });
    expect(entry.actor).toMatch(/^Ada/);
    expect(JSON.stringify(entry).toLowerCase()).not.toContain(KEY);

    // Nothing is left to find.
    const again = await (await admin.post('/admin/privacy/export', { email: EMAIL })).json();
    expect(again).toMatchObject({ endorsements: [], emails: [] });
    expect(await (await admin.post('/admin/privacy/erase', { email: EMAIL })).text()).toContain(
      'Nothing is held for this address.',
    );
  });

  it('an endorsement erased while waiting in the queue leaves it and can no longer be verified or published', async () => {
    const waiting = await insertEndorsement(ctx.deps, a.id, {
      name: 'Queue Union',
      status: 'confirmed',
      email: 'queue@union.example.org',
    });
    const queueUrl = `/admin/statements/${a.id}/queue`;
    expect(await (await admin.get(queueUrl)).text()).toContain('Queue Union');
    expect(
      (await admin.post('/admin/privacy/erase', { email: 'queue@union.example.org', confirm: 'yes' })).status,
    ).toBe(303);
    expect(await (await admin.get(queueUrl)).text()).not.toContain(ERASED_NAME);
    // A verify sent from a page loaded before the erasure is told it was already decided.
    expect((await admin.post(`/admin/endorsements/${waiting}/verify`, {})).status).toBe(409);
    const api = await (await ctx.app.request(`/api/statements/${a.slug}/signatories`)).text();
    expect(api).not.toContain(ERASED_NAME);
  });

  it('explains a malformed address in the staff language', async () => {
    const res = await admin.post('/admin/privacy/export', { email: 'not an address' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Enter a complete email address');
  });
});
