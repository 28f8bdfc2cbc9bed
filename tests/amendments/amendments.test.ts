import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToken } from '../../src/endorsements/tokens.js';
import { insertEndorsement } from '../support/fixtures.js';
import { postForm } from '../support/http.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { json, publish } from '../live/support.js';
import { signedIn, type Agent } from '../staff/helpers.js';
import { endorse, endorsementsOf, outboxLink, validForm } from '../endorsements/support.js';

// README "Amending a statement": a text change is minor or substantive; after a substantive one,
// endorsers of the earlier version are emailed a signed link to endorse the new one, stay listed
// marked "endorsed an earlier version" until they do, and staff may remove them after a deadline.

// Each test starts a database, an SMTP server and staff sessions: slow on a shared machine.
vi.setConfig({ testTimeout: 90_000 });

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  await ctx?.close();
  await sink?.stop();
  ctx = undefined;
  sink = undefined;
});

/** The visible mark (the words also sit in a data attribute for live.js). */
const EARLIER = '<span class="earlier-version"> · endorsed an earlier version</span>';

async function setup() {
  sink = await new SmtpSink({ closeTimeout: 50 }).start();
  const c = (ctx = await createTestContext({ config: { smtpUrl: sink.url } }));
  const s = await c.statement({ slug: 'care', title: 'Care is work', body: 'Care workers deserve pay.' });
  await c.deps.db
    .insertInto('statement_texts')
    .values({
      statement_id: s.id,
      locale: 'fr',
      title: 'Le soin est un travail',
      body_md: 'Le soin mérite salaire.',
      version: 'fr1',
      authoritative: false,
    })
    .execute();
  // Who stands now: public (en), awaiting verification (fr), and some who do not.
  const listed = await publish(c.deps, s.id, { name: 'Dockers Union', email: 'sec@dockers.example.org' });
  const waiting = await insertEndorsement(c.deps, s.id, {
    name: 'Syndicat des Cheminots',
    email: 'contact@cheminots.example.fr',
    locale: 'fr',
    status: 'confirmed',
    publishedAt: null,
  });
  const other = await publish(c.deps, s.id, { name: 'Nurses Union', email: 'info@nurses.example.org' });
  const withdrawn = await insertEndorsement(c.deps, s.id, {
    name: 'Gone Union',
    email: 'gone@example.org',
    status: 'withdrawn',
  });
  const rejected = await insertEndorsement(c.deps, s.id, {
    name: 'No Union',
    email: 'no@example.org',
    status: 'rejected',
    publishedAt: null,
  });
  const pending = await insertEndorsement(c.deps, s.id, {
    name: 'Slow Union',
    email: 'slow@example.org',
    status: 'pending',
  });
  const erased = await publish(c.deps, s.id, { name: 'Erased Union', email: 'erased@example.org' });
  await c.deps.db
    .updateTable('endorsements')
    .set({ email: null, email_normalised: null, erased_at: new Date() })
    .where('id', '=', erased)
    .execute();
  const { agent, user } = await signedIn(c, 'admin');
  return { c, s, agent, user, ids: { listed, waiting, other, withdrawn, rejected, pending, erased } };
}

const queued = (c: TestContext) =>
  c.deps.db
    .selectFrom('email_outbox')
    .select(['template', 'to_address', 'locale', 'endorsement_id', 'data'])
    .where('template', '=', 'statement-amended')
    .orderBy('id')
    .execute();

const items = async (c: TestContext, slug: string) =>
  (await json(c.app.request(`/api/statements/${slug}/signatories?limit=100`))).items as Array<{
    id: number;
    name: string;
    version: number;
    currentVersion: boolean;
  }>;

const saveText = (agent: Agent, id: number, fields: Record<string, string>, locale = 'en') =>
  agent.post(`/admin/statements/${id}/texts/${locale}`, { title: 'Care is work', action: 'save', ...fields });

describe('amending a statement from the staff editor', () => {
  it('a minor change leaves every endorsement standing and sends nothing', async () => {
    const { c, s, agent } = await setup();
    const editor = await agent.page(`/admin/statements/${s.id}/texts/en`);
    expect(editor.html).toContain('What kind of change is this?');
    expect(editor.html).toMatch(/value="minor"[^>]*checked/);
    const res = await saveText(agent, s.id, { body: 'Care workers deserve fair pay.', change: 'minor' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/statements/${s.id}?done=saved`);
    expect(await queued(c)).toEqual([]);
    expect((await items(c, s.slug)).every((i) => i.version === 1 && i.currentVersion)).toBe(true);
    expect(await (await c.app.request(`/s/${s.slug}`)).text()).not.toContain(EARLIER);
    // A translation has no "kind of change" to ask.
    expect((await agent.page(`/admin/statements/${s.id}/texts/fr`)).html).not.toContain('name="change"');
  });

  it('refuses a substantive change without a summary, to an unchanged text, or to a translation', async () => {
    const { c, s, agent } = await setup();
    const noSummary = await saveText(agent, s.id, {
      body: 'New meaning.',
      change: 'substantive',
      summary: ' ',
    });
    expect(noSummary.status).toBe(422);
    expect(await noSummary.text()).toContain('Say what changed');
    const same = await saveText(agent, s.id, {
      body: 'Care workers deserve pay.',
      change: 'substantive',
      summary: 'Nothing really',
    });
    expect(same.status).toBe(422);
    expect(await same.text()).toContain(
      'Only a change to the existing authoritative text can be substantive',
    );
    const translation = await saveText(
      agent,
      s.id,
      { title: 'Le soin', body: 'Autre sens.', change: 'substantive', summary: 'Autre' },
      'fr',
    );
    expect(translation.status).toBe(422);
    const bogus = await saveText(agent, s.id, { body: 'x', change: 'sideways', summary: '' });
    expect(bogus.status).toBe(422);
    expect(await queued(c)).toEqual([]);
    const v = await c.deps.db
      .selectFrom('statements')
      .select('version')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(v.version).toBe(1);
  });

  it('a substantive change mails every standing endorser once, in their language, and marks them on every list', async () => {
    const { c, s, agent, user, ids } = await setup();
    const res = await saveText(agent, s.id, {
      body: 'Care workers deserve pay, and a union.',
      change: 'substantive',
      summary: 'We now also call for the right to organise.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/statements/${s.id}?done=amended`);
    expect((await agent.page(res.headers.get('location')!)).html).toContain(
      'Text saved as a substantive change',
    );

    // Who gets the mail: public, awaiting verification; not withdrawn, rejected, pending or erased.
    const rows = await queued(c);
    expect(rows.map((r) => Number(r.endorsement_id)).sort((a, b) => a - b)).toEqual(
      [ids.listed, ids.waiting, ids.other].sort((a, b) => a - b),
    );
    expect(rows.find((r) => r.endorsement_id === ids.waiting)?.locale).toBe('fr');

    const audit = await c.deps.db
      .selectFrom('audit_log')
      .select(['staff_id', 'details'])
      .where('action', '=', 'statement.amend')
      .execute();
    expect(audit).toEqual([
      {
        staff_id: user.id,
        details: expect.objectContaining({
          version: 2,
          mails: 3,
          summary: 'We now also call for the right to organise.',
        }),
      },
    ]);

    // The mails as they arrive, through SMTP.
    await c.worker.runOnce();
    const mails = await sink!.waitFor((m) => /amend|modifiée/.test(m.subject), 3);
    expect(mails).toHaveLength(3);
    const fr = mails.find((m) => m.to.includes('contact@cheminots.example.fr'))!;
    expect(fr.subject).toBe(
      '«\u202fLe soin est un travail\u202f» a été modifiée\u00a0: Syndicat des Cheminots signe-t-elle la nouvelle version\u202f?',
    );
    expect(fr.text).toContain('We now also call for the right to organise.');
    expect(fr.text).toContain('http://localhost:3000/s/care?lang=fr');
    expect(fr.text).toMatch(/http:\/\/localhost:3000\/reconfirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect(fr.text).toMatch(/http:\/\/localhost:3000\/withdraw\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    const en = mails.find((m) => m.to.includes('sec@dockers.example.org'))!;
    expect(en.subject).toBe('“Care is work” was amended: does Dockers Union endorse the new version?');
    expect(en.html).toContain('href="http://localhost:3000/reconfirm/');

    // Listed, marked, on the page, the print page, the JSON and the CSV.
    const list = await items(c, s.slug);
    expect(list.find((i) => i.id === ids.listed)).toMatchObject({ version: 1, currentVersion: false });
    const page = await (await c.app.request(`/s/${s.slug}`)).text();
    expect(page).toContain('Dockers Union');
    expect(page).toContain(EARLIER);
    const print = await (await c.app.request(`/s/${s.slug}/print`)).text();
    expect(print).toContain(EARLIER);
    const csv = await (await c.app.request(`/s/${s.slug}/signatories.csv`)).text();
    expect(csv).toContain('initiator,version,currentVersion');
    expect(csv).toMatch(new RegExp(`\\n${ids.listed},Dockers Union,[^\\n]*,false,1,false\\r`));
  });
});

describe('endorsing the new version from the emailed link', () => {
  it('GET shows a button and changes nothing; POST endorses the new version; a tampered token is a 400', async () => {
    const { c, s, agent, ids } = await setup();
    await saveText(agent, s.id, { body: 'New meaning.', change: 'substantive', summary: 'Changed.' });
    const row = (await queued(c)).find((r) => r.endorsement_id === ids.listed)!;
    const url = new URL(String((row.data as Record<string, string>).reconfirmUrl));
    const path = url.pathname;

    const shown = await c.app.request(path);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Endorse the new version');
    expect(html).toContain(`<form method="post" action="${path}"`);
    // A mail filter that follows the link changes nothing.
    expect((await items(c, s.slug)).find((i) => i.id === ids.listed)?.currentVersion).toBe(false);

    const token = path.slice('/reconfirm/'.length);
    const [body, sig] = token.split('.') as [string, string];
    const other = Buffer.from(
      JSON.stringify({ id: ids.other, p: 'reconfirm', exp: 4102444800, v: 2 }),
    ).toString('base64url');
    for (const bad of [
      `${body}.${sig.slice(0, -3)}AAA`,
      `${other}.${sig}`,
      createToken(Buffer.alloc(32, 9), { id: ids.listed, purpose: 'reconfirm', exp: 4102444800, v: 2 }),
      // A withdraw link's token is not a re-confirmation.
      new URL(String((row.data as Record<string, string>).withdrawUrl)).pathname.slice('/withdraw/'.length),
    ]) {
      expect((await c.app.request(`/reconfirm/${bad}`)).status).toBe(400);
      expect((await postForm(c.app, `/reconfirm/${bad}`, {})).status).toBe(400);
    }

    const done = await postForm(c.app, path, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/s/${s.slug}/reconfirmed?lang=en`);
    expect((await c.app.request(done.headers.get('location')!)).status).toBe(200);
    expect((await items(c, s.slug)).find((i) => i.id === ids.listed)).toMatchObject({
      version: 2,
      currentVersion: true,
    });
    // Twice changes nothing more; the others are still marked.
    expect((await postForm(c.app, path, {})).status).toBe(303);
    expect((await items(c, s.slug)).find((i) => i.id === ids.other)?.currentVersion).toBe(false);

    // A link sent before a newer amendment no longer counts: the newer mail has the one that does.
    const oldOther = (await queued(c)).find((r) => r.endorsement_id === ids.other)!;
    await saveText(agent, s.id, { body: 'Third meaning.', change: 'substantive', summary: 'Again.' });
    const stale = new URL(String((oldOther.data as Record<string, string>).reconfirmUrl)).pathname;
    const refused = await postForm(c.app, stale, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('amended again');
  });

  it('someone who confirms after the amendment endorses the text as it reads then', async () => {
    const { c, s, agent } = await setup();
    await saveText(agent, s.id, { body: 'New meaning.', change: 'substantive', summary: 'Changed.' });
    await endorse(c, s.slug, validForm({ email: 'late@union.example.org', org_name: 'Late Union' }));
    const late = (await endorsementsOf(c, s.id)).find((e) => e.display_name === 'Late Union')!;
    const mail = await c.deps.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('endorsement_id', '=', late.id)
      .where('template', '=', 'confirm-endorsement')
      .executeTakeFirstOrThrow();
    expect((await postForm(c.app, outboxLink(mail as never, 'confirm'), {})).status).toBe(303);
    const row = await c.deps.db
      .selectFrom('endorsements')
      .select('statement_version')
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow();
    expect(row.statement_version).toBe(2);
  });
});

describe('removing endorsements not renewed, after a deadline', () => {
  it('staff see who has not endorsed the new version; removal is refused before the deadline and audited after', async () => {
    const { c, s, agent, user, ids } = await setup();
    await saveText(agent, s.id, { body: 'New meaning.', change: 'substantive', summary: 'Changed a lot.' });
    const row = (await queued(c)).find((r) => r.endorsement_id === ids.listed)!;
    await postForm(c.app, new URL(String((row.data as Record<string, string>).reconfirmUrl)).pathname, {});

    // A verifier sees the list, but may not remove.
    const { agent: verifier } = await signedIn(c, 'verifier');
    const view = await verifier.page(`/admin/statements/${s.id}/amendment`);
    expect(view.res.status).toBe(200);
    expect(view.html).toContain('Changed a lot.');
    expect(view.html).toContain('Syndicat des Cheminots');
    expect(view.html).toContain('Nurses Union');
    expect(view.html).not.toContain('Dockers Union');
    expect((await verifier.post(`/admin/statements/${s.id}/amendment/remove`)).status).toBe(403);

    await agent.page(`/admin/statements/${s.id}/amendment`);
    const noDeadline = await agent.post(`/admin/statements/${s.id}/amendment/remove`);
    expect(noDeadline.status).toBe(409);
    expect(await noDeadline.text()).toContain('Set a deadline first');
    expect(
      (await agent.post(`/admin/statements/${s.id}/amendment/deadline`, { deadline: 'next week' })).status,
    ).toBe(422);
    const set = await agent.post(`/admin/statements/${s.id}/amendment/deadline`, {
      deadline: '2026-01-15T11:00',
    });
    expect(set.status).toBe(303);
    const early = await agent.post(`/admin/statements/${s.id}/amendment/remove`);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('The deadline has not passed yet');
    expect((await items(c, s.slug)).map((i) => i.name).sort()).toEqual([
      'Dockers Union',
      'Erased Union',
      'Nurses Union',
    ]);

    // An hour later (a staff session outlives it).
    c.clock.advance(3600_000 + 1);
    const removed = await agent.post(`/admin/statements/${s.id}/amendment/remove`);
    expect(removed.status).toBe(303);
    const after = await agent.page(removed.headers.get('location')!);
    expect(after.html).toContain('Endorsements removed: 3.');
    // Only those who renewed stay listed; the list and counts change at once.
    expect((await items(c, s.slug)).map((i) => i.name)).toEqual(['Dockers Union']);
    expect((await json(c.app.request(`/api/statements/${s.slug}`))).total).toBe(1);
    const statuses = await c.deps.db
      .selectFrom('endorsements')
      .select(['id', 'status'])
      .where('id', 'in', [ids.waiting, ids.other, ids.listed])
      .orderBy('id')
      .execute();
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [ids.listed]: 'verified',
      [ids.waiting]: 'withdrawn',
      [ids.other]: 'withdrawn',
    });
    const audit = await c.deps.db
      .selectFrom('audit_log')
      .select(['action', 'staff_id', 'details'])
      .where('action', 'like', 'amendment.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['amendment.deadline', 'amendment.remove']);
    expect(audit[1]).toMatchObject({ staff_id: user.id, details: { version: 2, count: 3 } });
    expect(
      (audit[1]!.details as { endorsements: Array<{ id: number }> }).endorsements
        .map((e) => e.id)
        .sort((a, b) => a - b),
    ).toEqual([ids.waiting, ids.other, ids.erased].sort((a, b) => a - b));
    expect((await agent.page(`/admin/statements/${s.id}/amendment`)).html).toContain(
      'Every endorser has endorsed the current version.',
    );
  });
});
