import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

const form = {
  slug: '',
  locale: 'fr',
  title: 'Droits des livreurs : São Paulo !',
  body: 'Nous, organisations signataires…',
  publish_on: 'verified',
  closes_at: '',
  action: 'save',
};

describe('the statement form', { timeout: 120_000 }, () => {
  it('asks for the title first, suggests the web address from it, offers a language select and refuses a past closing date', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const page = (await agent.page('/admin/statements/new')).html;
    expect(page.indexOf('id="title"')).toBeLessThan(page.indexOf('id="slug"'));
    expect(page).toMatch(/<select id="locale" name="locale"/);
    for (const code of ['en', 'fr', 'es', 'de', 'pt', 'it', 'ar']) {
      expect(page).toContain(`<option value="${code}"`);
    }
    expect(page).toContain('Leave it empty to use one made from the title');

    const past = await agent.post('/admin/statements/new', { ...form, closes_at: '2026-01-01T09:00' });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('This date and time has passed');
    const badLanguage = await agent.post('/admin/statements/new', { ...form, locale: 'xx' });
    expect(badLanguage.status).toBe(422);

    const created = await agent.post('/admin/statements/new', form);
    expect(created.status).toBe(303);
    const s = await ctx.deps.db
      .selectFrom('statements')
      .select(['id', 'slug', 'default_locale'])
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ id: s.id, slug: 'droits-des-livreurs-sao-paulo', default_locale: 'fr' });

    // Versions by date (the hash only as a tooltip); the translation editor shows the original beside.
    const edit = (await agent.page(`/admin/statements/${s.id}`)).html;
    expect(edit).toMatch(/<time datetime="[^"]+" title="[0-9a-f]{8,}">of /);
    const en = (await agent.page(`/admin/statements/${s.id}/texts/en`)).html;
    expect(en).toContain('The original (French)');
    expect(en).toContain('Droits des livreurs : São Paulo !');
    expect(en).toContain('<aside class="original"');
  });

  it('reads and shows the closing date in the staff member’s time zone (UTC without JavaScript)', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const utc = (await agent.page('/admin/statements/new')).html;
    expect(utc).toContain('time zone UTC');
    expect(utc).toMatch(/<script src="\/assets\/staff-form\.[^"]+\.js" defer/);
    // staff-form.js remembers the browser's zone in this cookie.
    agent.cookies.set('undersigned_staff_tz', 'Europe/Berlin');
    const berlin = (await agent.page('/admin/statements/new')).html;
    expect(berlin).toContain('time zone Europe/Berlin');
    expect(berlin).toContain('name="tz" value="Europe/Berlin"');
    const res = await agent.post('/admin/statements/new', {
      ...form,
      slug: 'berlin',
      closes_at: '2026-06-30T18:00',
      tz: 'Europe/Berlin',
    });
    expect(res.status).toBe(303);
    const s = await ctx.deps.db
      .selectFrom('statements')
      .select(['id', 'closes_at'])
      .where('slug', '=', 'berlin')
      .executeTakeFirstOrThrow();
    // 18:00 in Berlin in summer is 16:00 UTC.
    expect(s.closes_at).toEqual(new Date('2026-06-30T16:00:00Z'));
    expect((await agent.page(`/admin/statements/${s.id}`)).html).toContain('value="2026-06-30T18:00"');
    // A zone that is not one is read as UTC.
    agent.cookies.set('undersigned_staff_tz', 'Mars/Olympus');
    expect((await agent.page('/admin/statements/new')).html).toContain('time zone UTC');
  });
});
