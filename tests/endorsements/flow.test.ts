import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CHANNEL, type LiveChange } from '../../src/changes/live-change.js';
import { CONFIRM_TTL_MS, withdrawUrl } from '../../src/endorsements/tokens.js';
import { insertEndorsement } from '../support/fixtures.js';
import { postForm } from '../support/http.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { deliver, endorse, endorsementsOf, linkPath, startSink, validForm } from './support.js';

// Every test here goes through REAL SMTP and NEEDS THE MAIL WORKER (src/mail/worker.ts, `runOnce`):
// submit → worker → mail parsed back from the sink → the link in its text part → the pages.

let sink: SmtpSink;
let ctx: TestContext;
beforeAll(async () => {
  sink = await startSink();
  ctx = await createTestContext({ config: { smtpUrl: sink.url } });
});
afterAll(async () => {
  await ctx.close();
  await sink.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });
const post = (path: string, fields: Record<string, string> = {}) => postForm(ctx.app, path, fields);
const row = (id: number) =>
  ctx.deps.db.selectFrom('endorsements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const publicTotal = async (slug: string) =>
  (await (await get(`/api/statements/${slug}`)).json()).total as number;

/** Resolve with the next live notification for this endorsement. */
async function nextLiveChange(
  endorsementId: number,
): Promise<{ wait: Promise<LiveChange>; stop: () => Promise<void> }> {
  let resolve!: (c: LiveChange) => void;
  const wait = new Promise<LiveChange>((r) => (resolve = r));
  const stop = await ctx.database.handle.listen(LIVE_CHANNEL, (payload) => {
    const change = JSON.parse(payload) as LiveChange;
    if ('endorsementId' in change && change.endorsementId === endorsementId) {
      resolve(change);
    }
  });
  return { wait, stop };
}

describe('[mail worker] endorse → email → confirm page → confirm', () => {
  it('the whole flow: the GET shows what will be confirmed and changes nothing; only the POST confirms', async () => {
    const s = await ctx.statement({ title: 'Care work is work' });
    const email = 'flow@union.example.org';
    const res = await endorse(ctx, s.slug, validForm({ email, org_name: 'Hospital Workers Union' }));
    expect(res.status).toBe(303);

    const [mail] = await deliver(ctx, sink, email);
    expect(mail!.subject).toBe('Confirm your endorsement of “Care work is work”');
    expect(mail!.text).toContain('    Hospital Workers Union');
    expect(mail!.text).toContain('The link is valid for 7 days (until January 22, 2026');
    expect(mail!.text).toContain('ignore this email: nothing changes');
    expect(mail!.html).toContain('<html lang="en" dir="ltr">');
    const path = linkPath(mail!.text, 'confirm');
    expect(mail!.html).toContain(`href="http://localhost:3000${path}"`);

    const [pending] = await endorsementsOf(ctx, s.id);
    // A mail scanner follows the link, twice: nothing happens.
    for (let i = 0; i < 2; i++) {
      const page = await get(path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Confirm your endorsement</h1>');
      expect(html).toContain('Care work is work');
      expect(html).toContain('Hospital Workers Union');
      expect(html).toContain(
        `<form method="post" action="${path}"><button type="submit">Confirm endorsement</button></form>`,
      );
      // Contact details are not shown to whoever holds a forwarded link.
      expect(html).not.toContain(email);
      expect(html).not.toContain('Marie Curie');
    }
    expect((await row(pending!.id)).status).toBe('pending');

    ctx.clock.advance(60_000);
    const confirm = await post(path);
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`/s/${s.slug}/confirmed?lang=en`);
    const confirmed = await row(pending!.id);
    const version = (
      await ctx.deps.db
        .selectFrom('statement_texts')
        .select('version')
        .where('statement_id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).version;
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      confirmed_at: ctx.clock.now(),
      text_version: version,
      published_at: null,
    });
    const after = await (await get(`/s/${s.slug}/confirmed`)).text();
    expect(after).toContain('The organisers check every endorsement before it appears on the list.');

    // The "you confirmed" email carries the withdraw link.
    const mails = await deliver(ctx, sink, email, 2);
    const receipt = mails[1]!;
    expect(receipt.subject).toBe('Endorsement confirmed: “Care work is work”');
    expect(receipt.text).toContain(
      'The organisers will check your endorsement before your organisation appears on the list.',
    );
    expect(linkPath(receipt.text, 'withdraw')).toMatch(/^\/withdraw\//);

    // Confirming again (a double click, a replayed POST) is harmless: same page, nothing changes twice.
    ctx.clock.advance(60_000);
    const again = await post(path);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/s/${s.slug}/confirmed?lang=en`);
    expect((await row(pending!.id)).confirmed_at).toEqual(confirmed.confirmed_at);
    const shown = await get(path);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('your endorsement is confirmed');
    await ctx.worker.runOnce();
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(2);
  });

  it('in French: the email, the dates and the pages follow the language of the form', async () => {
    const s = await ctx.statement({ title: 'Le soin est un travail', locale: 'fr' });
    const email = 'fr@syndicat.example.org';
    await endorse(ctx, s.slug, validForm({ email, locale: 'fr' }));
    const [mail] = await deliver(ctx, sink, email);
    expect(mail!.subject).toBe('Confirmez votre signature de «\u202FLe soin est un travail\u202F»');
    expect(mail!.text).toMatch(/Le lien est valable 7\sjours \(jusqu’au 22 janvier 2026/u);
    expect(mail!.html).toContain('<html lang="fr" dir="ltr">');
    const page = await (await get(linkPath(mail!.text, 'confirm'), { 'accept-language': 'en' })).text();
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('Confirmer la signature');
    // An English-speaking browser (a colleague's, a phone set to English) still lands on the French page after confirming.
    const confirmed = await postForm(
      ctx.app,
      linkPath(mail!.text, 'confirm'),
      {},
      { 'accept-language': 'en' },
    );
    expect(confirmed.headers.get('location')).toBe(`/s/${s.slug}/confirmed?lang=fr`);
    const after = await (await get(confirmed.headers.get('location')!, { 'accept-language': 'en' })).text();
    expect(after).toContain('<html lang="fr"');
  });

  it('an HTML-hostile organisation name is escaped in the email and on the pages', async () => {
    const s = await ctx.statement();
    const email = 'hostile@union.example.org';
    const name = '<img src=x onerror=alert(1)> & "Co" </p><script>alert(2)</script>';
    await endorse(ctx, s.slug, validForm({ email, org_name: name }));
    const [mail] = await deliver(ctx, sink, email);
    expect(mail!.html).not.toContain('<img src=x');
    expect(mail!.html).not.toContain('<script>alert(2)');
    expect(mail!.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
    expect(mail!.text).toContain(name); // plain text is not HTML: shown as typed
    const html = await (await get(linkPath(mail!.text, 'confirm'))).text();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
  });
});

describe('[mail worker] duplicates never reveal who signed', () => {
  it('the same address while pending: the link is sent again, up to a cap, with one row and the same answer', async () => {
    const s = await ctx.statement();
    const email = 'again@union.example.org';
    const first = await endorse(ctx, s.slug, validForm({ email }));
    const answers = [first];
    for (let i = 0; i < 7; i++) {
      answers.push(
        await endorse(
          ctx,
          s.slug,
          validForm({ email: i % 2 ? email.toUpperCase() : email, org_name: `Other name ${i}` }),
        ),
      );
    }
    const bodies = new Set<string>();
    for (const a of answers) {
      expect(a.status).toBe(303);
      expect(a.headers.get('location')).toBe(`/s/${s.slug}/check-email`);
      bodies.add(await a.text());
    }
    expect(bodies.size).toBe(1);
    const rows = await endorsementsOf(ctx, s.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resend_count: 5, display_name: 'Syndicat des Soignants' });
    // 1 + 5 re-sends; the 6th and 7th were answered the same but sent nothing.
    const mails = await deliver(ctx, sink, email, 6);
    await ctx.worker.runOnce();
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(6);
    // Every link is for the same endorsement, and each works.
    const paths = mails.map((m) => linkPath(m.text, 'confirm'));
    expect(mails.every((m) => m.text.includes('Syndicat des Soignants'))).toBe(true);
    expect((await post(paths.at(-1)!)).status).toBe(303);
    expect((await row(rows[0]!.id)).status).toBe('confirmed');
  });

  it('an organisation already on the list: the same page, no second row, and an email saying it is listed', async () => {
    const s = await ctx.statement({ title: 'Listed statement' });
    await insertEndorsement(ctx.deps, s.id, {
      name: 'Syndicat des Soignants',
      country: 'FR',
      status: 'verified',
    });
    const email = 'second@union.example.org';
    const res = await endorse(ctx, s.slug, validForm({ email, org_name: '  syndicat des SOIGNANTS. ' }));
    const fresh = await endorse(
      ctx,
      (await ctx.statement()).slug,
      validForm({ email: 'fresh@union.example.org' }),
    );
    // Indistinguishable from a new endorsement.
    expect(res.status).toBe(fresh.status);
    expect(res.headers.get('location')).toBe(`/s/${s.slug}/check-email`);
    expect(await res.text()).toBe(await fresh.text());
    expect(await endorsementsOf(ctx, s.id)).toHaveLength(1);
    const [mail] = await deliver(ctx, sink, email);
    expect(mail!.subject).toBe('Already on the list: “Listed statement”');
    expect(mail!.text).toContain('This organisation is already on the list of signatories');
    expect(mail!.text).not.toContain('/confirm/');
  });

  it('the same name in another country is another organisation', async () => {
    const s = await ctx.statement();
    await insertEndorsement(ctx.deps, s.id, {
      name: 'Syndicat des Soignants',
      country: 'FR',
      status: 'verified',
    });
    await endorse(ctx, s.slug, validForm({ email: 'be@union.example.org', country: 'BE' }));
    expect(await endorsementsOf(ctx, s.id)).toHaveLength(2);
  });
});

describe('[mail worker] check-email and resend', () => {
  it('check-email says what to do, never echoes an address, and offers to resend', async () => {
    const s = await ctx.statement({ title: 'Resend statement' });
    const res = await get(`/s/${s.slug}/check-email?email=evil%40example.org&msg=%3Cscript%3E`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Check your email</h1>');
    expect(html).toContain('Resend statement');
    expect(html).toContain('spam');
    expect(html).toContain('a few minutes');
    expect(html).toContain(`<form method="post" action="/s/${s.slug}/resend"`);
    expect(html).not.toContain('evil');
    expect(html).not.toContain('<script>');
    expect((await get('/s/no-such/check-email')).status).toBe(404);
  });

  it('POST /s/:slug/resend re-sends a pending link and answers the same for an unknown address', async () => {
    const s = await ctx.statement();
    const email = 'resend@union.example.org';
    await endorse(ctx, s.slug, validForm({ email }));
    await deliver(ctx, sink, email);
    const known = await post(`/s/${s.slug}/resend`, { email: ' RESEND@union.example.org ' });
    const unknown = await post(`/s/${s.slug}/resend`, { email: 'nobody@union.example.org' });
    for (const r of [known, unknown]) {
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe(`/s/${s.slug}/check-email?resent=1`);
    }
    const mails = await deliver(ctx, sink, email, 2);
    expect(linkPath(mails[1]!.text, 'confirm')).toMatch(/^\/confirm\//);
    expect(sink.mails.some((m) => m.to.includes('nobody@union.example.org'))).toBe(false);
    const page = await (await get(`/s/${s.slug}/check-email?resent=1`)).text();
    expect(page).toContain('we have sent its link again');
    const bad = await post(`/s/${s.slug}/resend`, { email: 'not-an-address', locale: 'fr' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Indiquez une adresse e-mail valide');
  });
});

describe('[mail worker] publish on confirmation', () => {
  it('publish_on=confirmed: confirming puts the organisation on the list at once', async () => {
    const s = await ctx.statement({ publishOn: 'confirmed' });
    const email = 'public@union.example.org';
    await endorse(ctx, s.slug, validForm({ email }));
    const [mail] = await deliver(ctx, sink, email);
    const [e] = await endorsementsOf(ctx, s.id);
    const live = await nextLiveChange(e!.id);
    try {
      expect(await publicTotal(s.slug)).toBe(0);
      expect((await post(linkPath(mail!.text, 'confirm'))).status).toBe(303);
      expect(await live.wait).toEqual({ kind: 'published', statementId: s.id, endorsementId: e!.id });
    } finally {
      await live.stop();
    }
    expect(await row(e!.id)).toMatchObject({ status: 'confirmed', published_at: ctx.clock.now() });
    expect(await publicTotal(s.slug)).toBe(1);
    expect(await (await get(`/s/${s.slug}/confirmed`)).text()).toContain(
      'Your organisation now appears on the list of signatories.',
    );
    const receipt = (await deliver(ctx, sink, email, 2))[1]!;
    expect(receipt.text).toContain('Your organisation now appears on the list of signatories.');
  });

  it('an organisation that became public meanwhile is confirmed but not listed twice', async () => {
    const s = await ctx.statement({ publishOn: 'confirmed' });
    const email = 'late@union.example.org';
    await endorse(ctx, s.slug, validForm({ email }));
    const [mail] = await deliver(ctx, sink, email);
    await insertEndorsement(ctx.deps, s.id, {
      name: 'Syndicat des Soignants',
      country: 'FR',
      status: 'verified',
    });
    const res = await post(linkPath(mail!.text, 'confirm'));
    expect(res.status).toBe(303);
    const rows = await endorsementsOf(ctx, s.id);
    expect(rows.map((r) => [r.status, r.published_at !== null])).toEqual([
      ['confirmed', false],
      ['verified', true],
    ]);
    expect(await publicTotal(s.slug)).toBe(1);
  });
});

describe('[mail worker] withdraw', () => {
  it('GET shows a button and changes nothing; POST takes a public organisation off the list at once', async () => {
    const s = await ctx.statement({ publishOn: 'confirmed', title: 'Withdrawable' });
    const email = 'withdraw@union.example.org';
    await endorse(ctx, s.slug, validForm({ email }));
    await post(linkPath((await deliver(ctx, sink, email))[0]!.text, 'confirm'));
    const receipt = (await deliver(ctx, sink, email, 2))[1]!;
    const path = linkPath(receipt.text, 'withdraw');
    const [e] = await endorsementsOf(ctx, s.id);
    expect(await publicTotal(s.slug)).toBe(1);

    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Withdrawable');
    expect(html).toContain(
      `<form method="post" action="${path}"><button type="submit">Withdraw endorsement</button></form>`,
    );
    expect((await row(e!.id)).status).toBe('confirmed');

    const live = await nextLiveChange(e!.id);
    try {
      ctx.clock.advance(1000);
      const res = await post(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/s/${s.slug}/withdrawn?lang=en`);
      expect(await live.wait).toEqual({ kind: 'withdrawn', statementId: s.id, endorsementId: e!.id });
    } finally {
      await live.stop();
    }
    const after = await row(e!.id);
    expect(after).toMatchObject({ status: 'withdrawn', withdrawn_at: ctx.clock.now() });
    expect(after.published_at).not.toBeNull(); // the tombstone remembers it was public
    expect(await publicTotal(s.slug)).toBe(0);
    expect(await (await get(`/s/${s.slug}/withdrawn`)).text()).toContain(
      'Your endorsement has been withdrawn',
    );
    const notice = (await deliver(ctx, sink, email, 3))[2]!;
    expect(notice.subject).toBe('Endorsement withdrawn: “Withdrawable”');

    // Twice is harmless; the confirm link of a withdrawn endorsement explains and cannot revive it.
    expect((await post(path)).status).toBe(303);
    expect(await (await get(path)).text()).toContain('Your endorsement has been withdrawn');
  });

  it('a verified (staff-accepted) endorsement can be withdrawn with the link from a later email', async () => {
    const s = await ctx.statement();
    const id = await insertEndorsement(ctx.deps, s.id, { status: 'verified' });
    expect(await publicTotal(s.slug)).toBe(1);
    const path = new URL(withdrawUrl('http://localhost:3000', ctx.deps.secret, id, ctx.clock.now())).pathname;
    expect((await post(path)).status).toBe(303);
    expect((await row(id)).status).toBe('withdrawn');
    expect(await publicTotal(s.slug)).toBe(0);
  });
});

describe('[mail worker] expired confirmation link', () => {
  it('410 with a button for a new link; the new link works', async () => {
    const s = await ctx.statement();
    const email = 'expired@union.example.org';
    await endorse(ctx, s.slug, validForm({ email }));
    const path = linkPath((await deliver(ctx, sink, email))[0]!.text, 'confirm');
    ctx.clock.advance(CONFIRM_TTL_MS + 1000);
    const page = await get(path);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('This link has expired');
    expect(html).toContain(`<form method="post" action="/s/${s.slug}/resend">`);
    expect((await post(path)).status).toBe(410);
    const [e] = await endorsementsOf(ctx, s.id);
    expect(e!.status).toBe('pending');

    const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
    const res = await post(`/s/${s.slug}/resend`, { token });
    expect(res.status).toBe(303);
    const fresh = linkPath((await deliver(ctx, sink, email, 2))[1]!.text, 'confirm');
    expect(fresh).not.toBe(path);
    expect((await post(fresh)).status).toBe(303);
    expect((await row(e!.id)).status).toBe('confirmed');
  });
});
