import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueMail, type QueuedMail } from '../../src/mail/outbox.js';
import { enqueueBulkMails } from '../../src/mail/outbox-batch.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { mailSetup, startSink, type MailSetup } from './support.js';

// Priority lanes (README "Updates to endorsers"): a confirmation never waits behind an update.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const greeting = (to: string): QueuedMail => ({
  template: 'greeting',
  locale: 'en',
  to,
  data: { name: to, link: 'http://localhost:3000/confirm/x' },
});
const bulk = (n: number) => Array.from({ length: n }, (_, i) => greeting(`news${i}@example.org`));

describe('outbox lanes', () => {
  let sink: SmtpSink;
  let m: MailSetup;

  async function setup(concurrency: number) {
    sink = await startSink();
    m = await mailSetup({ config: { smtpUrl: sink.url }, database, worker: { concurrency } });
  }
  afterEach(async () => {
    sink.release();
    await m.close();
    await sink.stop();
  });

  it('sends a confirmation queued after an update backlog first', async () => {
    await setup(1);
    const db = database.handle.db;
    await enqueueBulkMails(db, bulk(30), m.clock.now(), 1_000_000);
    m.clock.advance(1000);
    await enqueueMail(db, greeting('confirm-me@example.org'), m.clock.now());

    await m.worker.runOnce();
    expect(sink.mails).toHaveLength(31);
    expect(sink.mails[0]!.to).toEqual(['confirm-me@example.org']);
    expect(sink.mails[1]!.headers.get('precedence')).toBe('bulk');
    expect(sink.mails[0]!.headers.get('precedence')).toBeUndefined();
  });

  it('sends a confirmation that arrives while an update drains before the rest of the update', async () => {
    await setup(1);
    const db = database.handle.db;
    await enqueueBulkMails(db, bulk(40), m.clock.now(), 1_000_000);
    m.clock.advance(1000);
    sink.delayMs = 5;
    await m.worker.start();
    await sink.waitFor((x) => x.to[0]!.startsWith('news'), 3);
    await enqueueMail(db, greeting('confirm-me@example.org'), m.clock.now());
    m.worker.wake();
    const before = sink.mails.length;
    await sink.waitFor((x) => x.to[0] === 'confirm-me@example.org');
    const at = sink.mails.findIndex((x) => x.to[0] === 'confirm-me@example.org');
    // At most the update mail in hand when it was queued went out in between.
    expect(at - before).toBeLessThanOrEqual(1);
    await sink.waitFor(() => true, 41);
  });

  it('keeps a slot free for confirmations: an update never fills every slot', async () => {
    await setup(5);
    const db = database.handle.db;
    await enqueueBulkMails(db, bulk(20), m.clock.now(), 1_000_000);
    m.clock.advance(1000);
    sink.hold();
    await m.worker.start();
    // Four update mails in hand, held by a slow server; the fifth slot stays free.
    await vi.waitFor(() => expect(sink.heldCount).toBe(4));
    await enqueueMail(db, greeting('confirm-me@example.org'), m.clock.now());
    m.worker.wake();
    await vi.waitFor(() => expect(sink.heldCount).toBe(5));
    sink.release();
    await sink.waitFor((x) => x.to[0] === 'confirm-me@example.org');
  });

  it('spreads an update at UPDATE_MAIL_PER_MINUTE, and a second update queues after the first', async () => {
    await setup(10);
    const db = database.handle.db;
    const start = m.clock.now();
    await enqueueBulkMails(db, bulk(3), start, 60);
    await enqueueBulkMails(db, bulk(2), start, 60);
    const due = (await m.rows()).map((r) => r.next_attempt_at.getTime() - start.getTime());
    expect(due).toEqual([0, 1000, 2000, 3000, 4000]);

    expect(await m.worker.runOnce()).toBe(1);
    m.clock.advance(2000);
    expect(await m.worker.runOnce()).toBe(2);
    m.clock.advance(5000);
    expect(await m.worker.runOnce()).toBe(2);
  });
});
