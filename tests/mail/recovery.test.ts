import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { defaultConfig } from '../../src/config.js';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLog } from '../../src/log.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { createTransport, type MailTransport } from '../../src/mail/transport.js';
import { createMailWorker, type MailWorker } from '../../src/mail/worker.js';
import { waitFor } from '../faults/harness.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';
import { startSink, templates } from './support.js';

/**
 * README "Email": mail claimed by a process that died is sent again as soon as its worker's lock is
 * seen free — not after MAIL_LEASE_SECONDS (5 minutes) — and mail claimed by a live worker is never
 * taken from it. "A process" here is a database handle of its own: its own connections on PostgreSQL,
 * its own open of the data directory on the embedded database.
 */

const LEASE_MS = 300_000;

/** Somewhere two "processes" can open one after the other (PGlite) or side by side (PostgreSQL). */
interface World {
  open(): Promise<DatabaseHandle>;
  /** The one handle tests read from; PGlite: the latest opened. */
  read(): DatabaseHandle;
  close(): Promise<void>;
}

async function world(): Promise<World> {
  if (onPostgres) {
    const database: TestDatabase = await createTestDatabase();
    const opened: DatabaseHandle[] = [];
    return {
      async open() {
        const h = await connectDatabase({ url: database.url, dataDir: '.', log: silentLog, poolSize: 4 });
        opened.push(h);
        return h;
      },
      read: () => database.handle,
      async close() {
        for (const h of opened) {
          await h.close().catch(() => undefined);
        }
        await database.close();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-recovery-'));
  let latest: DatabaseHandle | undefined;
  return {
    async open() {
      latest = await connectDatabase({ url: undefined, dataDir: dir, log: silentLog });
      await migrate(latest);
      return latest;
    },
    read: () => latest!,
    async close() {
      await latest?.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Opening a data directory takes PGlite a few seconds, more on a busy machine.
describe('mail held by a worker', { timeout: 120_000 }, () => {
  const clock = new FakeClock();
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) {
      await c().catch(() => undefined);
    }
  });

  function worker(handle: DatabaseHandle, sink: SmtpSink) {
    const config = defaultConfig({ smtpUrl: sink.url, mailFrom: 'Undersigned <no-reply@undersigned.test>' });
    const transport: MailTransport = createTransport(config, silentLog);
    const w: MailWorker = createMailWorker({
      db: handle.db,
      handle,
      transport,
      templates,
      config,
      clock,
      log: silentLog,
      leaseMs: LEASE_MS,
      pollMs: 3_600_000, // no timer: these tests drive the worker with runOnce()
    });
    return { worker: w, transport };
  }

  const enqueue = (handle: DatabaseHandle, to: string) =>
    enqueueMail(
      handle.db,
      { template: 'greeting', locale: 'en', to, data: { name: 'Ada', link: 'http://localhost:3000/c/1' } },
      clock.now(),
    );

  it('is sent by the next process as soon as the process holding it has died, well before its lease', async () => {
    const w = await world();
    cleanups.push(() => w.close());
    // A's SMTP server is slow to answer, so A dies holding the mail; B's answers at once.
    const slow = await startSink();
    slow.hold();
    cleanups.push(() => slow.stop());
    const sink = await startSink();
    cleanups.push(() => sink.stop());

    const a = await w.open();
    const sender = worker(a, slow);
    const id = await enqueue(a, 'officer@union.example.org');
    await sender.worker.start();
    await waitFor(
      () => slow.heldCount === 1,
      10_000,
      () => 'A never sent the mail',
    );
    const claimed = await a.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(claimed.status).toBe('sending');
    expect(claimed.claimed_by).not.toBeNull();
    // kill -9: its database connections (and so its lock) go first; it records nothing.
    await a.close();
    await sender.transport.close();

    // Process B, ten seconds later: nowhere near the 5-minute lease.
    const b = await w.open();
    const { worker: next, transport } = worker(b, sink);
    cleanups.push(() => transport.close());
    clock.advance(10_000);
    expect(await next.runOnce()).toBe(1);
    expect(sink.mails.map((m) => m.to)).toEqual([['officer@union.example.org']]);
    const row = await w
      .read()
      .db.selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, claimed_by: null });
  });

  it('is never taken from a live worker before its lease runs out, however long it takes', async () => {
    const w = await world();
    cleanups.push(() => w.close());
    const sink = await startSink();
    cleanups.push(async () => {
      sink.release();
      await sink.stop();
    });
    sink.hold();
    const a = await w.open();
    // PGlite: both workers of the one process that may open the directory; PostgreSQL: two processes.
    const b = onPostgres ? await w.open() : a;
    const first = worker(a, sink);
    const second = worker(b, sink);
    cleanups.push(
      () => first.transport.close(),
      () => second.transport.close(),
    );
    const id = await enqueue(a, 'officer@union.example.org');
    await first.worker.start();
    await waitFor(
      () => sink.heldCount === 1,
      10_000,
      () => 'the first worker never sent the mail',
    );

    clock.advance(LEASE_MS - 1000);
    const during = second.worker.runOnce();
    expect(await during).toBe(0);
    const row = await a.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });

    // The SMTP server answers: the first worker records its own send; nothing was sent twice.
    sink.release();
    await waitFor(
      async () =>
        (
          await a.db
            .selectFrom('email_outbox')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status === 'sent',
      10_000,
      () => 'the first worker did not record its send',
    );
    expect(sink.mails).toHaveLength(1);
    await first.worker.stop();
  });
});
