import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

describe('the draft preview', { timeout: 120_000 }, () => {
  it('keeps its language links, list and downloads inside the preview, in the staff language, and never says "closed"', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    await agent.page('/admin/statements/new');
    const created = await agent.post('/admin/statements/new', {
      slug: 'care',
      locale: 'en',
      title: 'A fair deal for care workers',
      body: 'Care work holds our societies together.',
      publish_on: 'verified',
      closes_at: '',
      action: 'save',
    });
    const id = Number(/\/admin\/statements\/(\d+)/.exec(created.headers.get('location')!)![1]);
    await agent.page(`/admin/statements/${id}/texts/fr`);
    await agent.post(`/admin/statements/${id}/texts/fr`, {
      title: 'Un accord juste pour le soin',
      body: 'Le soin fait tenir nos sociétés.',
      action: 'save',
    });
    const base = `/admin/statements/${id}/preview`;

    const res = await agent.get(base);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('A fair deal for care workers');
    expect(html).toContain(
      'Not open yet: the form appears here once the statement is opened for endorsements.',
    );
    expect(html).not.toContain('This statement is closed');
    // Links stay inside the preview; nothing points at the public address, which is 404 for a draft.
    expect(html).toContain(`href="${base}?text=fr"`);
    expect(html).not.toMatch(/href="\/s\/care[?/"]/);
    expect(html).not.toContain('data-live-events');
    expect(html).not.toContain('signatories.csv');
    expect(html).not.toContain('/api/statements/care');
    expect(html).toContain('the live updates and the embed code appear on the public page');
    expect((await ctx.app.request('/s/care')).status).toBe(404);

    // Another language of the text: the text changes, the staff interface does not, no cookie is set.
    const fr = await agent.get(`${base}?text=fr`);
    expect(fr.headers.getSetCookie().filter((c) => c.startsWith('lang='))).toEqual([]);
    const frHtml = await fr.text();
    expect(frHtml).toContain('<h1>Un accord juste pour le soin</h1>');
    expect(frHtml).toMatch(/^<!doctype html><html lang="en"/);
    expect(frHtml).toContain('Not open yet: the form appears here');
    expect(frHtml).toContain(`href="${base}?text=en"`);
    expect((await agent.page('/admin')).html).toContain('>Statements<');
  });

  it('previewing an open statement leaves its public page as readers get it', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ slug: 'open-one' });
    const { agent } = await signedIn(ctx, 'admin');
    expect((await agent.get(`/admin/statements/${s.id}/preview`)).status).toBe(200);
    const pub = await (await ctx.app.request('/s/open-one?lang=en')).text();
    expect(pub).toContain('data-live-events="/s/open-one/events"');
    expect(pub).toContain('/s/open-one/signatories.csv');
  });
});
