import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseEmail, updateRecipients } from '../../src/endorsements/lifecycle/index.js';
import { tokenFor } from '../../src/endorsements/tokens.js';
import { importStatement } from '../../src/statements/editor.js';
import { insertEndorsement } from '../support/fixtures.js';
import { formBody } from '../support/http.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { startSink } from '../mail/support.js';
import { signedIn, type Agent } from '../staff/helpers.js';

let sink: SmtpSink;
let ctx: TestContext;
let admin: Agent;
let adminEmail: string;

beforeAll(async () => {
  sink = await startSink();
  // Updates leave as fast as the test needs: the lane and its rate are tested in tests/mail/lanes.test.ts.
  ctx = await createTestContext({ config: { smtpUrl: sink.url, updateMailPerMinute: 600_000 } });
  await ctx.worker.start();
  const s = await signedIn(ctx, 'admin');
  admin = s.agent;
  adminEmail = s.user.email;
});
afterAll(async () => {
  await ctx.close();
  await sink.stop();
});

const db = () => ctx.deps.db;

/** A statement in English with a French translation, and endorsements in every state. */
async function statementWithEndorsers() {
  const { id, slug } = await ctx.statement();
  await importStatement(ctx.deps, ctx.clock.now(), {
    slug,
    locale: 'fr',
    title: `Déclaration ${slug}`,
    body: 'Nous sommes ensemble.',
  });
  const add = async (
    email: string,
    f: {
      status?: 'pending' | 'confirmed' | 'verified' | 'rejected' | 'withdrawn';
      optIn?: boolean;
      locale?: string;
    },
  ) => {
    const e = await insertEndorsement(ctx.deps, id, {
      email,
      status: f.status ?? 'verified',
      locale: f.locale ?? 'en',
    });
    await db()
      .updateTable('endorsements')
      .set({ updates_opt_in: f.optIn ?? true })
      .where('id', '=', e)
      .execute();
    return e;
  };
  const ids = {
    news: await add(`news-${slug}@example.org`, {}),
    french: await add(`french-${slug}@example.org`, { locale: 'fr' }),
    confirmed: await add(`confirmed-${slug}@example.org`, { status: 'confirmed' }),
    noNews: await add(`nonews-${slug}@example.org`, { optIn: false }),
    // The same address twice (two organisations it speaks for): one mail.
    twiceA: await add(`twice-${slug}@example.org`, {}),
    twiceB: await add(`TWICE-${slug}@example.org`, {}),
    pending: await add(`pending-${slug}@example.org`, { status: 'pending' }),
    rejected: await add(`rejected-${slug}@example.org`, { status: 'rejected' }),
    withdrawn: await add(`withdrawn-${slug}@example.org`, { status: 'withdrawn' }),
    erased: await add(`erased-${slug}@example.org`, {}),
    unsubscribed: await add(`unsub-${slug}@example.org`, {}),
  };
  await eraseEmail(ctx.deps, ctx.clock.now(), { id: null, name: 'test' }, `erased-${slug}@example.org`);
  await db()
    .updateTable('endorsements')
    .set({ unsubscribed_at: ctx.clock.now() })
    .where('id', '=', ids.unsubscribed)
    .execute();
  return { id, slug, ids };
}

async function draft(
  statementId: number,
  audience: 'opted_in' | 'all_endorsers',
  extra: Record<string, string> = {},
) {
  await admin.page(`/admin/statements/${statementId}/updates`);
  const res = await admin.post(`/admin/statements/${statementId}/updates`, {
    audience,
    subject_en: 'Delivered to the embassy',
    body_en: 'We delivered the statement **today**.\n\n<script>alert(1)</script>',
    subject_fr: '',
    body_fr: '',
    ...extra,
  });
  expect(res.status).toBe(303);
  return Number(/\/admin\/updates\/(\d+)$/.exec(res.headers.get('location')!)![1]);
}

describe('who receives an update', () => {
  it('opted_in: confirmed or public endorsers who asked for news, once per address; never pending, rejected, withdrawn, erased or unsubscribed', async () => {
    const { id, slug } = await statementWithEndorsers();
    const to = (await updateRecipients(db(), id, 'opted_in')).map((r) => r.email.toLowerCase()).sort();
    expect(to).toEqual(
      ['confirmed', 'french', 'news', 'twice'].map((p) => `${p}-${slug}@example.org`).sort(),
    );
  });

  it('all_endorsers: every confirmed or public endorser with an address, news wanted or not, unsubscribed included', async () => {
    const { id, slug } = await statementWithEndorsers();
    const to = (await updateRecipients(db(), id, 'all_endorsers')).map((r) => r.email.toLowerCase()).sort();
    expect(to).toEqual(
      ['confirmed', 'french', 'news', 'nonews', 'twice', 'unsub']
        .map((p) => `${p}-${slug}@example.org`)
        .sort(),
    );
  });
});

describe('staff write, preview, test and send an update', () => {
  it('needs the authoritative language, says why in the page, and keeps what was typed', async () => {
    const { id } = await statementWithEndorsers();
    await admin.page(`/admin/statements/${id}/updates`);
    const res = await admin.post(`/admin/statements/${id}/updates`, {
      audience: 'opted_in',
      subject_en: '',
      body_en: '',
      subject_fr: 'Remise',
      body_fr: 'Remise à l’ambassade.',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('at least for English');
    expect(html).toContain('Remise à l’ambassade.');
  });

  it('shows the recipient count and a safe preview, sends a test to the staff member, then sends once to each address in its language', async () => {
    const { id, slug } = await statementWithEndorsers();
    const updateId = await draft(id, 'opted_in', {
      subject_fr: 'Remise à l’ambassade',
      body_fr: 'Nous avons remis la déclaration **aujourd’hui**.',
    });
    const { html } = await admin.page(`/admin/updates/${updateId}`);
    expect(html).toContain('Recipients if you send it now: 4.');
    expect(html).toContain('<strong>today</strong>');
    expect(html).not.toContain('<script>alert(1)</script>');

    // A test: one mail per written language, to the staff member only.
    expect((await admin.post(`/admin/updates/${updateId}/test`)).status).toBe(200);
    const tests = await sink.waitFor(
      (m) => m.to[0] === adminEmail.toLowerCase() || m.to[0] === adminEmail,
      2,
    );
    expect(tests.map((m) => m.subject).sort()).toEqual(['Delivered to the embassy', 'Remise à l’ambassade']);
    expect(tests[0]!.raw).not.toMatch(/^List-Unsubscribe/m);

    const before = sink.mails.length;
    const res = await admin.post(`/admin/updates/${updateId}/send`);
    expect(res.status).toBe(303);
    const mails = await sink.waitFor((m) => m.to[0]!.toLowerCase().endsWith(`-${slug}@example.org`), 4);
    expect(sink.mails.length - before).toBe(4);
    const french = mails.find((m) => m.to[0] === `french-${slug}@example.org`)!;
    expect(french.subject).toBe('Remise à l’ambassade');
    expect(french.html).toContain('lang="fr"');
    expect(french.text).toContain('désabonnez-vous');
    const english = mails.find((m) => m.to[0] === `news-${slug}@example.org`)!;
    expect(english.subject).toBe('Delivered to the embassy');
    expect(english.html).toContain('<strong>today</strong>');
    expect(english.html).not.toContain('<script>');
    // RFC 8058, as the receiving server reads the headers (unfolded).
    const head = english.raw.slice(0, english.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const link = /^List-Unsubscribe: <(http:\/\/localhost:3000\/unsubscribe\/[\w-]+\.[\w-]+)>\r?$/m.exec(
      head,
    )?.[1];
    expect(link).toBeDefined();
    expect(english.text).toContain(link);
    expect(english.headers.get('precedence')).toBe('bulk');

    // Progress: everything sent; the page says so without the script.
    await ctx.worker.runOnce();
    const progress = await (await admin.get(`/admin/updates/${updateId}/progress`)).json();
    expect(progress).toEqual({ queued: 0, sent: 4, failed: 0, recipients: 4 });
    const page = (await admin.page(`/admin/updates/${updateId}`)).html;
    expect(page).toMatch(/data-count="sent">4</);
    expect(page).toContain('update-progress.');

    // A second press sends nothing more.
    const again = await admin.post(`/admin/updates/${updateId}/send`);
    expect(again.status).toBe(409);
    await ctx.worker.runOnce();
    expect(sink.mails.length - before).toBe(4);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('statement_id', '=', id)
      .where('action', 'like', 'update.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['update.create', 'update.test', 'update.send']);
    expect(audit[2]!.details).toMatchObject({ update: updateId, audience: 'opted_in', recipients: 4 });
  });

  it('a service notice to all endorsers says unsubscribing does not stop it', async () => {
    const { id, slug } = await statementWithEndorsers();
    const updateId = await draft(id, 'all_endorsers');
    expect((await admin.post(`/admin/updates/${updateId}/send`)).status).toBe(303);
    const mails = await sink.waitFor((m) => m.to[0]!.toLowerCase().endsWith(`-${slug}@example.org`), 6);
    const unsub = mails.find((m) => m.to[0] === `unsub-${slug}@example.org`)!;
    expect(unsub.text).toContain('whether or not it asked for news');
    expect(unsub.text).toContain('withdraw the endorsement');
  });

  it('a verifier can neither see nor send updates', async () => {
    const { id } = await statementWithEndorsers();
    const updateId = await draft(id, 'opted_in');
    const { agent } = await signedIn(ctx, 'verifier');
    await agent.page('/admin');
    expect((await agent.get(`/admin/updates/${updateId}`)).status).toBe(403);
    expect((await agent.post(`/admin/updates/${updateId}/send`)).status).toBe(403);
  });
});

describe('one-click unsubscribe', () => {
  async function unsubscribeLink() {
    const { id, slug, ids } = await statementWithEndorsers();
    const token = tokenFor(ctx.deps.secret, ids.news, 'unsubscribe', ctx.clock.now());
    return { id, slug, ids, path: `/unsubscribe/${token}`, token };
  }
  const optedIn = async (statementId: number, slug: string) =>
    (await updateRecipients(db(), statementId, 'opted_in')).some(
      (r) => r.email === `news-${slug}@example.org`,
    );

  it('GET shows a page with a button in the endorser’s language and changes nothing (mail scanners follow links)', async () => {
    const { id, slug, ids, token } = await unsubscribeLink();
    await db().updateTable('endorsements').set({ locale: 'fr' }).where('id', '=', ids.news).execute();
    const res = await ctx.app.request(`/unsubscribe/${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Me désabonner');
    expect(html).toContain(`method="post" action="/unsubscribe/${token}"`);
    expect(await optedIn(id, slug)).toBe(true);
  });

  it('POST works with no cookie, no Origin and no CSRF field, as mail providers send it, and is idempotent', async () => {
    const { id, slug, path } = await unsubscribeLink();
    const oneClick = () =>
      ctx.app.request(path, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const res = await oneClick();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    expect(await optedIn(id, slug)).toBe(false);
    expect((await oneClick()).status).toBe(200);
    // News stop; a service notice still reaches the endorsement while it stands.
    expect(
      (await updateRecipients(db(), id, 'all_endorsers')).some((r) => r.email === `news-${slug}@example.org`),
    ).toBe(true);
  });

  it('a tampered, truncated or other-purpose token is a 400 with a page that says so, and changes nothing', async () => {
    const { id, slug, ids, token } = await unsubscribeLink();
    const [body, sig] = token.split('.') as [string, string];
    const withdraw = tokenFor(ctx.deps.secret, ids.news, 'withdraw', ctx.clock.now());
    const forged = Buffer.from(JSON.stringify({ id: ids.noNews, p: 'unsubscribe', exp: 9e9 })).toString(
      'base64url',
    );
    for (const bad of [
      `${body}.${sig.slice(0, -2)}xx`,
      body,
      withdraw,
      `${forged}.${sig}`,
      'x'.repeat(600),
    ]) {
      for (const method of ['GET', 'POST']) {
        const res = await ctx.app.request(`/unsubscribe/${bad}`, {
          method,
          body: method === 'POST' ? '' : undefined,
        });
        expect(res.status, `${method} ${bad.slice(0, 20)}`).toBe(400);
        expect(await res.text()).toContain('This link does not work');
      }
    }
    expect(await optedIn(id, slug)).toBe(true);
  });

  it('the Origin exemption is exactly POST /unsubscribe/:token: other cross-site form posts are still refused', async () => {
    const { slug } = await unsubscribeLink();
    for (const path of [`/s/${slug}/endorse`, '/unsubscribe/a.b/more', `/withdraw/a.b`]) {
      const res = await ctx.app.request(path, {
        method: 'POST',
        body: formBody({ x: '1' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      });
      expect(res.status, path).toBe(403);
    }
  });
});
