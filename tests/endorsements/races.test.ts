import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawUrl } from '../../src/endorsements/tokens.js';
import { postForm } from '../support/http.js';
import { onPostgres } from '../support/test-db.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { endorse, endorsementsOf, outbox, outboxLink, validForm } from './support.js';

// Double clicks and simultaneous requests. PGlite has one connection (requests queue up);
// a real server runs them truly at once, which is where the unique indexes earn their keep.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('simultaneous requests', () => {
  it('the same form sent many times at once makes one pending row and at most 1 + cap emails', async () => {
    const s = await ctx.statement();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => endorse(ctx, s.slug, validForm({ email: 'burst@union.example.org' }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(303));
    const rows = await endorsementsOf(ctx, s.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.resend_count).toBe(5);
    expect((await outbox(ctx)).filter((m) => m.endorsement_id === rows[0]!.id)).toHaveLength(6);
  });

  it('two confirmations of one organisation at once publish it once (publish_on=confirmed)', async () => {
    const s = await ctx.statement({ publishOn: 'confirmed' });
    await endorse(ctx, s.slug, validForm({ email: 'one@union.example.org' }));
    await endorse(ctx, s.slug, validForm({ email: 'two@union.example.org' }));
    const rows = await endorsementsOf(ctx, s.id);
    expect(rows).toHaveLength(2);
    const mails = await outbox(ctx);
    const paths = rows.map((r) =>
      outboxLink(
        mails.find((m) => m.endorsement_id === r.id && m.template === 'confirm-endorsement')!,
        'confirm',
      ),
    );
    const answers = await Promise.all([...paths, ...paths].map((p) => postForm(ctx.app, p, {})));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303, 303]);
    const after = await endorsementsOf(ctx, s.id);
    expect(after.map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    expect(after.filter((r) => r.published_at !== null)).toHaveLength(1);
  });

  it.runIf(onPostgres)('confirm and withdraw racing leave one coherent state', async () => {
    const s = await ctx.statement({ publishOn: 'confirmed' });
    await endorse(ctx, s.slug, validForm({ email: 'race@union.example.org' }));
    const [row] = await endorsementsOf(ctx, s.id);
    const mail = (await outbox(ctx)).find((m) => m.endorsement_id === row!.id)!;
    const confirm = outboxLink(mail, 'confirm');
    const withdraw = new URL(withdrawUrl('http://localhost:3000', ctx.deps.secret, row!.id, ctx.clock.now()))
      .pathname;
    await Promise.all([
      postForm(ctx.app, confirm, {}),
      postForm(ctx.app, withdraw, {}),
      postForm(ctx.app, confirm, {}),
    ]);
    const [after] = await endorsementsOf(ctx, s.id);
    // Withdrawing wins whatever the order: a confirmation that comes second finds nothing pending.
    expect(after!.status).toBe('withdrawn');
  });
});
