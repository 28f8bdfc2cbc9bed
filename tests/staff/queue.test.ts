import { afterEach, describe, expect, it } from 'vitest';
import { verifyToken } from '../../src/endorsements/tokens.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

const row = (id: number) =>
  ctx.deps.db.selectFrom('endorsements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const outbox = () => ctx.deps.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const auditOf = (id: number) =>
  ctx.deps.db.selectFrom('audit_log').selectAll().where('endorsement_id', '=', id).orderBy('id').execute();
const at = (iso: string) => new Date(iso);

describe('verification queue', () => {
  it('the decided list says how many are in each tab', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    await insertEndorsement(ctx.deps, s.id, { status: 'verified', name: 'Listed One' });
    await insertEndorsement(ctx.deps, s.id, { status: 'verified', name: 'Listed Two' });
    await insertEndorsement(ctx.deps, s.id, { status: 'rejected', name: 'Refused One' });
    const other = await ctx.statement({ slug: 'other-one' });
    await insertEndorsement(ctx.deps, other.id, { status: 'rejected', name: 'Elsewhere' });
    const { agent } = await signedIn(ctx, 'verifier');
    const { html } = await agent.page(`/admin/statements/${s.id}/endorsements?status=rejected`);
    const tabs = [...html.matchAll(/<a href="[^"]*\?status=(\w+)"[^>]*>([^<]*)<\/a>/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(tabs).toEqual([
      'verified: verified (2)',
      'confirmed: waiting for verification (0)',
      'rejected: rejected (1)',
      'withdrawn: withdrawn (0)',
    ]);
  });

  it('shows five possible duplicates per item, listed ones first, and counts the rest', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    // Eight waiting under one organisation (a sender confirming the same union over and over).
    for (let i = 0; i < 8; i++) {
      await insertEndorsement(ctx.deps, s.id, {
        status: 'confirmed',
        name: 'CGT',
        email: `cgt${i}@flood.example`,
      });
    }
    const { agent } = await signedIn(ctx, 'verifier');
    const { html } = await agent.page(`/admin/statements/${s.id}/queue`);
    const first = html.slice(
      html.indexOf('class="duplicates"'),
      html.indexOf('</ul>', html.indexOf('class="duplicates"')),
    );
    expect(first.match(/class="duplicate-reject"/g)).toHaveLength(5);
    expect(first).toContain('More names alike, not shown here: 2.');
  });

  it('says so when nothing is waiting', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    await insertEndorsement(ctx.deps, s.id, { status: 'verified' });
    const { agent } = await signedIn(ctx, 'verifier');
    const { res, html } = await agent.page(`/admin/statements/${s.id}/queue`);
    expect(res.status).toBe(200);
    expect(html).toContain('Nothing waiting for verification.');
  });

  it('lists confirmed endorsements oldest first, with everything a verifier needs to decide', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ title: 'Care now', body: 'We stand together.' });
    const earlier = await ctx.statement({ slug: 'earlier-campaign', title: 'An earlier campaign' });
    const version = (
      await ctx.deps.db
        .selectFrom('statement_texts')
        .select('version')
        .where('statement_id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).version;
    // The same union signed an earlier statement and was verified there.
    await insertEndorsement(ctx.deps, earlier.id, {
      name: 'Syndicat des soignants',
      country: 'FR',
      status: 'verified',
    });
    const newer = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Syndicat des soignants',
      country: 'FR',
      city: 'Lyon',
      website: 'https://www.soignants.example.fr',
      email: 'secretaire@mail.soignants.example.fr',
      contactName: 'Camille Martin',
      contactRole: 'Secrétaire générale',
      members: 4200,
      comment: 'Please call before publishing',
      at: at('2026-01-12T09:00:00Z'),
      textVersion: version,
    });
    const older = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Syndicat des soignant',
      country: 'FR',
      website: 'https://other.example.org',
      email: 'someone@gmail.com',
      at: at('2026-01-10T09:00:00Z'),
      textVersion: version,
    });
    const other = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Dockers United',
      country: 'GB',
      website: null,
      email: 'a@dockers.example',
      at: at('2026-01-11T09:00:00Z'),
    });
    const { agent } = await signedIn(ctx, 'verifier');
    const { html } = await agent.page(`/admin/statements/${s.id}/queue`);
    expect(html).toContain('3 waiting for a decision');
    // Oldest first.
    expect(html.indexOf(`id="e${older}"`)).toBeLessThan(html.indexOf(`id="e${other}"`));
    expect(html.indexOf(`id="e${other}"`)).toBeLessThan(html.indexOf(`id="e${newer}"`));
    const card = html.slice(html.indexOf(`id="e${newer}"`));
    for (const text of [
      'Syndicat des soignants',
      'Union',
      'France',
      'Lyon',
      'https://www.soignants.example.fr',
      '4,200',
      'Camille Martin',
      'Secrétaire générale',
      'secretaire@mail.soignants.example.fr',
      'Please call before publishing',
    ]) {
      expect(card, text).toContain(text);
    }
    expect(card).toContain('The email address is on the website’s domain.');
    expect(card).toContain('An earlier campaign — verified');
    expect(card).toContain(`Confirmed the current text (English, version ${version})`);
    // The near-identical name in the same country is flagged, both ways.
    expect(card).toMatch(new RegExp(`href="#e${older}">Syndicat des soignant<`));
    const olderCard = html.slice(html.indexOf(`id="e${older}"`), html.indexOf(`id="e${other}"`));
    expect(olderCard).toContain('free mail service (gmail.com)');
    const otherCard = html.slice(html.indexOf(`id="e${other}"`), html.indexOf(`id="e${newer}"`));
    expect(otherCard).toContain('No website was given');
    expect(otherCard).toContain('United Kingdom');
    expect(otherCard).toContain('The version of the text that was confirmed is not recorded.');
  });

  it('shows the queue in French', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    await insertEndorsement(ctx.deps, s.id, { status: 'confirmed', country: 'DE' });
    const { agent } = await signedIn(ctx, 'verifier');
    const { html } = await agent.page(`/admin/statements/${s.id}/queue?lang=fr`);
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Vérifier');
    expect(html).toContain('Allemagne');
  });
});

describe('decisions', () => {
  it('verify: one guarded update with its audit entry, the signer’s email and publication', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ title: 'Care now' });
    const id = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Nurses Union',
      email: 'sec@nurses.example.org',
      locale: 'en',
    });
    const { agent, user } = await signedIn(ctx, 'verifier');
    ctx.clock.advance(60_000);
    const res = await agent.post(`/admin/endorsements/${id}/verify`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/admin/queue?statement=${s.id}&done=verified&ids=${id}#decision`,
    );
    const e = await row(id);
    expect(e.status).toBe('verified');
    expect(e.decided_by).toBe(user.id);
    expect(e.verified_at).toEqual(ctx.clock.now());
    expect(e.published_at).toEqual(ctx.clock.now());
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'endorsement-published',
      to_address: 'sec@nurses.example.org',
      locale: 'en',
      endorsement_id: id,
    });
    expect(mails[0]!.data).toMatchObject({
      organisation: 'Nurses Union',
      statementTitle: 'Care now',
      statementUrl: `http://localhost:3000/s/${s.slug}?lang=en`,
    });
    const token = String(mails[0]!.data.withdrawUrl).split('/withdraw/')[1]!;
    expect(verifyToken(ctx.deps.secret, token, 'withdraw', ctx.clock.now())).toMatchObject({
      ok: true,
      payload: { id },
    });
    expect((await auditOf(id)).map((a) => [a.action, a.staff_id, a.statement_id])).toEqual([
      ['endorsement.verify', user.id, s.id],
    ]);
    // Readers see it in the public list, without any contact details.
    const api = await ctx.app.request(`/api/statements/${s.slug}/signatories`);
    const listed = JSON.stringify(await api.json());
    expect(listed).toContain('Nurses Union');
    expect(listed).not.toContain('sec@nurses.example.org');
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain(
      'Verified: Nurses Union. It is listed; the signer gets an email in 10 minutes',
    );
    expect(page.html).toContain('Nothing waiting for verification.');
    // A replay changes nothing and says who decided.
    const again = await agent.post(`/admin/endorsements/${id}/verify`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`already decided by ${user.name}: verified`);
    expect(await outbox()).toHaveLength(1);
  });

  it('with publish_on=confirmed, an endorsement already public keeps its place in the list', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ publishOn: 'confirmed' });
    const publishedAt = at('2026-01-14T08:00:00Z');
    const id = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed', publishedAt });
    const { agent } = await signedIn(ctx, 'admin');
    expect((await agent.post(`/admin/endorsements/${id}/verify`)).status).toBe(303);
    const e = await row(id);
    expect(e.status).toBe('verified');
    expect(e.published_at).toEqual(publishedAt);
  });

  it('two staff verifying at once: one wins, the other is told who decided', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const id = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed' });
    const a = await signedIn(ctx, 'verifier');
    const b = await signedIn(ctx, 'admin');
    const [ra, rb] = await Promise.all([
      a.agent.post(`/admin/endorsements/${id}/verify`),
      b.agent.post(`/admin/endorsements/${id}/reject`, { reason: 'Not a union' }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([303, 409]);
    const winner = ra.status === 303 ? a.user : b.user;
    const loser = ra.status === 303 ? rb : ra;
    expect(await loser.text()).toContain(`already decided by ${winner.name}`);
    expect(await auditOf(id)).toHaveLength(1);
    expect((await row(id)).decided_by).toBe(winner.id);
    expect((await outbox()).length).toBe(ra.status === 303 ? 1 : 0);
  });

  it('two endorsements of one organisation verified at once: one is listed, the other is told, no error', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const first = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Dock Workers',
      country: 'NL',
    });
    const second = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'dock workers',
      country: 'NL',
    });
    const a = await signedIn(ctx, 'verifier');
    const b = await signedIn(ctx, 'verifier');
    const [ra, rb] = await Promise.all([
      a.agent.post(`/admin/endorsements/${first}/verify`),
      b.agent.post(`/admin/endorsements/${second}/verify`),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([303, 409]);
    expect(await (ra.status === 409 ? ra : rb).text()).toContain(
      'This organisation is already listed on this statement',
    );
    const statuses = [(await row(first)).status, (await row(second)).status].sort();
    expect(statuses).toEqual(['confirmed', 'verified']);
    expect(await outbox()).toHaveLength(1);
  });

  it('refuses to publish an organisation already public on the statement, without an error page', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    await insertEndorsement(ctx.deps, s.id, { status: 'verified', name: 'CGT', country: 'FR' });
    const dup = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Cgt',
      country: 'FR',
    });
    const { agent } = await signedIn(ctx, 'verifier');
    const { html } = await agent.page(`/admin/statements/${s.id}/queue`);
    expect(html).toContain('same organisation');
    const res = await agent.post(`/admin/endorsements/${dup}/verify`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This organisation is already listed on this statement');
    expect((await row(dup)).status).toBe('confirmed');
    expect(await outbox()).toHaveLength(0);
  });

  it('reject: reason kept; the signer is emailed only when staff chose to tell them', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ title: 'Care now' });
    const quiet = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed' });
    const told = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      email: 'x@fake.example',
      name: 'Fake Union',
      locale: 'fr',
    });
    const { agent } = await signedIn(ctx, 'verifier');
    expect((await agent.post(`/admin/endorsements/${quiet}/reject`, { reason: '' })).status).toBe(422);
    expect((await agent.post(`/admin/endorsements/${quiet}/reject`, { reason: 'Spam' })).status).toBe(303);
    expect(
      (await agent.post(`/admin/endorsements/${told}/reject`, { reason: 'Not an organisation', tell: '1' }))
        .status,
    ).toBe(303);
    expect(await row(quiet)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Spam',
      published_at: null,
    });
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'endorsement-rejected',
      to_address: 'x@fake.example',
      locale: 'fr',
    });
    expect(mails[0]!.data).toMatchObject({ reason: 'Not an organisation', organisation: 'Fake Union' });
    expect((await auditOf(told))[0]!.details).toMatchObject({
      reason: 'Not an organisation',
      signerTold: true,
    });
  });

  it('corrections to public fields and staff notes are saved and audited with what changed', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const id = await insertEndorsement(ctx.deps, s.id, {
      status: 'verified',
      name: 'Unite teh Union',
      city: 'Londn',
      type: 'other',
    });
    const { agent } = await signedIn(ctx, 'verifier');
    const bad = await agent.post(`/admin/endorsements/${id}/correct`, {
      display_name: 'U',
      city: '',
      org_type: 'union',
    });
    expect(bad.status).toBe(422);
    const res = await agent.post(`/admin/endorsements/${id}/correct`, {
      display_name: 'Unite the Union',
      city: 'London',
      org_type: 'union',
    });
    expect(res.status).toBe(303);
    expect(await row(id)).toMatchObject({
      display_name: 'Unite the Union',
      city: 'London',
      org_type: 'union',
      status: 'verified',
    });
    expect(
      (await agent.post(`/admin/endorsements/${id}/note`, { note: 'Checked with the regional office' }))
        .status,
    ).toBe(303);
    expect((await row(id)).staff_note).toBe('Checked with the regional office');
    // Listed endorsements are corrected from the list of decided ones, which the form returns to.
    const list = await agent.page(res.headers.get('location')!);
    expect(res.headers.get('location')).toBe(
      `/admin/statements/${s.id}/endorsements?status=verified&done=corrected&id=${id}#e${id}`,
    );
    expect(list.html).toContain('Corrections saved.');
    expect(list.html).toContain('Unite the Union');
    expect(list.html).toContain('name="display_name" value="Unite the Union"');
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(['endorsement.correct', 'endorsement.note']);
    expect(entries[0]!.details).toEqual({
      changes: {
        display_name: { from: 'Unite teh Union', to: 'Unite the Union' },
        city: { from: 'Londn', to: 'London' },
        org_type: { from: 'other', to: 'union' },
      },
    });
  });

  it('verifies several selected endorsements together, skipping those already decided', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const other = await ctx.statement();
    const ids = await Promise.all(
      [1, 2, 3].map(() => insertEndorsement(ctx.deps, s.id, { status: 'confirmed' })),
    );
    const done = await insertEndorsement(ctx.deps, s.id, { status: 'rejected' });
    const elsewhere = await insertEndorsement(ctx.deps, other.id, { status: 'confirmed' });
    const { agent } = await signedIn(ctx, 'verifier');
    expect((await agent.post(`/admin/statements/${s.id}/queue/verify`, {})).status).toBe(422);
    const res = await agent.post(`/admin/statements/${s.id}/queue/verify`, {
      ids: [...ids, done, elsewhere].map(String),
    });
    expect(res.status).toBe(303);
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain('Verified (3): Test Union');
    expect(page.html).toContain('Skipped, decided meanwhile or already listed: 2.');
    for (const id of ids) {
      expect((await row(id)).status).toBe('verified');
    }
    expect((await row(elsewhere)).status).toBe('confirmed');
    expect(await outbox()).toHaveLength(3);
  });

  it('shows which version of the text each endorsement confirmed after the text changes', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ title: 'Care now', body: 'First wording.' });
    const v1 = (
      await ctx.deps.db
        .selectFrom('statement_texts')
        .select('version')
        .where('statement_id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).version;
    const signedV1 = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed', textVersion: v1 });
    ctx.clock.advance(86_400_000);
    const { agent } = await signedIn(ctx, 'admin');
    const edit = await agent.post(`/admin/statements/${s.id}/texts/en`, {
      title: 'Care now',
      body: 'Second, stronger wording.',
      action: 'save',
    });
    expect(edit.status).toBe(303);
    const v2 = (
      await ctx.deps.db
        .selectFrom('statement_texts')
        .select('version')
        .where('statement_id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).version;
    expect(v2).not.toBe(v1);
    const signedV2 = await insertEndorsement(ctx.deps, s.id, { status: 'confirmed', textVersion: v2 });
    expect((await row(signedV1)).text_version).toBe(v1);
    const { html } = await agent.page(`/admin/statements/${s.id}/queue`);
    const first = html.slice(html.indexOf(`id="e${signedV1}"`), html.indexOf(`id="e${signedV2}"`));
    const second = html.slice(html.indexOf(`id="e${signedV2}"`));
    expect(first).toContain(
      `Confirmed an earlier version of the text (English, version ${v1} of January 15, 2026). The text has changed since.`,
    );
    expect(second).toContain(`Confirmed the current text (English, version ${v2})`);
    // Both versions are kept.
    const versions = await ctx.deps.db
      .selectFrom('statement_text_versions')
      .select('version')
      .where('statement_id', '=', s.id)
      .execute();
    expect(versions.map((x) => x.version).sort()).toEqual([v1, v2].sort());
  });
});
