import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
}, 120_000);
afterAll(() => ctx?.close());

/** One statement's card on the dashboard, and its figures by label. */
const cardOf = (html: string, title: string) => {
  const start = html.lastIndexOf('<li class="card', html.indexOf(`>${title}</h2>`));
  const card = html.slice(start, html.indexOf('</li>', html.indexOf('class="figures"', start)));
  const figures = Object.fromEntries(
    [...card.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]]),
  );
  return { card, figures };
};

describe('the dashboard', () => {
  it('says per statement what waits (and since when), what is unconfirmed, rejected, withdrawn, public, new today', async () => {
    ctx.clock.set(new Date('2026-03-10T15:00:00Z'));
    const busy = await ctx.statement({ title: 'Busy statement', closesAt: new Date('2026-04-01T18:00:00Z') });
    const calm = await ctx.statement({ title: 'Calm statement' });
    const at = (iso: string) => new Date(iso);
    await insertEndorsement(ctx.deps, busy.id, { status: 'confirmed', at: at('2026-03-10T12:00:00Z') });
    await insertEndorsement(ctx.deps, busy.id, { status: 'confirmed', at: at('2026-03-10T14:00:00Z') });
    await insertEndorsement(ctx.deps, busy.id, { status: 'pending', at: at('2026-03-10T14:30:00Z') });
    await insertEndorsement(ctx.deps, busy.id, { status: 'rejected', at: at('2026-03-01T10:00:00Z') });
    await insertEndorsement(ctx.deps, busy.id, { status: 'withdrawn', at: at('2026-03-01T10:00:00Z') });
    await insertEndorsement(ctx.deps, busy.id, {
      status: 'verified',
      country: 'FR',
      members: 1200,
      at: at('2026-03-02T10:00:00Z'),
    });
    await insertEndorsement(ctx.deps, busy.id, {
      status: 'verified',
      country: 'DE',
      members: 300,
      at: at('2026-03-02T10:00:00Z'),
    });
    await insertEndorsement(ctx.deps, calm.id, { status: 'verified', at: at('2026-03-02T10:00:00Z') });

    const { agent } = await signedIn(ctx, 'verifier');
    const { res, html } = await agent.page('/admin');
    expect(res.status).toBe(200);
    const b = cardOf(html, 'Busy statement');
    expect(b.figures).toEqual({
      Public: '2',
      Countries: '2',
      Members: '1,500',
      Waiting: '2',
      'Not confirmed': '1',
      Rejected: '1',
      Withdrawn: '1',
      'New today': '3',
    });
    expect(b.card).toContain('class="button" href="/admin/statements/');
    expect(b.card).toContain('Verification queue: 2 waiting');
    expect(b.card).toContain('the oldest has waited 3 hours');
    expect(b.card).toContain('closes Apr 1, 2026');
    const c = cardOf(html, 'Calm statement');
    expect(c.card).toMatch(/^<li class="card calm">/);
    expect(c.card).not.toContain('class="button"');
    expect(c.card).toContain('Verification queue: nothing waiting');
    expect(c.card).toContain('no closing date');
    expect(html).toContain('All open statements: 2 waiting for a decision');
  });
});
