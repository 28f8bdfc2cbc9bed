import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, tokenFor } from '../../src/endorsements/tokens.js';
import { insertEndorsement } from '../support/fixtures.js';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { endorse, endorsementsOf, outbox, outboxLink, validForm } from './support.js';

// Links taken from the outbox row (no mail worker needed): these tests are about the pages.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const get = (path: string) => ctx.app.request(path);
const post = (path: string, fields: Record<string, string> = {}) => postForm(ctx.app, path, fields);
const statusOf = async (id: number) =>
  (
    await ctx.deps.db
      .selectFrom('endorsements')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

/** A fresh pending endorsement and the confirm path from its queued email. */
async function pending(email: string) {
  const s = await ctx.statement();
  await endorse(ctx, s.slug, validForm({ email }));
  const [e] = await endorsementsOf(ctx, s.id);
  const mail = (await outbox(ctx)).find(
    (m) => m.endorsement_id === e!.id && m.template === 'confirm-endorsement',
  )!;
  return { s, id: e!.id, path: outboxLink(mail, 'confirm') };
}

describe('signed links refuse what they should', () => {
  it('tampered, truncated, malformed and wrong-purpose tokens get a 400 page and change nothing', async () => {
    const { id, path } = await pending('tamper@union.example.org');
    const token = path.slice('/confirm/'.length);
    const [body, sig] = token.split('.') as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const otherId = Buffer.from(JSON.stringify({ id: id + 1, p: 'confirm', exp: 4102444800 })).toString(
      'base64url',
    );
    const bad = [
      `${body}.${flip(sig, 3)}`, // signature changed
      `${flip(body, 2)}.${sig}`, // payload changed
      `${otherId}.${sig}`, // another id under the old signature
      `${body}.${sig.slice(0, -4)}`, // truncated
      body, // no signature at all
      `${body}.`,
      'abc',
      `${body}.${sig}.${sig}`,
      'x'.repeat(600),
      tokenFor(ctx.deps.secret, id, 'withdraw', ctx.clock.now()), // wrong purpose
      createToken(Buffer.alloc(32, 7), { id, purpose: 'confirm', exp: 4102444800 }), // another key
    ];
    for (const t of bad) {
      for (const res of [await get(`/confirm/${t}`), await post(`/confirm/${t}`)]) {
        expect(res.status, t).toBe(400);
        expect(await res.text()).toContain('This link does not work');
      }
    }
    // A confirm token is no withdraw token either.
    expect((await post(`/withdraw/${token}`)).status).toBe(400);
    expect(await statusOf(id)).toBe('pending');
  });

  it('a valid token for an endorsement that no longer exists: 404, no crash', async () => {
    const t = tokenFor(ctx.deps.secret, 987654, 'confirm', ctx.clock.now());
    const res = await get(`/confirm/${t}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This endorsement no longer exists');
  });

  it('a replayed confirmation changes nothing the second time', async () => {
    const { s, id, path } = await pending('replay@union.example.org');
    expect((await post(path)).status).toBe(303);
    const first = await ctx.deps.db
      .selectFrom('endorsements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const mailsAfterFirst = (await outbox(ctx)).length;
    ctx.clock.advance(3600_000);
    const replay = await post(path);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe(`/s/${s.slug}/confirmed?lang=en`);
    const second = await ctx.deps.db
      .selectFrom('endorsements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(second.confirmed_at).toEqual(first.confirmed_at);
    expect(second.updated_at).toEqual(first.updated_at);
    expect((await outbox(ctx)).length).toBe(mailsAfterFirst);
  });

  it('an expired link: 410 on GET and POST, the endorsement stays pending', async () => {
    const { id, path } = await pending('late@union.example.org');
    ctx.clock.advance(7 * 86_400_000 + 1);
    for (const res of [await get(path), await post(path)]) {
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('This link has expired');
      expect(html).toContain('Send me a new link');
    }
    expect(await statusOf(id)).toBe('pending');
  });

  it('withdrawn and rejected endorsements cannot be confirmed; their pages say why', async () => {
    const s = await ctx.statement();
    for (const [status, words] of [
      ['withdrawn', 'This endorsement was withdrawn'],
      ['rejected', 'This endorsement was not accepted'],
    ] as const) {
      const id = await insertEndorsement(ctx.deps, s.id, { status });
      const t = tokenFor(ctx.deps.secret, id, 'confirm', ctx.clock.now());
      const page = await get(`/confirm/${t}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(words);
      expect((await post(`/confirm/${t}`)).status).toBe(409);
      expect(await statusOf(id)).toBe(status);
    }
  });

  it('a rejected endorsement can still be withdrawn (it then leaves nothing behind in the queue)', async () => {
    const s = await ctx.statement();
    const id = await insertEndorsement(ctx.deps, s.id, { status: 'rejected' });
    const t = tokenFor(ctx.deps.secret, id, 'withdraw', ctx.clock.now());
    expect((await get(`/withdraw/${t}`)).status).toBe(200);
    expect(await statusOf(id)).toBe('rejected');
    expect((await post(`/withdraw/${t}`)).status).toBe(303);
    expect(await statusOf(id)).toBe('withdrawn');
  });
});
