import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import { silentLog } from '../../src/log.js';
import { MAIL_CHANNEL } from '../../src/mail/outbox.js';
import { createMailWorker } from '../../src/mail/worker.js';
import { createTransport } from '../../src/mail/transport.js';
import { onPostgres } from '../support/test-db.js';
import { mailSetup, startSink, templates } from './support.js';

describe('several mail workers on one database', () => {
  // Two processes on one PGlite directory are refused by design; only a real server shows this.
  it.runIf(onPostgres)('deliver a burst of 200 mails, each exactly once, sharing the work', async () => {
    const sink = await startSink();
    const a = await mailSetup({ config: { smtpUrl: sink.url } });
    const handle = await connectDatabase({ url: a.database.url, dataDir: '.', log: silentLog, poolSize: 4 });
    const transportB = createTransport(a.config, silentLog);
    const b = createMailWorker({
      db: handle.db,
      handle,
      transport: transportB,
      templates,
      config: a.config,
      clock: a.clock,
      log: silentLog,
    });
    try {
      await Promise.all([a.worker.start(), b.start()]);
      const db = a.database.handle.db;
      // Queued in small transactions, as a burst of form posts would; each commit NOTIFYs both workers.
      for (let batch = 0; batch < 20; batch++) {
        await db.transaction().execute(async (trx) => {
          for (let i = 0; i < 10; i++) {
            const n = batch * 10 + i;
            await trx
              .insertInto('email_outbox')
              .values({
                template: 'greeting',
                locale: 'en',
                to_address: `org${n}@example.org`,
                data: JSON.stringify({ name: `Org ${n}`, link: `http://localhost:3000/confirm/${n}` }),
                next_attempt_at: a.clock.now(),
                created_at: a.clock.now(),
              })
              .execute();
          }
          await trx
            .selectNoFrom((eb) => eb.fn('pg_notify', [eb.val(MAIL_CHANNEL), eb.val('')]).as('n'))
            .execute();
        });
      }
      await sink.waitFor(() => true, 200, 20_000);
      await Promise.all([a.worker.stop(), b.stop()]);

      const to = sink.mails.map((m) => m.to[0]);
      expect(to).toHaveLength(200);
      expect(new Set(to).size).toBe(200);
      const rows = await a.rows();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.message_id)).size).toBe(200);
    } finally {
      await b.stop();
      await transportB.close();
      await handle.close();
      await a.close();
      await sink.stop();
    }
  });
});
