import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

async function draft(agent: Awaited<ReturnType<typeof signedIn>>['agent'], slug: string, closesAt = '') {
  await agent.page('/admin/statements/new');
  const res = await agent.post('/admin/statements/new', {
    slug,
    locale: 'en',
    title: 'Riders deserve contracts',
    body: 'We, the undersigned organisations…',
    publish_on: 'verified',
    closes_at: closesAt,
    action: 'save',
  });
  expect(res.status).toBe(303);
  return Number(/\/admin\/statements\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

const statusOf = async (id: number) =>
  (await ctx.deps.db.selectFrom('statements').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('opening and sharing a statement', { timeout: 120_000 }, () => {
  it('a checklist, one button, then the "Now live" panel: address, share links, embed and badge code, QR code', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const id = await draft(agent, 'riders');
    expect(await statusOf(id)).toBe('draft');
    const edit = await agent.page(`/admin/statements/${id}`);
    expect(edit.html).toContain(`href="/admin/statements/${id}/open"`);

    const check = await agent.page(`/admin/statements/${id}/open`);
    expect(check.res.status).toBe(200);
    expect(check.html).toContain('Open “Riders deserve contracts” for endorsements');
    expect(check.html).toContain('“Riders deserve contracts” is written.');
    expect(check.html).toContain('Only one language: readers of other languages see the original text.');
    expect(check.html).toContain('None: the statement stays open until you close it.');
    expect(check.html).toContain('After staff verify them (recommended).');
    expect(check.html).toContain(`action="/admin/statements/${id}/open"`);
    // Still a draft: looking at the checklist changes nothing.
    expect(await statusOf(id)).toBe('draft');

    const open = await agent.post(`/admin/statements/${id}/open`);
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(`/admin/statements/${id}/live?done=opened`);
    expect(await statusOf(id)).toBe('open');
    expect((await ctx.app.request('/s/riders')).status).toBe(200);

    const live = await agent.page(`/admin/statements/${id}/live?done=opened`);
    expect(live.html).toContain('“Riders deserve contracts” is open for endorsements. Share it now.');
    expect(live.html).toContain('value="http://localhost:3000/s/riders"');
    expect(live.html).toContain('&lt;iframe src=&quot;http://localhost:3000/s/riders/embed?lang=en&quot;');
    expect(live.html).toContain('http://localhost:3000/s/riders/badge.svg?lang=en');
    expect(live.html).toContain(
      'https://wa.me/?text=Riders%20deserve%20contracts%20http%3A%2F%2Flocalhost%3A3000%2Fs%2Friders',
    );
    expect(live.html).toContain('mailto:?subject=Riders%20deserve%20contracts');
    expect(live.html).toMatch(
      /<figure class="qr" role="img" aria-label="QR code of http:\/\/localhost:3000\/s\/riders"><svg [^>]*viewBox/,
    );
    expect(live.html).toMatch(/<script src="\/assets\/staff-share\.[^"]+\.js" defer/);

    const qr = await agent.get(`/admin/statements/${id}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    // Opening again changes nothing and leads to the panel.
    expect((await agent.get(`/admin/statements/${id}/open`)).headers.get('location')).toBe(
      `/admin/statements/${id}/live`,
    );
    const log = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('statement_id', '=', id)
      .execute();
    expect(log.filter((a) => a.action === 'statement.open')).toEqual([
      { action: 'statement.open', details: { from: 'draft' } },
    ]);
    expect((await agent.page('/admin/audit?group=statements')).html).toContain(
      'opened “Riders deserve contracts” for endorsements.',
    );
  });

  it('a closing date in the past blocks the opening: no button, and the POST is refused', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    // The form refuses a past closing date; one an hour ahead passes while the draft waits.
    const soon = new Date(ctx.clock.now().getTime() + 3_600_000).toISOString().slice(0, 16);
    const id = await draft(agent, 'too-late', soon);
    ctx.clock.advance(3_660_000);
    const check = await agent.page(`/admin/statements/${id}/open`);
    expect(check.html).toContain('The closing date has passed');
    expect(check.html).not.toContain(`action="/admin/statements/${id}/open"`);
    const res = await agent.post(`/admin/statements/${id}/open`);
    expect(res.status).toBe(409);
    expect(await statusOf(id)).toBe('draft');
  });

  it('setting an open statement back to draft asks first, saying what disappears', async () => {
    ctx = await createTestContext();
    const { agent } = await signedIn(ctx, 'admin');
    const id = await draft(agent, 'second-thoughts');
    await agent.post(`/admin/statements/${id}/open`);
    await agent.page(`/admin/statements/${id}`);
    const settings = { status: 'draft', publish_on: 'verified', closes_at: '', authoritative: 'en' };
    const ask = await agent.post(`/admin/statements/${id}`, settings);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain('Set this statement back to draft?');
    expect(html).toContain('name="confirm" value="yes"');
    expect(await statusOf(id)).toBe('open');
    const done = await agent.post(`/admin/statements/${id}`, { ...settings, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(await statusOf(id)).toBe('draft');
    // Closing (the list stays public) needs no extra step.
    await agent.post(`/admin/statements/${id}/open`);
    expect((await agent.post(`/admin/statements/${id}`, { ...settings, status: 'closed' })).status).toBe(303);
    expect(await statusOf(id)).toBe('closed');
  });
});
