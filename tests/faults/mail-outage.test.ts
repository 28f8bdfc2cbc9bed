import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { pool, startRig, submitEndorsement, waitFor, type Rig } from './harness.js';

/** SMTP down — submissions still succeed; mail is delivered when SMTP returns. */
describe('mail outage', () => {
  let rig: Rig;
  let smtpPort: number;
  beforeAll(async () => {
    rig = await startRig('outage');
    smtpPort = rig.sink.port;
    await rig.sink.stop(); // SMTP is down from the first submission
  });
  afterAll(() => rig?.stop());

  it('accepts every submission while SMTP is down and delivers each email once it is back', async () => {
    const { app, cluster } = rig;
    const results = await pool(40, 8, (i) => submitEndorsement(app, 'outage', i));
    expect(results.every((r) => r.status === 'fulfilled' && r.value === 303)).toBe(true);
    // The worker has tried and failed: the mail waits in the outbox with its error.
    await waitFor(
      async () =>
        (await cluster.query('select 1 from email_outbox where attempts > 0 and last_error is not null'))
          .length > 0,
      30_000,
      () => 'no failed attempt recorded',
    );
    const queued = await cluster.query<{ n: string }>(
      "select count(*) as n from email_outbox where status <> 'sent'",
    );
    expect(Number(queued[0]?.n)).toBe(40);

    const sink = (rig.sink = await new SmtpSink().start(smtpPort));
    // Within the backoff schedule (first retries are seconds apart), everything arrives.
    await sink.waitFor(() => true, 40, 90_000);
    await waitFor(
      async () => (await cluster.query("select 1 from email_outbox where status <> 'sent'")).length === 0,
      30_000,
      () => 'outbox not drained',
    );
    const addresses = sink.mails.flatMap((m) => m.to);
    expect(new Set(addresses).size).toBe(40);
    expect(addresses.length).toBe(40);
  });
});
