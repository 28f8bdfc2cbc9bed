import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { purgeExpiredData } from '../../src/privacy/purge.js';
import {
  issuePowChallenge,
  leadingZeroBits,
  powDigest,
  solvePow,
  verifyPow,
  POW_TTL_MS,
} from '../../src/security/pow.js';
import { endorse, endorsementsOf, inputValue, outbox, validForm } from '../endorsements/support.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// Low enough to solve in a few ms in the test, high enough that a random answer fails.
const BITS = 8;

let ctx: TestContext;
let statement: { id: number; slug: string };
beforeAll(async () => {
  ctx = await createTestContext({ config: { powDifficulty: BITS } });
  statement = await ctx.statement();
});
afterAll(() => ctx.close());

/** The challenge public/pow.js fetches for a form. */
async function fetchChallenge(slug = statement.slug): Promise<string> {
  const res = await ctx.app.request(`/s/${slug}/pow`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return ((await res.json()) as { challenge: string }).challenge;
}

/** What a browser running public/pow.js sends: a fetched challenge and a found answer. */
async function solvedForm(overrides: Record<string, string> = {}) {
  const challenge = await fetchChallenge();
  return {
    ...(validForm(overrides) as Record<string, string>),
    pow_challenge: challenge,
    pow_nonce: solvePow(challenge, BITS),
  };
}

const counts = async () => ({
  endorsements: (await endorsementsOf(ctx, statement.id)).length,
  mail: (await outbox(ctx)).length,
});

describe('proof-of-work on the endorsement form (POW_DIFFICULTY)', () => {
  it('is off by default: no challenge, no script, the button works without JavaScript', async () => {
    expect(defaultConfig().powDifficulty).toBe(0);
    // Its own statement: the page cache is shared with the app that has proof-of-work on.
    const other = await ctx.statement();
    const off = createApp({ ...ctx.deps, config: { ...ctx.deps.config, powDifficulty: 0 } });
    const html = await (await off.request(`/s/${other.slug}`)).text();
    expect(html).not.toContain('pow_challenge');
    expect(html).not.toMatch(/pow\.[0-9a-f]+\.js/);
    expect(html).not.toMatch(/<button type="submit" disabled/);
    // And a form without any answer goes through.
    const rows = async () => (await endorsementsOf(ctx, other.id)).length;
    expect(
      (
        await endorse(
          { ...ctx, app: off },
          other.slug,
          validForm({ email: 'nopow@union.example.org', org_name: 'No PoW Union' }),
        )
      ).status,
    ).toBe(303);
    expect(await rows()).toBe(1);
  });

  it('when on, the form asks for a signed challenge of its own, loads pow.js, and explains itself without JavaScript', async () => {
    const res = await ctx.app.request(`/s/${statement.slug}`);
    const html = await res.text();
    // The page is the same for every reader: the challenge comes from its own request, fresh each time.
    expect(inputValue(html, 'pow_challenge')).toBe('');
    expect(html).toContain(`data-pow-url="/s/${statement.slug}/pow"`);
    const [a, b] = [await fetchChallenge(), await fetchChallenge()];
    expect(a).toMatch(new RegExp(`^${statement.id}\\.\\d+\\.${BITS}\\.`));
    expect(a).not.toBe(b);
    expect(html).toMatch(/data-pow-difficulty="8"/);
    expect(html).toMatch(/<script src="\/assets\/pow\.[0-9a-f]{10}\.js" defer=""><\/script>/);
    expect(html).toContain(
      '<p class="notice warn" data-pow-noscript="">This campaign is receiving automated attacks',
    );
    // The button waits for the script (which enables it) so nobody sends a form that would be dropped.
    expect(html).toMatch(/<button type="submit" disabled="">/);
    const js = await ctx.app.request(/\/assets\/pow\.[0-9a-f]{10}\.js/.exec(html)![0]);
    expect(js.status).toBe(200);
    expect(await js.text()).toContain("crypto.subtle.digest('SHA-256'");
    // French page, French explanation.
    expect(await (await ctx.app.request(`/s/${statement.slug}?lang=fr`)).text()).toContain(
      'Cette campagne subit des attaques automatisées',
    );
  });

  it('the browser and the server agree on the work: leading zero bits of SHA-256(challenge + nonce)', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x1f, 0xff]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    const { challenge } = issuePowChallenge(ctx.deps.secret, 1, 12, new Date());
    expect(leadingZeroBits(powDigest(challenge, solvePow(challenge, 12)))).toBeGreaterThanOrEqual(12);
  });

  it('a solved form is accepted: stored and mailed', async () => {
    const before = await counts();
    const res = await endorse(
      ctx,
      statement.slug,
      await solvedForm({ email: 'solved@union.example.org', org_name: 'Solved Union' }),
    );
    expect(res.status).toBe(303);
    expect(await counts()).toEqual({ endorsements: before.endorsements + 1, mail: before.mail + 1 });
  });

  it('missing, wrong, forged, expired, other-statement and replayed answers look like success but store and send nothing', async () => {
    const other = await ctx.statement();
    const otherChallenge = await fetchChallenge(other.slug);
    const used = await solvedForm({ email: 'first@union.example.org', org_name: 'First Union' });
    expect((await endorse(ctx, statement.slug, used)).status).toBe(303);

    const fresh = await solvedForm();
    const [head, sig] = [
      fresh.pow_challenge.slice(0, fresh.pow_challenge.lastIndexOf('.')),
      fresh.pow_challenge.split('.').at(-1)!,
    ];
    const lowered = head.replace(`.${BITS}.`, '.1.');
    const attempts: Record<string, Record<string, string>> = {
      missing: validForm({ email: 'a@union.example.org' }) as Record<string, string>,
      'no answer': { ...fresh, pow_nonce: '' },
      'wrong answer': { ...fresh, pow_nonce: String(Number(fresh.pow_nonce) + 1) },
      'forged signature': { ...fresh, pow_challenge: `${head}.${'A'.repeat(43)}` },
      'difficulty lowered by the client': {
        ...fresh,
        pow_challenge: `${lowered}.${sig}`,
        pow_nonce: solvePow(`${lowered}.${sig}`, 1),
      },
      'another statement': {
        ...fresh,
        pow_challenge: otherChallenge,
        pow_nonce: solvePow(otherChallenge, BITS),
      },
      replayed: { ...used, email: 'second@union.example.org', org_name: 'Second Union' },
      garbage: { ...fresh, pow_challenge: '../../\u0000%zz', pow_nonce: '-1e9' },
    };
    // A wrong answer may by chance still be right; make sure it is not.
    if (leadingZeroBits(powDigest(fresh.pow_challenge, attempts['wrong answer']!.pow_nonce!)) >= BITS) {
      attempts['wrong answer']!.pow_nonce = 'x';
    }
    for (const [name, fields] of Object.entries(attempts)) {
      const before = await counts();
      const res = await endorse(ctx, statement.slug, fields);
      expect(res.status, name).toBe(303);
      expect(res.headers.get('location'), name).toBe(`/s/${statement.slug}/check-email`);
      expect(await counts(), name).toEqual(before);
    }
  });

  it('an expired challenge is refused; used challenges are purged by the privacy job once they could not be used anyway', async () => {
    const form = await solvedForm({ email: 'late@union.example.org', org_name: 'Late Union' });
    ctx.clock.advance(POW_TTL_MS + 1000);
    const before = await counts();
    expect((await endorse(ctx, statement.slug, form)).status).toBe(303);
    expect(await counts()).toEqual(before);
    expect(
      await verifyPow(ctx.deps.db, ctx.deps.secret, {
        challenge: form.pow_challenge,
        nonce: form.pow_nonce,
        statementId: statement.id,
        difficulty: BITS,
        now: ctx.clock.now(),
      }),
    ).toEqual({ ok: false, reason: 'expired' });

    const usedKeys = async () =>
      (await ctx.deps.db.selectFrom('rate_limits').select('key').where('key', 'like', 'pow:%').execute())
        .length;
    expect(await usedKeys()).toBeGreaterThan(0);
    ctx.clock.advance(2 * 86_400_000);
    await purgeExpiredData(ctx.deps.db, ctx.clock.now(), 30);
    expect(await usedKeys()).toBe(0);
  });
});
