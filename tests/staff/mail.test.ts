import { afterEach, describe, expect, it } from 'vitest';
import { DECISION_MAIL_HOLD_MS } from '../../src/endorsements/lifecycle/index.js';
import { importStatement } from '../../src/statements/editor.js';
import { insertEndorsement } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  await ctx?.close();
  await sink?.stop();
});

describe('emails after a staff decision (real SMTP)', () => {
  it('on verification the signer gets "now listed" with a link to the statement and a working withdraw link', async () => {
    sink = await new SmtpSink().start();
    ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    const s = await ctx.statement({ slug: 'care-now', title: 'A fair deal for care workers' });
    await importStatement(ctx.deps, ctx!.clock.now(), {
      slug: 'care-now',
      locale: 'fr',
      title: 'Un accord juste pour les aides à domicile',
      body: 'Texte.',
    });
    const en = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Care Workers Union',
      email: 'sec@careworkers.example.org',
      locale: 'en',
    });
    const fr = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Syndicat Solidaire',
      email: 'contact@solidaire.example.fr',
      locale: 'fr',
    });
    const { agent } = await signedIn(ctx, 'verifier');
    expect(
      (await agent.post(`/admin/statements/${s.id}/queue/verify`, { ids: [String(en), String(fr)] })).status,
    ).toBe(303);
    // Decision mail waits out the undo window (README "The queue").
    ctx!.clock.advance(DECISION_MAIL_HOLD_MS);
    await ctx.worker.runOnce();
    const [mail] = await sink.waitFor((m) => m.to.includes('sec@careworkers.example.org'));
    expect(mail!.subject).toBe('Care Workers Union is now listed on “A fair deal for care workers”');
    expect(mail!.text).toContain('http://localhost:3000/s/care-now?lang=en');
    const withdraw = /http:\/\/localhost:3000\/withdraw\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
      mail!.text,
    )?.[0];
    expect(withdraw).toBeDefined();
    expect(mail!.html).toContain(withdraw!);
    // The link leads to the withdraw page (a button; only its POST acts).
    expect((await ctx.app.request(withdraw!.replace('http://localhost:3000', ''))).status).toBe(200);

    const [french] = await sink.waitFor((m) => m.to.includes('contact@solidaire.example.fr'));
    expect(french!.subject).toBe(
      'Syndicat Solidaire figure désormais parmi les signataires de «\u202FUn accord juste pour les aides à domicile\u202F»',
    );
    expect(french!.text).toContain('http://localhost:3000/s/care-now?lang=fr');
    expect(sink.mails).toHaveLength(2);
  });

  it('a rejection the signer should hear about arrives with the reason', async () => {
    sink = await new SmtpSink().start();
    ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    const s = await ctx.statement({ title: 'Care now' });
    const id = await insertEndorsement(ctx.deps, s.id, {
      status: 'confirmed',
      name: 'Acme Ltd',
      email: 'boss@acme.example.com',
    });
    const { agent } = await signedIn(ctx, 'verifier');
    expect(
      (
        await agent.post(`/admin/endorsements/${id}/reject`, {
          reason: 'A company is not a labour organisation.',
          tell: '1',
        })
      ).status,
    ).toBe(303);
    // Decision mail waits out the undo window (README "The queue").
    ctx!.clock.advance(DECISION_MAIL_HOLD_MS);
    await ctx.worker.runOnce();
    const [mail] = await sink.waitFor((m) => m.to.includes('boss@acme.example.com'));
    expect(mail!.subject).toBe('Your endorsement of “Care now”');
    expect(mail!.text).toContain('A company is not a labour organisation.');
  });
});
