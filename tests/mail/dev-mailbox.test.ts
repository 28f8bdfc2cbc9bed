import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLog } from '../../src/log.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createTransport } from '../../src/mail/transport.js';
import { defaultConfig } from '../../src/config.js';
import { FakeClock } from '../../src/clock.js';
import { startSink } from './support.js';

const confirmLink = 'http://localhost:3000/confirm/eyJpZCI6MX0.c2ln';

describe('development mailbox (no SMTP_URL)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('starts with a clear empty state, in the reader’s language', async () => {
    const res = await ctx.app.request('/dev/mail');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('No mail yet.');
    expect(html).toContain('SMTP_URL');
    const fr = await (await ctx.app.request('/dev/mail?lang=fr')).text();
    expect(fr).toContain('Aucun message pour l’instant.');
    expect(fr).toContain('<html lang="fr"');
  });

  it('lists messages newest first and shows each one with clickable links and its HTML kept apart', async () => {
    const mailer = ctx.deps.mailer;
    await mailer.send({
      to: 'first@example.org',
      subject: 'First message',
      text: 'Hello',
      html: '<p>Hello</p>',
    });
    ctx.clock.advance(60_000);
    await mailer.send({
      to: 'officer@union.example.org',
      subject: 'Confirm <your> endorsement',
      text: `Confirm here: ${confirmLink}.\nIgnore this email <b>otherwise</b>.`,
      html: `<html><head><title>x</title></head><body><p style="color:red">Hi</p><a href="${confirmLink}">Confirm</a><script>alert(1)</script></body></html>`,
    });

    const list = await (await ctx.app.request('/dev/mail')).text();
    expect(list).not.toContain('No mail yet.');
    const second = list.indexOf('Confirm &lt;your&gt; endorsement');
    const first = list.indexOf('First message');
    expect(second).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(second); // newest first
    expect(list).toContain('officer@union.example.org');
    const id = /href="\/dev\/mail\/(\d+)">Confirm &lt;your&gt;/.exec(list)?.[1];
    expect(id).toBeDefined();

    const page = await ctx.app.request(`/dev/mail/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Confirm &lt;your&gt; endorsement</h1>');
    expect(html).toContain('officer@union.example.org');
    expect(html).toContain('Undersigned &lt;no-reply@localhost&gt;');
    // The text part: escaped, its link clickable (without the sentence's full stop).
    expect(html).toContain(`<a href="${confirmLink}">${confirmLink}</a>.`);
    expect(html).toContain('&lt;b&gt;otherwise&lt;/b&gt;');
    // The HTML part is never inlined into the page: it is a sandboxed frame.
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toMatch(new RegExp(`<iframe[^>]*src="/dev/mail/${id}/html"[^>]*sandbox="allow-popups`));

    const part = await ctx.app.request(`/dev/mail/${id}/html`);
    expect(part.status).toBe(200);
    const csp = part.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toMatch(/script-src/);
    const body = await part.text();
    expect(body).toContain('<head><base target="_top"><title>');
    expect(body).toContain(`<a href="${confirmLink}">Confirm</a>`);
  });

  it('styles its pages with a small stylesheet of its own, allowed by the site CSP', async () => {
    const page = await (await ctx.app.request('/dev/mail')).text();
    expect(page).toContain('<link rel="stylesheet" href="/dev/mail/mailbox.css"/>');
    const css = await ctx.app.request('/dev/mail/mailbox.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.mail-text');
  });

  it('answers 404 for a message that does not exist', async () => {
    expect((await ctx.app.request('/dev/mail/99999')).status).toBe(404);
    expect((await ctx.app.request('/dev/mail/abc')).status).toBe(404);
    expect((await ctx.app.request('/dev/mail/99999/html')).status).toBe(404);
  });

  it('logs each message with its recipient, subject and links, so a terminal user can click through', async () => {
    const lines: string[] = [];
    const config = defaultConfig({ publicUrl: 'http://localhost:3000' });
    const mailer = createTransport(
      config,
      createLog('info', (l) => lines.push(l)),
      { clock: new FakeClock() },
    );
    await mailer.send({
      to: 'a@example.org',
      subject: 'Please confirm',
      text: `Go to ${confirmLink} now, or (${confirmLink}/x).`,
      html: '',
    });
    const line = lines.find((l) => l.includes('Please confirm')) ?? '';
    expect(line).toContain('a@example.org');
    expect(line).toContain('http://localhost:3000/dev/mail/1');
    expect(line).toContain(`"links":["${confirmLink}","${confirmLink}/x"]`);
  });
});

describe('with SMTP_URL set', () => {
  it('has no development mailbox, and the test context sends through SMTP', async () => {
    const sink = await startSink();
    const ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    try {
      expect(ctx.deps.mailer.kind).toBe('smtp');
      expect(ctx.deps.mailer.devMailbox).toBeUndefined();
      expect((await ctx.app.request('/dev/mail')).status).toBe(404);
      await ctx.deps.mailer.send({
        to: 'x@example.org',
        subject: 'Through SMTP',
        text: 'Hi',
        html: '<p>Hi</p>',
      });
      const [mail] = await sink.waitFor((m) => m.subject === 'Through SMTP');
      expect(mail!.to).toEqual(['x@example.org']);
    } finally {
      await ctx.close();
      await sink.stop();
    }
  });
});
