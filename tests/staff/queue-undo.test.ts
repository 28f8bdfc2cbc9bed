import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_MAIL_HOLD_MS, UNDO_WINDOW_MS } from '../../src/endorsements/lifecycle/index.js';
import { insertEndorsement } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn, type Agent } from './helpers.js';

// Undo from the notice after a decision, and later reversal from the decided list: what the
// verifier sees, what the public list shows at once, what the signer receives (README "The queue").
let ctx: TestContext;
let sink: SmtpSink;
let agent: Agent;
let me: number;
let slug: string;
let statementId: number;
beforeAll(async () => {
  sink = await new SmtpSink().start();
  ctx = await createTestContext({ config: { smtpUrl: sink.url } });
  const s = await ctx.statement({ title: 'Care now' });
  slug = s.slug;
  statementId = s.id;
  const signed = await signedIn(ctx, 'verifier');
  agent = signed.agent;
  me = signed.user.id;
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await sink?.stop();
});

const row = (id: number) =>
  ctx.deps.db.selectFrom('endorsements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const actions = async (id: number) =>
  (
    await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('endorsement_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((a) => a.action);
const publicNames = async () => {
  const res = await ctx.app.request(`/api/statements/${slug}/signatories`);
  return ((await res.json()) as { items: { name: string }[] }).items.map((i) => i.name);
};
const total = async () =>
  ((await (await ctx.app.request(`/api/statements/${slug}`)).json()) as { total: number }).total;
/** Let the held decision mail fall due, and run the mail worker once. */
const afterHold = async () => {
  ctx.clock.advance(DECISION_MAIL_HOLD_MS + 1000);
  await ctx.worker.runOnce();
};
const undoForm = (html: string) => {
  const form = /<form method="post" action="\/admin\/queue\/undo"[\s\S]*?<\/form>/.exec(html)?.[0];
  return form
    ? {
        ids: [...form.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1]!),
        back: /name="back" value="([^"]*)"/.exec(form)![1]!.replace(/&amp;/g, '&'),
      }
    : undefined;
};

describe('undo from the notice', () => {
  it('a verification is listed at once, named in the notice with Undo; undone, it leaves the list and the signer hears nothing', async () => {
    const id = await insertEndorsement(ctx.deps, statementId, {
      status: 'confirmed',
      name: 'Harbour Workers Union',
      email: 'sec@harbour.example.org',
    });
    const before = await total();
    const res = await agent.post(`/admin/endorsements/${id}/verify`, { back: `statement=${statementId}` });
    expect(res.status).toBe(303);
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain(
      'Verified: Harbour Workers Union. It is listed; the signer gets an email in 10 minutes',
    );
    expect(await publicNames()).toContain('Harbour Workers Union');
    expect(await total()).toBe(before + 1);
    // The "now listed" mail waits out the undo window.
    const held = await ctx.deps.db
      .selectFrom('email_outbox')
      .select(['next_attempt_at', 'status'])
      .where('endorsement_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(held.next_attempt_at.getTime()).toBe(ctx.clock.now().getTime() + DECISION_MAIL_HOLD_MS);
    expect(await ctx.worker.runOnce()).toBe(0);

    const undo = undoForm(page.html)!;
    expect(undo.ids).toEqual([String(id)]);
    ctx.clock.advance(UNDO_WINDOW_MS - 1000);
    const undone = await agent.post('/admin/queue/undo', undo);
    expect(undone.status).toBe(303);
    expect(undone.headers.get('location')).toContain(`#e${id}`);
    const after = await agent.page(undone.headers.get('location')!);
    expect(after.html).toContain(
      'Undone: Harbour Workers Union is back in the queue. Nothing was sent to the signer.',
    );
    expect(after.html).toContain(`id="e${id}"`);
    const e = await row(id);
    expect([e.status, e.published_at, e.verified_at, e.decided_by]).toEqual(['confirmed', null, null, null]);
    expect(await publicNames()).not.toContain('Harbour Workers Union');
    expect(await total()).toBe(before);
    expect(await actions(id)).toEqual(['endorsement.verify', 'endorsement.undo']);
    await afterHold();
    expect(sink.mails.filter((m) => m.to.includes('sec@harbour.example.org'))).toEqual([]);
  });

  it('a verification not undone sends its "now listed" mail once the window has passed', async () => {
    const id = await insertEndorsement(ctx.deps, statementId, {
      status: 'confirmed',
      name: 'Dock Union',
      email: 'sec@dock.example.org',
    });
    await agent.post(`/admin/endorsements/${id}/verify`);
    await afterHold();
    const [mail] = await sink.waitFor((m) => m.to.includes('sec@dock.example.org'));
    expect(mail!.subject).toBe('Dock Union is now listed on “Care now”');
    // Past the window the notice offers no Undo, and a replayed Undo is refused with the way forward.
    const late = await agent.post('/admin/queue/undo', { ids: String(id) });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('Reopen for review');
    expect((await row(id)).status).toBe('verified');
  });

  it('a rejection told to the signer is held too, and undoing it cancels the mail', async () => {
    const id = await insertEndorsement(ctx.deps, statementId, {
      status: 'confirmed',
      name: 'Not A Union Ltd',
      email: 'boss@notaunion.example.org',
    });
    const res = await agent.post(`/admin/endorsements/${id}/reject`, { reason: 'An employer', tell: '1' });
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain('Rejected: Not A Union Ltd.');
    const undo = await agent.post('/admin/queue/undo', undoForm(page.html)!);
    expect(undo.status).toBe(303);
    const e = await row(id);
    expect([e.status, e.rejection_reason, e.rejected_at]).toEqual(['confirmed', null, null]);
    await afterHold();
    expect(sink.mails.filter((m) => m.to.includes('boss@notaunion.example.org'))).toEqual([]);
    expect(await actions(id)).toEqual(['endorsement.reject', 'endorsement.undo']);
  });

  it('a bulk verification is undone in one go; someone else cannot undo my decision', async () => {
    // One after the other: the notice names them in the order they came in (by id).
    const ids: number[] = [];
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) {
      ids.push(await insertEndorsement(ctx.deps, statementId, { status: 'confirmed', name }));
    }
    const res = await agent.post('/admin/queue/verify', {
      ids: ids.map(String),
      back: `statement=${statementId}`,
    });
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain('Verified (3): Bulk One, Bulk Two, Bulk Three.');
    expect(page.html).toContain('Undo all (3)');
    const form = undoForm(page.html)!;
    const other = await signedIn(ctx, 'verifier');
    expect((await other.agent.post('/admin/queue/undo', form)).status).toBe(409);
    expect((await row(ids[0]!)).status).toBe('verified');
    const undone = await agent.post('/admin/queue/undo', form);
    const after = await agent.page(undone.headers.get('location')!);
    expect(after.html).toContain('Undone: Bulk One, Bulk Two, Bulk Three is back in the queue');
    for (const id of ids) {
      expect((await row(id)).status).toBe('confirmed');
    }
    expect(await publicNames()).not.toContain('Bulk Two');
  });
});

describe('later reversal from the decided list', () => {
  it('"reopen for review" takes a listed organisation back to the queue at any time; the signer is not mailed', async () => {
    // Verified long ago (the fixture's date), by someone else: past any undo.
    const id = await insertEndorsement(ctx.deps, statementId, {
      status: 'verified',
      name: 'Old Listed Union',
    });
    const sent = sink.mails.length;
    const list = await agent.page(`/admin/statements/${statementId}/endorsements?status=verified`);
    expect(list.html).toContain(`action="/admin/endorsements/${id}/reopen"`);
    expect(list.html).toContain(`action="/admin/endorsements/${id}/unlist"`);
    const res = await agent.post(`/admin/endorsements/${id}/reopen`);
    expect(res.status).toBe(303);
    const queue = await agent.page(res.headers.get('location')!);
    expect(queue.html).toContain('Reopened: Old Listed Union is back in the verification queue.');
    expect(queue.html).toContain(`id="e${id}"`);
    expect((await row(id)).status).toBe('confirmed');
    expect(await publicNames()).not.toContain('Old Listed Union');
    expect(await actions(id)).toEqual(['endorsement.reopen']);
    // A rejected one can be reopened too.
    const rejected = await insertEndorsement(ctx.deps, statementId, {
      status: 'rejected',
      name: 'Second Look',
    });
    expect((await agent.post(`/admin/endorsements/${rejected}/reopen`)).status).toBe(303);
    expect((await row(rejected)).status).toBe('confirmed');
    await afterHold();
    expect(sink.mails.length).toBe(sent);
  });

  it('"unlist" takes it off the public list with a reason, and tells the signer when asked', async () => {
    const id = await insertEndorsement(ctx.deps, statementId, {
      status: 'verified',
      name: 'Misled Union',
      email: 'sec@misled.example.org',
    });
    expect(await publicNames()).toContain('Misled Union');
    expect((await agent.post(`/admin/endorsements/${id}/unlist`, { reason: '' })).status).toBe(422);
    const res = await agent.post(`/admin/endorsements/${id}/unlist`, {
      reason: 'The signer was not authorised to sign for the union.',
      tell: '1',
    });
    expect(res.status).toBe(303);
    const page = await agent.page(res.headers.get('location')!);
    expect(page.html).toContain('Unlisted: Misled Union is no longer on the public list.');
    const e = await row(id);
    expect([e.status, e.rejection_reason, e.decided_by]).toEqual([
      'rejected',
      'The signer was not authorised to sign for the union.',
      me,
    ]);
    expect(await publicNames()).not.toContain('Misled Union');
    expect(await actions(id)).toEqual(['endorsement.unlist']);
    await ctx.worker.runOnce();
    const [mail] = await sink.waitFor((m) => m.to.includes('sec@misled.example.org'));
    expect(mail!.text).toContain('The signer was not authorised to sign for the union.');
    // Unlisting twice changes nothing.
    expect((await agent.post(`/admin/endorsements/${id}/unlist`, { reason: 'again' })).status).toBe(409);
  });

  it('every new form needs the session’s CSRF token: without it nothing changes', async () => {
    const verified = await insertEndorsement(ctx.deps, statementId, {
      status: 'verified',
      name: 'Guarded Union',
    });
    const pending = await insertEndorsement(ctx.deps, statementId, {
      status: 'pending',
      name: 'Guarded Pending',
    });
    const posts: Array<[string, Record<string, string>]> = [
      ['/admin/queue/verify', { ids: String(verified) }],
      ['/admin/queue/undo', { ids: String(verified) }],
      [`/admin/endorsements/${verified}/reopen`, {}],
      [`/admin/endorsements/${verified}/unlist`, { reason: 'forged' }],
      [`/admin/endorsements/${pending}/resend`, {}],
    ];
    for (const [path, fields] of posts) {
      expect((await agent.post(path, fields, { csrf: null })).status, path).toBe(403);
      expect((await agent.post(path, fields, { csrf: 'forged-token' })).status, path).toBe(403);
    }
    expect((await row(verified)).status).toBe('verified');
    expect((await row(pending)).resend_count).toBe(0);
    expect(await actions(verified)).toEqual([]);
  });
});
