import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RETRY_AGE_MS, MAX_RETRY_MS } from '../../src/mail/backoff.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { mailSetup, startSink, type MailSetup } from './support.js';

/** Past any first-retry delay, jitter included. */
const PAST_BACKOFF = MAX_RETRY_MS * 2;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('mail worker over real SMTP', () => {
  let sink: SmtpSink;
  let m: MailSetup;

  beforeEach(async () => {
    sink = await startSink();
    m = await mailSetup({ config: { smtpUrl: sink.url }, database });
  });
  afterEach(async () => {
    await m.close();
    await sink.stop();
  });

  it('delivers a queued mail, rendered in its language, and records it as sent', async () => {
    const id = await m.enqueue(
      'officer@union.example.org',
      { name: 'Ada', link: 'http://localhost:3000/confirm/tok' },
      'fr',
    );
    expect(await m.worker.runOnce()).toBe(1);

    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['officer@union.example.org']);
    expect(mail.from).toBe('no-reply@undersigned.test');
    expect(mail.headers.get('from')).toMatchObject({
      value: [{ name: 'Undersigned', address: 'no-reply@undersigned.test' }],
    });
    expect(mail.subject).toBe('Bienvenue, Ada');
    expect(mail.text).toContain('Merci de confirmer : http://localhost:3000/confirm/tok');
    expect(mail.html).toContain('<a href="http://localhost:3000/confirm/tok">Confirmer</a>');
    expect(mail.html).toContain('lang="fr"');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    const row = await m.row(id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(row.sent_at).toEqual(m.clock.now());
    expect(row.last_error).toBeNull();
    expect(`<${row.message_id}>`).toBe(mail.headers.get('message-id'));
  });

  it('escapes hostile data in the HTML part and keeps it readable in the text part', async () => {
    const hostile = '<script>alert(1)</script> & "Union" <img src=x onerror=alert(2)>';
    await m.enqueue('a@example.org', { name: hostile, link: 'http://localhost:3000/confirm/x' });
    await m.worker.runOnce();
    const mail = sink.mails[0]!;
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Union&quot;');
    expect(mail.text).toContain(`Dear ${hostile},`);
    expect(mail.subject).toBe(`Welcome, ${hostile}`);
  });

  it('retries after a temporary refusal (4xx), then delivers once', async () => {
    sink.mode = 'tempfail';
    const id = await m.enqueue('a@example.org');
    expect(await m.worker.runOnce()).toBe(0);

    let row = await m.row(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/451/);
    const delay = row.next_attempt_at.getTime() - m.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(3_750);
    expect(delay).toBeLessThanOrEqual(6_250);

    // Not due yet: nothing is tried.
    expect(await m.worker.runOnce()).toBe(0);
    expect((await m.row(id)).attempts).toBe(1);

    // Still refusing: the next delay is longer.
    m.clock.advance(PAST_BACKOFF);
    await m.worker.runOnce();
    row = await m.row(id);
    expect(row.attempts).toBe(2);
    expect(row.next_attempt_at.getTime() - m.clock.now().getTime()).toBeGreaterThanOrEqual(7_500);

    sink.mode = 'accept';
    m.clock.advance(PAST_BACKOFF);
    expect(await m.worker.runOnce()).toBe(1);
    expect(await m.worker.runOnce()).toBe(0);
    expect(sink.mails).toHaveLength(1);
    row = await m.row(id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBeNull();
  });

  it('keeps mail while the SMTP server is down and delivers every message once when it is back', async () => {
    await m.enqueue('first@example.org');
    expect(await m.worker.runOnce()).toBe(1); // the pool now holds an open connection
    const port = sink.port;
    await sink.stop();

    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => m.enqueue(`${x}@example.org`)));
    expect(await m.worker.runOnce()).toBe(0);
    for (const id of ids) {
      const row = await m.row(id);
      expect(row.status).toBe('queued');
      expect(row.last_error).toBeTruthy();
    }

    sink = await startSink(port);
    m.clock.advance(PAST_BACKOFF);
    expect(await m.worker.runOnce()).toBe(5);
    expect(sink.mails.map((x) => x.to[0]).sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@example.org`),
    );
    expect((await m.rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('marks a permanent refusal (5xx) as failed with the reply and does not retry it', async () => {
    sink.mode = 'permfail';
    const id = await m.enqueue('nobody@example.org');
    expect(await m.worker.runOnce()).toBe(0);
    const row = await m.row(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/550.*Mailbox unavailable/);

    sink.mode = 'accept';
    m.clock.advance(PAST_BACKOFF);
    expect(await m.worker.runOnce()).toBe(0);
    expect(sink.mails).toHaveLength(0);
    expect((await m.row(id)).attempts).toBe(1);
  });

  it('marks a mail whose template cannot be rendered as failed, with the reason', async () => {
    const id = await m.enqueue('a@example.org', { name: 'Ada' }); // no {{link}}
    const other = await m.enqueue('b@example.org');
    expect(await m.worker.runOnce()).toBe(1);
    const row = await m.row(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/template: .*\{\{link\}\}/);
    expect((await m.row(other)).status).toBe('sent');
  });

  it('gives a temporary failure up as failed once the mail is days old, saying why', async () => {
    sink.mode = 'tempfail';
    const id = await m.enqueue('a@example.org');
    m.clock.advance(MAX_RETRY_AGE_MS);
    await m.worker.runOnce();
    const row = await m.row(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/gave up after 1 attempts: .*451/);
  });

  it('re-sends a mail left "sending" by a crashed worker once its lease has run out', async () => {
    const id = await m.enqueue('a@example.org');
    const lockedUntil = new Date(m.clock.now().getTime() + 60_000);
    await m.database.handle.db
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts: 1, locked_until: lockedUntil })
      .where('id', '=', id)
      .execute();

    expect(await m.worker.runOnce()).toBe(0); // still leased to the (dead) worker
    m.clock.advance(60_000);
    expect(await m.worker.runOnce()).toBe(1);
    const row = await m.row(id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(sink.mails).toHaveLength(1);
  });

  it('does not let a worker whose lease was taken over record over the new owner', async () => {
    const id = await m.enqueue('a@example.org');
    const db = m.database.handle.db;
    // A stale claim (attempts 1) is replaced by a newer one (attempts 2).
    await db
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts: 2 })
      .where('id', '=', id)
      .execute();
    const { markSent } = await import('../../src/mail/outbox-queries.js');
    const stale = { ...(await m.row(id)), attempts: 1 };
    expect(await markSent(db, stale, 'x@y', m.clock.now())).toBe(false);
    expect((await m.row(id)).status).toBe('sending');
  });

  it('when started, sends at once on wake() and on NOTIFY, and stop() finishes the mail in hand', async () => {
    await m.worker.start();
    await m.enqueue('notify@example.org'); // NOTIFY from enqueueMail
    await sink.waitFor((x) => x.to[0] === 'notify@example.org');

    await m.enqueue('wake@example.org');
    m.worker.wake();
    await sink.waitFor((x) => x.to[0] === 'wake@example.org');

    for (let i = 0; i < 20; i++) {
      await m.enqueue(`burst${i}@example.org`);
    }
    m.worker.wake();
    await m.worker.stop();
    // Everything claimed was finished and recorded; nothing stays in 'sending'.
    const rows = await m.rows();
    expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
    const sent = rows.filter((r) => r.status === 'sent').length;
    expect(sink.mails).toHaveLength(sent);
    // Whatever was not reached yet is still queued and goes out next time.
    expect(await m.worker.runOnce()).toBe(rows.length - sent);
    expect(sink.mails).toHaveLength(22);
  });

  it('when started, picks up a retry that has become due by polling, with no signal', async () => {
    const w = await mailSetup({ config: { smtpUrl: sink.url }, database, worker: { pollMs: 20 } });
    try {
      // A mail waiting for its retry, written without NOTIFY (as a retry is).
      await m.database.handle.db
        .insertInto('email_outbox')
        .values({
          template: 'greeting',
          locale: 'en',
          to_address: 'later@example.org',
          data: JSON.stringify({ name: 'Later', link: 'http://localhost:3000/x' }),
          attempts: 1,
          last_error: '451 Try again later',
          next_attempt_at: new Date(w.clock.now().getTime() + 20_000),
          created_at: w.clock.now(),
        })
        .execute();
      await w.worker.start();
      w.clock.advance(20_000);
      await sink.waitFor((x) => x.to[0] === 'later@example.org');
      await w.worker.stop();
      expect(sink.mails).toHaveLength(1);
    } finally {
      await w.close();
    }
  });

  it('delivers a burst of 300 mails, each exactly once', async () => {
    const db = m.database.handle.db;
    await db
      .insertInto('email_outbox')
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          template: 'greeting',
          locale: 'en',
          to_address: `burst${i}@example.org`,
          data: JSON.stringify({ name: `N${i}`, link: `http://localhost:3000/confirm/${i}` }),
          next_attempt_at: m.clock.now(),
          created_at: m.clock.now(),
        })),
      )
      .execute();
    await m.worker.start();
    m.worker.wake();
    await sink.waitFor(() => true, 300, 20_000);
    await m.worker.stop();
    const to = sink.mails.map((x) => x.to[0]);
    expect(new Set(to).size).toBe(300);
    expect(to).toHaveLength(300);
    expect((await m.rows()).every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('DKIM', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-dkim-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('signs outgoing mail when a key is configured', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(dir, 'dkim.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sink = await startSink();
    const m = await mailSetup({
      config: {
        smtpUrl: sink.url,
        dkim: { domain: 'undersigned.test', selector: 'mail2026', privateKeyFile: keyFile },
      },
      database,
    });
    try {
      await m.enqueue('a@example.org');
      expect(await m.worker.runOnce()).toBe(1);
      const signature = sink.mails[0]!.raw.match(/^DKIM-Signature:.*(?:\r?\n[ \t].*)*/m)?.[0] ?? '';
      expect(signature).toMatch(/d=undersigned\.test/);
      expect(signature).toMatch(/s=mail2026/);
      expect(signature).toMatch(/a=rsa-sha256/);
    } finally {
      await m.close();
      await sink.stop();
    }
  });

  it('refuses to start with a missing or unreadable key file, naming the variable', async () => {
    const { createTransport } = await import('../../src/mail/transport.js');
    const { defaultConfig } = await import('../../src/config.js');
    const { silentLog } = await import('../../src/log.js');
    const missing = defaultConfig({
      smtpUrl: 'smtp://127.0.0.1:2525',
      dkim: { domain: 'x.test', selector: 's', privateKeyFile: path.join(dir, 'nope.pem') },
    });
    expect(() => createTransport(missing, silentLog)).toThrow(
      /DKIM_PRIVATE_KEY_FILE: cannot read .*nope\.pem/,
    );
    fs.writeFileSync(path.join(dir, 'junk.pem'), 'not a key');
    const junk = defaultConfig({
      smtpUrl: 'smtp://127.0.0.1:2525',
      dkim: { domain: 'x.test', selector: 's', privateKeyFile: path.join(dir, 'junk.pem') },
    });
    expect(() => createTransport(junk, silentLog)).toThrow(
      /DKIM_PRIVATE_KEY_FILE: .*junk\.pem is not a PEM private key/,
    );
  });
});
