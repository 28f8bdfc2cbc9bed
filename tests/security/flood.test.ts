import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../src/changes/transact.js';
import { solvePow } from '../../src/security/pow.js';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { endorse, inputValue, outbox, outboxLink, validForm } from '../endorsements/support.js';

// One hostile client must never close the form for everyone else: its own limit is counted first,
// and only valid submissions that passed it count toward the statement's ceiling.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    config: {
      trustProxy: true,
      rateLimits: {
        endorsePerIp: { limit: 30, windowSeconds: 600 },
        endorsePerEmail: { limit: 10, windowSeconds: 3600 },
        endorsePerStatement: { limit: 40, windowSeconds: 60 },
      },
      powAuto: { difficulty: 6, minutes: 30 },
    },
  });
});
afterAll(() => ctx.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const stored = async (statementId: number) =>
  (
    await ctx.deps.db
      .selectFrom('endorsements')
      .select(['display_name', 'email'])
      .where('statement_id', '=', statementId)
      .execute()
  ).map((r) => r.display_name);

describe('a flood from one client', () => {
  it('of junk submissions is refused at its own limit and leaves the form open for another address', async () => {
    const { id, slug } = await ctx.statement();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const res = await endorse(ctx, slug, { org_name: 'x', locale: 'en' }, from('198.51.100.66'));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    // 30 within its limit (each a 422: the form is invalid), then 429 for the rest.
    expect(Object.fromEntries(statuses)).toEqual({ 422: 30, 429: 170 });
    const other = await endorse(
      ctx,
      slug,
      validForm({ org_name: 'Union Next Door', email: 'next@door.example.org' }),
      from('203.0.113.9'),
    );
    expect(other.status).toBe(303);
    expect(await stored(id)).toEqual(['Union Next Door']);
  });

  it('of resend requests does not count toward the form’s ceiling either', async () => {
    const { id, slug } = await ctx.statement();
    for (let i = 0; i < 100; i++) {
      await postForm(
        ctx.app,
        `/s/${slug}/resend`,
        { email: `x${i}@flood.example.org` },
        from('198.51.100.77'),
      );
    }
    const res = await endorse(
      ctx,
      slug,
      validForm({ org_name: 'After The Resends', email: 'after@resends.example.org' }),
      from('203.0.113.10'),
    );
    expect(res.status).toBe(303);
    expect(await stored(id)).toEqual(['After The Resends']);
  });

  it('from one IPv6 /64 counts as one client, whatever the last 64 bits', async () => {
    const { slug } = await ctx.statement();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await endorse(
        ctx,
        slug,
        { org_name: 'x', locale: 'en' },
        from(`2001:db8:77:1::${i.toString(16)}`),
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const neighbour = await endorse(ctx, slug, { org_name: 'x', locale: 'en' }, from('2001:db8:77:2::1'));
    expect(neighbour.status).toBe(422);
  });
});

describe('when a statement reaches its ceiling', () => {
  it('switches on proof-of-work for a while instead of refusing everyone, and keeps what was typed', async () => {
    const { id, slug } = await ctx.statement();
    for (let i = 0; i < 40; i++) {
      const res = await endorse(
        ctx,
        slug,
        validForm({ org_name: `Federation Member ${i}`, email: `member${i}@fed.example.org` }),
        from(`192.0.2.${i + 1}`),
      );
      expect(res.status).toBe(303);
    }
    // The 41st within the minute: not refused, asked to send again with a few seconds of browser work.
    const late = validForm({ org_name: 'Late But Welcome', email: 'late@welcome.example.org', locale: 'fr' });
    const asked = await endorse(ctx, slug, late, from('192.0.2.200'));
    expect(asked.status).toBe(429);
    const html = await asked.text();
    expect(html).toContain('Rien n’a encore été envoyé');
    expect(inputValue(html, 'org_name')).toBe('Late But Welcome');
    expect(inputValue(html, 'email')).toBe('late@welcome.example.org');
    expect(html).toContain(`data-pow-url="/s/${slug}/pow"`);
    const { challenge } = (await (await ctx.app.request(`/s/${slug}/pow`)).json()) as { challenge: string };
    expect(challenge).toMatch(new RegExp(`^${id}\\.\\d+\\.6\\.`));
    expect(await stored(id)).not.toContain('Late But Welcome');

    // Every reader's page now says why the form asks for a moment of computing.
    const page = await (await ctx.app.request(`/s/${slug}?lang=en`)).text();
    expect(page).toContain('Many endorsements are arriving at once');
    expect(page).toContain(`data-pow-url="/s/${slug}/pow"`);

    // Sent again with the work done: accepted, although the ceiling's window is still full.
    const solved = { ...late, pow_challenge: challenge, pow_nonce: solvePow(challenge, 6) };
    expect((await endorse(ctx, slug, solved, from('192.0.2.200'))).status).toBe(303);
    expect(await stored(id)).toContain('Late But Welcome');

    // After the cool-down the form is plain again.
    ctx.clock.advance(31 * 60_000);
    const later = await (await ctx.app.request(`/s/${slug}?lang=en`)).text();
    expect(inputValue(later, 'pow_challenge')).toBeUndefined();
    expect(await (await ctx.app.request(`/s/${slug}/pow`)).json()).toEqual({ difficulty: 0 });
    expect(later).not.toContain('Many endorsements are arriving at once');
  });
});

/** A staff edit of the statement, announced as the editor does so every cache drops it. */
async function changeStatement(id: number, change: { status?: 'closed' | 'draft'; closes_at?: Date }) {
  await transact(ctx.deps, async (trx, announce) => {
    await trx.updateTable('statements').set(change).where('id', '=', id).execute();
    await announce({ kind: 'changed', statementId: id });
  });
}

describe('a statement that is closed or back to draft', () => {
  async function pendingOn() {
    const st = await ctx.statement();
    const email = `pending-${st.id}@closing.example.org`;
    expect(
      (await endorse(ctx, st.slug, validForm({ org_name: `Pending ${st.id}`, email }), from('203.0.113.50')))
        .status,
    ).toBe(303);
    const row = (await outbox(ctx)).find((r) => r.to_address === email)!;
    return { ...st, email, confirm: outboxLink(row, 'confirm') };
  }

  it.each([
    ['closed', { status: 'closed' as const }],
    ['draft', { status: 'draft' as const }],
    ['past its closing date', { closes_at: new Date('2026-01-01T00:00:00Z') }],
  ])('takes no confirmation when %s: 409, nothing published, nothing mailed', async (_name, change) => {
    const st = await pendingOn();
    await changeStatement(st.id, change);
    const mailsBefore = (await outbox(ctx)).length;
    const get = await ctx.app.request(st.confirm);
    expect(get.status).toBe(409);
    expect(await get.text()).not.toContain('<button');
    const post = await postForm(ctx.app, st.confirm, {});
    expect(post.status).toBe(409);
    expect(await post.text()).toContain('Nothing has been published');
    const row = await ctx.deps.db
      .selectFrom('endorsements')
      .select(['status', 'published_at'])
      .where('email', '=', st.email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', published_at: null });
    expect((await outbox(ctx)).length).toBe(mailsBefore);
  });

  it('sends no new link when asked to resend: 409, nothing queued', async () => {
    const st = await pendingOn();
    await changeStatement(st.id, { status: 'closed' });
    const mailsBefore = (await outbox(ctx)).length;
    const res = await postForm(ctx.app, `/s/${st.slug}/resend`, { email: st.email }, from('203.0.113.51'));
    expect(res.status).toBe(409);
    expect((await outbox(ctx)).length).toBe(mailsBefore);
  });
});
