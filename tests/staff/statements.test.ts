import { afterEach, describe, expect, it } from 'vitest';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

const statementBySlug = (slug: string) =>
  ctx.deps.db.selectFrom('statements').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
const texts = (id: number) =>
  ctx.deps.db
    .selectFrom('statement_texts')
    .selectAll()
    .where('statement_id', '=', id)
    .orderBy('locale')
    .execute();
const actions = () =>
  ctx.deps.db.selectFrom('audit_log').select(['action', 'statement_id']).orderBy('id').execute();

describe('statement editor', () => {
  it('creates a draft in two languages, previews it, opens it, and everything is in the audit log', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    expect((await agent.page('/admin/statements/new')).res.status).toBe(200);

    const invalid = await agent.post('/admin/statements/new', {
      slug: 'Bad Slug!',
      locale: 'english',
      title: '',
      body: '',
      publish_on: 'verified',
      closes_at: 'tomorrow',
      action: 'save',
    });
    expect(invalid.status).toBe(422);
    const page = await invalid.text();
    for (const m of [
      'Use 1 to 80 lowercase letters',
      'two-letter language code',
      'Enter a title',
      'Enter the text',
      'Enter a date and time',
    ]) {
      expect(page).toContain(m);
    }

    const fields = {
      slug: 'care-workers',
      locale: 'en',
      title: 'A fair deal for care workers',
      body: 'We, the undersigned, **demand** a fair deal.\n\n<script>alert(1)</script>',
      publish_on: 'verified',
      closes_at: '2026-06-30T18:00',
    };
    const preview = await agent.post('/admin/statements/new', { ...fields, action: 'preview' });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('<strong>demand</strong>');
    expect(previewHtml).not.toContain('<script>alert(1)</script>');
    // The preview sits below a long form: the button posts to #preview, so the browser lands on it.
    expect(previewHtml).toContain('formaction="/admin/statements/new#preview"');
    expect(previewHtml).toContain('<section class="preview" id="preview"');
    expect(await ctx.deps.db.selectFrom('statements').select('id').execute()).toHaveLength(0);

    const created = await agent.post('/admin/statements/new', { ...fields, action: 'save' });
    expect(created.status).toBe(303);
    const s = await statementBySlug('care-workers');
    expect(created.headers.get('location')).toBe(`/admin/statements/${s.id}?done=created`);
    expect(s).toMatchObject({ status: 'draft', publish_on: 'verified', default_locale: 'en' });
    expect(s.closes_at).toEqual(new Date('2026-06-30T18:00:00Z'));
    expect((await agent.post('/admin/statements/new', { ...fields, action: 'save' })).status).toBe(422); // slug taken

    // Drafts: 404 in public, visible in the staff preview.
    expect((await ctx.app.request('/s/care-workers')).status).toBe(404);
    const draft = await agent.page(`/admin/statements/${s.id}/preview`);
    expect(draft.res.status).toBe(200);
    expect(draft.html).toContain('A fair deal for care workers');
    expect(draft.html).toContain('Draft: only staff can see this statement.');

    // A French translation.
    expect((await agent.page(`/admin/statements/${s.id}/texts/fr`)).html).toContain(
      'New translation: French',
    );
    const fr = await agent.post(`/admin/statements/${s.id}/texts/fr`, {
      title: 'Un accord juste pour les aides à domicile',
      body: 'Nous, signataires, exigeons un accord juste.',
      action: 'save',
    });
    expect(fr.status).toBe(303);
    expect((await texts(s.id)).map((t) => [t.locale, t.authoritative])).toEqual([
      ['en', true],
      ['fr', false],
    ]);

    // Make French authoritative and open the statement.
    const open = await agent.post(`/admin/statements/${s.id}`, {
      status: 'open',
      publish_on: 'confirmed',
      closes_at: '',
      authoritative: 'fr',
    });
    expect(open.status).toBe(303);
    const opened = await statementBySlug('care-workers');
    expect(opened).toMatchObject({ status: 'open', publish_on: 'confirmed', closes_at: null });
    expect(opened.opened_at).toEqual(ctx.clock.now());
    expect((await texts(s.id)).map((t) => [t.locale, t.authoritative])).toEqual([
      ['en', false],
      ['fr', true],
    ]);
    expect((await ctx.app.request('/s/care-workers')).status).toBe(200);
    const edit = await agent.page(open.headers.get('location')!);
    expect(edit.html).toContain('Settings saved.');
    expect(edit.html).toContain('Un accord juste pour les aides à domicile');

    expect(await actions()).toEqual([
      { action: 'staff.login', statement_id: null },
      { action: 'statement.create', statement_id: s.id },
      { action: 'statement.text.add', statement_id: s.id },
      { action: 'statement.settings', statement_id: s.id },
    ]);
    const settings = await ctx.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'statement.settings')
      .executeTakeFirstOrThrow();
    expect(settings.details).toEqual({
      changes: {
        status: { from: 'draft', to: 'open' },
        publish_on: { from: 'verified', to: 'confirmed' },
        closes_at: { from: '2026-06-30T18:00:00.000Z', to: null },
        authoritative: { from: 'en', to: 'fr' },
      },
    });
  });

  it('a statement whose closing date has passed says so to staff', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ closesAt: new Date('2026-01-20T00:00:00Z') });
    const { agent } = await signedIn(ctx, 'admin');
    expect((await agent.page(`/admin/statements/${s.id}`)).html).not.toContain('closing date passed');
    ctx.clock.set(new Date('2026-01-20T00:00:01Z'));
    const again = await signedIn(ctx, 'admin');
    expect((await again.agent.page(`/admin/statements/${s.id}`)).html).toContain('closing date passed');
    expect((await again.agent.page('/admin')).html).toContain('closing date passed');
  });

  it('warns before editing a text endorsements refer to, and saving the same text again changes nothing', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ title: 'T', body: 'Body.' });
    await insertEndorsement(ctx.deps, s.id, { status: 'verified' });
    const { agent } = await signedIn(ctx, 'admin');
    expect((await agent.page(`/admin/statements/${s.id}/texts/en`)).html).toContain(
      'Endorsements already refer to this text: 1.',
    );
    expect(
      (await agent.post(`/admin/statements/${s.id}/texts/en`, { title: 'T', body: 'Body.', action: 'save' }))
        .status,
    ).toBe(303);
    expect((await actions()).map((a) => a.action)).toEqual(['staff.login']);
    expect(
      (await agent.post(`/admin/statements/${s.id}/texts/en`, { title: 'T', body: '', action: 'save' }))
        .status,
    ).toBe(422);
    expect(
      (await agent.post(`/admin/statements/${s.id}/texts/xx`, { title: 'T', body: 'x', action: 'save' }))
        .status,
    ).not.toBe(500);
  });

  it('takes long statement texts (admin body limit above the public 64 KB)', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const { agent } = await signedIn(ctx, 'admin');
    const body = 'Solidarity. '.repeat(12_000); // ~144 KB
    expect(
      (await agent.post(`/admin/statements/${s.id}/texts/en`, { title: 'Long', body, action: 'save' }))
        .status,
    ).toBe(303);
    expect(
      (
        await agent.post(`/admin/statements/${s.id}/texts/en`, {
          title: 'Too long',
          body: 'x'.repeat(1_100_000),
          action: 'save',
        })
      ).status,
    ).toBe(413);
  });
});
