import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS } from '../../src/staff/throttle.js';
import { FORGOT_WINDOW_SECONDS } from '../../src/staff/forgot.js';
import { OWASP_SCRYPT } from '../../src/staff/passwords.js';
import { endorse, validForm } from '../endorsements/support.js';
import { insertEndorsement } from '../support/fixtures.js';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, addStaff } from '../staff/helpers.js';

/**
 * the endorsement form, the resend form and the staff sign-in answer the same whether or
 * not an email or organisation is known — in status, headers and body, and roughly in time.
 */

let ctx: TestContext;
let st: { id: number; slug: string };
let n = 0;
const fresh = () => `new${++n}@fresh${n}.example.org`;
beforeAll(async () => {
  ctx = await createTestContext({
    config: {
      rateLimits: {
        endorsePerIp: { limit: 10_000, windowSeconds: 60 },
        endorsePerEmail: { limit: 10_000, windowSeconds: 60 },
        endorsePerStatement: { limit: 10_000, windowSeconds: 60 },
      },
    },
  });
  st = await ctx.statement();
  await insertEndorsement(ctx.deps, st.id, {
    name: 'Known Listed Union',
    country: 'DE',
    email: 'listed@known.example.org',
  });
  await insertEndorsement(ctx.deps, st.id, {
    name: 'Known Pending Union',
    status: 'pending',
    email: 'pending@known.example.org',
  });
});
afterAll(() => ctx.close());

/** Everything a client can see, with the per-response values (CSP nonce, request id, date, tokens) blanked. */
async function visible(res: Response, blank: string[] = []) {
  const headers = Object.fromEntries(
    [...res.headers]
      .filter(([k]) => !['date', 'x-request-id'].includes(k))
      .map(([k, v]) => [k, k === 'content-security-policy' ? v.replace(/'nonce-[^']+'/, "'nonce-…'") : v]),
  );
  let body = (await res.text())
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="…"')
    .replace(/nonce="[^"]*"/g, 'nonce="…"');
  for (const s of blank) {
    body = body.split(s).join('…');
  }
  return { status: res.status, headers, body };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median of interleaved timed runs of two cases (alternating so background load hits both alike).
 * The only timing assertion in the suite: a generous factor, medians, a warm-up — a difference of
 * kind (a skipped hash, a skipped query) shows up, scheduling noise does not.
 */
async function timedMedians(runs: number, a: () => unknown, b: () => unknown) {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [f, into] of (i % 2
      ? [
          [a, ta],
          [b, tb],
        ]
      : [
          [b, tb],
          [a, ta],
        ]) as Array<[() => unknown, number[]]>) {
      const t0 = performance.now();
      await f();
      into.push(performance.now() - t0);
    }
  }
  return { a: median(ta), b: median(tb) };
}
const FACTOR = 3;

describe('no enumeration', () => {
  it('the endorsement form answers a listed organisation, a pending email and a newcomer identically', async () => {
    const cases = {
      newcomer: validForm({ email: fresh(), org_name: 'Brand New Union' }),
      'organisation already listed': validForm({
        email: fresh(),
        org_name: 'Known Listed Union',
        country: 'DE',
      }),
      'email already pending': validForm({ email: 'pending@known.example.org', org_name: 'Another Name' }),
    };
    const seen = [];
    for (const fields of Object.values(cases)) {
      seen.push(await visible(await endorse(ctx, st.slug, fields)));
    }
    expect(seen[0]).toMatchObject({ status: 303, headers: { location: `/s/${st.slug}/check-email` } });
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it('the endorsement form takes about as long for a listed organisation as for a newcomer', async () => {
    const t = await timedMedians(
      9,
      () => endorse(ctx, st.slug, validForm({ email: fresh(), org_name: `Timing Union ${n}` })),
      () =>
        endorse(ctx, st.slug, validForm({ email: fresh(), org_name: 'Known Listed Union', country: 'DE' })),
    );
    if (process.env.SHOW_TIMING) {
      console.log(JSON.stringify(t));
    }
    expect(t.a / t.b).toBeLessThan(FACTOR);
    expect(t.b / t.a).toBeLessThan(FACTOR);
  });

  it('the resend form answers a pending address and an unknown one identically, and about as fast', async () => {
    const resend = (email: string) => postForm(ctx.app, `/s/${st.slug}/resend`, { email, locale: 'en' });
    const known = await visible(await resend('pending@known.example.org'));
    const unknown = await visible(await resend(fresh()));
    expect(known).toMatchObject({ status: 303, headers: { location: `/s/${st.slug}/check-email?resent=1` } });
    expect(unknown).toEqual(known);
    const t = await timedMedians(
      9,
      () => resend('pending@known.example.org'),
      () => resend(fresh()),
    );
    if (process.env.SHOW_TIMING) {
      console.log(JSON.stringify(t));
    }
    expect(t.a / t.b).toBeLessThan(FACTOR);
    expect(t.b / t.a).toBeLessThan(FACTOR);
  });

  it('staff sign-in answers an unknown account like a wrong password, and costs the same scrypt work', async () => {
    // A real-cost hash, as production accounts have, so the dummy hash of an unknown account is a fair match.
    const user = await addStaff(ctx, 'admin', { email: 'known.admin@network.example.org' });
    const { hashPassword } = await import('../../src/staff/passwords.js');
    await ctx.deps.db
      .updateTable('staff_users')
      .set({ password_hash: await hashPassword('the real one', OWASP_SCRYPT) })
      .where('id', '=', user.id)
      .execute();
    const agent = new Agent(ctx);
    await agent.page('/admin/login');
    let attempts = 0;
    const signIn = async (email: string) => {
      // Stay under the sign-in throttle (5 failures per account per window): a new window now and then.
      if (++attempts % 4 === 0) {
        ctx.clock.advance(LOGIN_WINDOW_MS);
      }
      return agent.post('/admin/login', { email, password: 'not the password' });
    };
    const known = await visible(await signIn(user.email), [user.email]);
    const unknown = await visible(await signIn('nobody@network.example.org'), ['nobody@network.example.org']);
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
    const t = await timedMedians(
      3,
      () => signIn(user.email),
      () => signIn('nobody@network.example.org'),
    );
    if (process.env.SHOW_TIMING) {
      console.log(JSON.stringify(t));
    }
    expect(t.a / t.b).toBeLessThan(FACTOR);
    expect(t.b / t.a).toBeLessThan(FACTOR);
  }, 60_000);

  it('"forgot your password?" answers a known and an unknown address alike, in about the same time', async () => {
    const user = await addStaff(ctx, 'verifier', { email: 'known.forgetful@network.example.org' });
    const agent = new Agent(ctx);
    await agent.page('/admin/forgot');
    let asked = 0;
    const ask = async (email: string) => {
      // Stay under the per-address limit (3 an hour): a new window now and then.
      if (++asked % 3 === 0) {
        ctx.clock.advance(FORGOT_WINDOW_SECONDS * 1000);
      }
      return agent.post('/admin/forgot', { email });
    };
    const known = await visible(await ask(user.email), [user.email]);
    const unknown = await visible(await ask('nobody.forgetful@network.example.org'), [
      'nobody.forgetful@network.example.org',
    ]);
    expect(known.status).toBe(200);
    expect(unknown).toEqual(known);
    const t = await timedMedians(
      5,
      () => ask(user.email),
      () => ask('nobody.forgetful@network.example.org'),
    );
    if (process.env.SHOW_TIMING) {
      console.log(JSON.stringify(t));
    }
    expect(t.a / t.b).toBeLessThan(FACTOR);
    expect(t.b / t.a).toBeLessThan(FACTOR);
  }, 60_000);
});
