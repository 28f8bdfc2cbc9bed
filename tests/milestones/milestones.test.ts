import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStatement } from '../../src/statements/editor.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn, type Agent } from '../staff/helpers.js';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signedIn(ctx, 'admin')).agent;
});
afterAll(() => ctx.close());

async function statement() {
  const s = await ctx.statement();
  await importStatement(ctx.deps, ctx.clock.now(), {
    slug: s.slug,
    locale: 'fr',
    title: `Déclaration ${s.slug}`,
    body: 'Nous sommes ensemble.',
  });
  await admin.page(`/admin/statements/${s.id}/updates`);
  return s;
}

const api = async (slug: string, lang = '') =>
  (await (await ctx.app.request(`/api/statements/${slug}${lang ? `?lang=${lang}` : ''}`)).json()) as {
    milestones: Array<{ date: string; text: string }>;
  };
const page = async (slug: string, lang: string) => (await ctx.app.request(`/s/${slug}?lang=${lang}`)).text();

describe('milestones', () => {
  it('staff add, edit and delete them; the statement page and the API show them at once, in the reader’s language', async () => {
    const s = await statement();
    expect((await api(s.slug)).milestones).toEqual([]);
    expect(await page(s.slug, 'en')).not.toContain('id="milestones-heading"');

    let res = await admin.post(`/admin/statements/${s.id}/milestones`, {
      date: '2026-11-20',
      text_en: 'Delivered to the **embassy**.',
      text_fr: 'Remise à l’**ambassade**.',
    });
    expect(res.status).toBe(303);
    res = await admin.post(`/admin/statements/${s.id}/milestones`, {
      date: '2026-12-01',
      text_en: 'The strikers’ union replied.',
      text_fr: '',
    });
    expect(res.status).toBe(303);

    expect((await api(s.slug)).milestones).toEqual([
      { date: '2026-12-01', text: 'The strikers’ union replied.' },
      { date: '2026-11-20', text: 'Delivered to the **embassy**.' },
    ]);
    // French readers get French where it was written, else the authoritative text.
    expect((await api(s.slug, 'fr')).milestones.map((m) => m.text)).toEqual([
      'The strikers’ union replied.',
      'Remise à l’**ambassade**.',
    ]);
    const fr = await page(s.slug, 'fr');
    expect(fr).toContain('Étapes');
    expect(fr).toContain('<time datetime="2026-11-20">20 novembre 2026</time>');
    expect(fr).toContain('Remise à l’<strong>ambassade</strong>.');

    const rows = await ctx.deps.db
      .selectFrom('milestones')
      .select(['id', 'happened_on'])
      .where('statement_id', '=', s.id)
      .orderBy('happened_on')
      .execute();
    res = await admin.post(`/admin/milestones/${rows[0]!.id}`, {
      date: '2026-11-21',
      text_en: 'Handed to the ambassador.',
      text_fr: '',
    });
    expect(res.status).toBe(303);
    expect((await api(s.slug)).milestones.at(-1)).toEqual({
      date: '2026-11-21',
      text: 'Handed to the ambassador.',
    });
    expect((await admin.post(`/admin/milestones/${rows[1]!.id}/delete`)).status).toBe(303);
    expect((await api(s.slug)).milestones).toEqual([
      { date: '2026-11-21', text: 'Handed to the ambassador.' },
    ]);
    expect(await page(s.slug, 'en')).not.toContain('strikers');

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('statement_id', '=', s.id)
      .where('action', 'like', 'milestone.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'milestone.create',
      'milestone.create',
      'milestone.edit',
      'milestone.delete',
    ]);
  });

  it('refuses a date that does not exist or a missing authoritative text, saying why, and saves nothing', async () => {
    const s = await statement();
    for (const form of <Array<Record<string, string>>>[
      { date: '2026-02-30', text_en: 'Something happened.' },
      { date: 'yesterday', text_en: 'Something happened.' },
      { date: '2026-02-03', text_en: '', text_fr: 'Il s’est passé quelque chose.' },
      { date: '2026-02-03', text_en: 'x'.repeat(1001) },
    ]) {
      const res = await admin.post(`/admin/statements/${s.id}/milestones`, form);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Give a real date and a text in English');
    }
    expect((await api(s.slug)).milestones).toEqual([]);
  });

  it('“also send to every endorser” prepares a draft update to all endorsers, to preview before sending', async () => {
    const s = await statement();
    const res = await admin.post(`/admin/statements/${s.id}/milestones`, {
      date: '2026-11-20',
      text_en: 'Delivered to the embassy.',
      text_fr: 'Remise à l’ambassade.',
      send: '1',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/updates\/\d+$/);
    const { html } = await admin.page(location);
    expect(html).toContain('Every endorser: a service notice');
    expect(html).toContain(`Statement ${s.slug} — 2026-11-20`);
    expect(html).toContain('Remise à l’ambassade.');
    const update = await ctx.deps.db
      .selectFrom('endorser_updates')
      .selectAll()
      .where('statement_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(update).toMatchObject({ status: 'draft', audience: 'all_endorsers' });
  });
});
