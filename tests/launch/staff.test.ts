import { afterEach, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { ORIGIN } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { json, publish } from '../live/support.js';
import { signedIn, type Agent } from '../staff/helpers.js';

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  await ctx?.close();
  await sink?.stop();
  ctx = undefined;
  sink = undefined;
});

/** A multipart POST as the browser sends the import form, with the agent's session and token. */
async function upload(c: TestContext, agent: Agent, path: string, fields: Record<string, string | File>) {
  const body = new FormData();
  body.set('_csrf', agent.csrf ?? '');
  for (const [k, v] of Object.entries(fields)) {
    body.set(k, v);
  }
  return c.app.request(path, {
    method: 'POST',
    body,
    headers: { origin: ORIGIN, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

const FORM = {
  org_name: 'Harbour Workers Union',
  org_type: 'union',
  country: 'GB',
  city: 'Bristol',
  website: '',
  members: '3 000',
  contact_name: 'Ann Lee',
  contact_role: '',
  email: 'ann@harbour.example.org',
  locale: 'en',
  source: 'letter',
  evidence: 'Letter of 2 December, in the office file',
  initiator: 'yes',
  mode: 'verify',
};

describe('launching from the staff pages', () => {
  it('an admin sets the embargo in the editor and launches now; the audit log says who', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ slug: 'editor-launch' });
    await publish(ctx.deps, s.id, { name: 'Early Union' });
    const { agent, user } = await signedIn(ctx, 'admin');
    const edit = await agent.page(`/admin/statements/${s.id}`);
    expect(edit.html).toContain('name="launch_at"');
    expect(
      (await agent.post(`/admin/statements/${s.id}/launch-at`, { launch_at: '2030-06-01T09:00' })).status,
    ).toBe(303);
    expect(await json(ctx.app.request('/api/statements/editor-launch'))).toMatchObject({
      total: 0,
      launchAt: '2030-06-01T09:00:00.000Z',
    });
    const after = await agent.page(`/admin/statements/${s.id}`);
    expect(after.html).toContain('Launch now');
    // A verifier may not launch.
    const { agent: verifier } = await signedIn(ctx, 'verifier');
    await verifier.page('/admin');
    expect((await verifier.post(`/admin/statements/${s.id}/launch`)).status).toBe(403);

    const launched = await agent.post(`/admin/statements/${s.id}/launch`);
    expect(launched.status).toBe(200);
    expect(await launched.text()).toContain(
      'Launched: the signatories are public, and their endorsers are being told by email (emails: 1).',
    );
    expect((await json(ctx.app.request('/api/statements/editor-launch'))).total).toBe(1);
    // Twice is refused, plainly; the date can no longer hide a public list.
    expect((await agent.post(`/admin/statements/${s.id}/launch`)).status).toBe(409);
    expect(
      (await agent.post(`/admin/statements/${s.id}/launch-at`, { launch_at: '2031-01-01' })).status,
    ).toBe(422);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'staff_id'])
      .where('statement_id', '=', s.id)
      .where('action', 'like', 'statement.launch%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'statement.launch-at', actor: user.name, staff_id: user.id },
      { action: 'statement.launch', actor: user.name, staff_id: user.id },
    ]);
  });

  it('staff add an endorsement received by letter: verified by them, listed first under "Initiated by"', async () => {
    sink = await new SmtpSink().start();
    ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    const s = await ctx.statement({ slug: 'by-letter', title: 'By letter' });
    await publish(ctx.deps, s.id, { name: 'Aardvark Association', country: 'GB' });
    const { agent, user } = await signedIn(ctx, 'verifier');
    const page = await agent.page(`/admin/statements/${s.id}/add`);
    expect(page.html).toContain('name="evidence"');

    const res = await agent.post(`/admin/statements/${s.id}/add`, FORM);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Added and listed: Harbour Workers Union.');
    const row = await ctx.deps.db
      .selectFrom('endorsements')
      .selectAll()
      .where('display_name', '=', 'Harbour Workers Union')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'verified',
      source: 'letter',
      evidence: 'Letter of 2 December, in the office file',
      entered_by: user.id,
      decided_by: user.id,
      initiator: true,
      members: 3000,
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'endorsement.enter')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: user.name, details: { source: 'letter', mode: 'verify' } });

    const items = (await json(ctx.app.request('/api/statements/by-letter/signatories'))).items as Array<{
      name: string;
      initiator: boolean;
    }>;
    expect(Object.fromEntries(items.map((x) => [x.name, x.initiator]))).toEqual({
      'Aardvark Association': false,
      'Harbour Workers Union': true,
    });
    const csv = await (await ctx.app.request('/s/by-letter/signatories.csv')).text();
    expect(csv.split(/\r?\n/)[0]).toMatch(/,initiator,version,currentVersion$/);
    expect(csv).toMatch(/Harbour Workers Union,.*,true,1,true\r?\n?/);
    const html = await (await ctx.app.request('/s/by-letter')).text();
    const initiated = html.indexOf('Initiated by');
    expect(initiated).toBeGreaterThan(0);
    expect(html.indexOf('Harbour Workers Union')).toBeGreaterThan(initiated);
    expect(html.indexOf('Aardvark Association')).toBeGreaterThan(html.indexOf('Harbour Workers Union'));

    // The signer hears that the organisation is listed (the statement is not under embargo).
    await ctx.worker.runOnce();
    const [mail] = await sink.waitFor((m) => m.to.includes('ann@harbour.example.org'));
    expect(mail!.subject).toBe('Harbour Workers Union is now listed on “By letter”');

    // The same organisation again is refused; unmarking the initiator moves it back among the rest.
    const again = await agent.post(`/admin/statements/${s.id}/add`, {
      ...FORM,
      org_name: 'harbour workers union',
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('This organisation is already listed on this statement.');
    await agent.page(`/admin/statements/${s.id}/endorsements?status=verified`);
    expect((await agent.post(`/admin/endorsements/${row.id}/initiator`, { initiator: 'no' })).status).toBe(
      303,
    );
    const after = (await json(ctx.app.request('/api/statements/by-letter/signatories'))).items;
    expect(after.every((i: { initiator: boolean }) => !i.initiator)).toBe(true);
    expect(
      await ctx.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'endorsement.initiator%')
        .execute(),
    ).toEqual([{ action: 'endorsement.initiator-removed' }]);
  });

  it('"send a confirmation link" starts it as pending and mails the contact the link', async () => {
    sink = await new SmtpSink().start();
    ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    const s = await ctx.statement({ slug: 'by-link' });
    const { agent } = await signedIn(ctx, 'verifier');
    await agent.page(`/admin/statements/${s.id}/add`);
    const missing = await agent.post(`/admin/statements/${s.id}/add`, { ...FORM, email: '', mode: 'link' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Enter your email address');
    const res = await agent.post(`/admin/statements/${s.id}/add`, { ...FORM, locale: 'fr', mode: 'link' });
    expect(await res.text()).toContain(
      'A confirmation link was sent to the contact of Harbour Workers Union.',
    );
    expect(
      (await ctx.deps.db.selectFrom('endorsements').select('status').executeTakeFirstOrThrow()).status,
    ).toBe('pending');
    await ctx.worker.runOnce();
    const [mail] = await sink.waitFor((m) => m.to.includes('ann@harbour.example.org'));
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/confirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect((await json(ctx.app.request('/api/statements/by-link'))).total).toBe(0);
  });

  it('the import page previews what will be added and skipped, writes nothing until confirmed, and refuses 2 MB+', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ slug: 'imported' });
    await publish(ctx.deps, s.id, { name: 'Sindicato de Trabajadores del Puerto', country: 'ES' });
    const { agent } = await signedIn(ctx, 'verifier');
    await agent.page(`/admin/statements/${s.id}/import`);
    const csv = await (await import('node:fs')).promises.readFile('docs/examples/endorsements.csv', 'utf8');
    const file = new File([csv], 'endorsements.csv', { type: 'text/csv' });
    const preview = await upload(ctx, agent, `/admin/statements/${s.id}/import`, { action: 'preview', file });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('To be added (3)');
    expect(html).toContain('Already listed, skipped (1)');
    expect(html).toContain('Import these endorsements (3)');
    expect((await ctx.deps.db.selectFrom('endorsements').select('id').execute()).length).toBe(1);

    const confirm = await upload(ctx, agent, `/admin/statements/${s.id}/import`, { action: 'confirm', csv });
    expect(await confirm.text()).toContain('Imported: 3. Skipped as already listed: 1.');
    expect((await json(ctx.app.request('/api/statements/imported'))).total).toBe(4);

    const bad = new File(['org_name;org_type;country\nX;guild;GB\n'], 'bad.csv');
    const refused = await upload(ctx, agent, `/admin/statements/${s.id}/import`, {
      action: 'preview',
      file: bad,
    });
    expect(refused.status).toBe(422);
    const text = await refused.text();
    expect(text).toContain(
      'Line 2: org_name: The name of the organisation must be between 2 and 200 characters',
    );
    expect(text).toContain('Line 2: org_type: Choose the type of organisation');

    const huge = new File(['org_name,org_type,country\n' + 'x'.repeat(2 * 1024 * 1024)], 'huge.csv');
    const tooBig = await upload(ctx, agent, `/admin/statements/${s.id}/import`, {
      action: 'preview',
      file: huge,
    });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain('The file is too large: at most 2 MB.');
  });
});
