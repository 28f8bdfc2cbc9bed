import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredData } from '../../src/privacy/purge.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('privacy purge', () => {
  it('deletes endorsements never confirmed after the retention period, with their mail, and keeps the rest', async () => {
    const { id } = await ctx.statement();
    const day = 86_400_000;
    const now = ctx.clock.now();
    const old = await insertEndorsement(ctx.deps, id, {
      status: 'pending',
      at: new Date(now.getTime() - 31 * day),
      email: 'old@example.org',
    });
    const recent = await insertEndorsement(ctx.deps, id, {
      status: 'pending',
      at: new Date(now.getTime() - 29 * day),
    });
    const oldConfirmed = await insertEndorsement(ctx.deps, id, {
      status: 'confirmed',
      at: new Date(now.getTime() - 90 * day),
    });
    await enqueueMail(
      ctx.deps.db,
      { template: 'confirm-endorsement', locale: 'en', to: 'old@example.org', data: {}, endorsementId: old },
      new Date(now.getTime() - 31 * day),
    );

    const result = await purgeExpiredData(ctx.deps.db, now, 30);
    expect(result).toMatchObject({ pendingDeleted: 1, mailDeleted: 1 });
    const left = await ctx.deps.db
      .selectFrom('endorsements')
      .select('id')
      .where('statement_id', '=', id)
      .orderBy('id')
      .execute();
    expect(left.map((r) => r.id)).toEqual([recent, oldConfirmed].sort((a, b) => a - b));
    const mail = await ctx.deps.db
      .selectFrom('email_outbox')
      .select('to_address')
      .where('to_address', '=', 'old@example.org')
      .execute();
    expect(mail).toEqual([]);
  });

  it('the privacy notice says how long unconfirmed data is kept, in the reader’s language', async () => {
    const en = await (await ctx.app.request('/privacy')).text();
    expect(en).toContain('<h1>Privacy notice</h1>');
    expect(en).toContain('deleted after 30 days');
    const fr = await (await ctx.app.request('/privacy?lang=fr')).text();
    // French typography: a no-break space ties the number to its unit (Intl's unit format).
    expect(fr).toContain('supprimée au bout de 30\u00a0jours');
    const home = await (await ctx.app.request('/')).text();
    expect(home).toContain('<a href="/privacy">Privacy notice</a>');
  });
});
