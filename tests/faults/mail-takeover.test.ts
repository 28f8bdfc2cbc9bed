import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { pool, startRig, submitEndorsement, waitFor, type AppProcess, type Rig } from './harness.js';

/**
 * README "Reliability": mail held by a process that died is sent by another live process within 30 s,
 * without restarting anything, with the default MAIL_LEASE_SECONDS (5 minutes); mail held by a live
 * process is never taken from it. Process A talks to an SMTP server that never answers, so it holds
 * its claims; B talks to one that answers at once.
 */
describe('mail held by a process that dies, with another running', () => {
  let rig: Rig;
  let stuck: SmtpSink;
  let a: AppProcess;
  beforeAll(async () => {
    stuck = await new SmtpSink({ closeTimeout: 50 }).start();
    stuck.hold();
    rig = await startRig('takeover', { SMTP_URL: stuck.url });
    a = rig.app;
    await rig.addApp({ SMTP_URL: rig.sink.url });
  });
  afterAll(async () => {
    await rig?.stop();
    await stuck?.stop();
  });

  it('is sent by the other process within 30 s of the death, once, and never taken while its holder lives', async () => {
    const { cluster, sink } = rig;
    const total = 40;
    const results = await pool(total, 8, (i) => submitEndorsement(a, 'takeover', i));
    expect(results.every((r) => r.status === 'fulfilled' && r.value === 303)).toBe(true);

    // A holds what it claimed (its server never answers); B sends everything else.
    type Claim = { id: number; to_address: string; claimed_by: number; attempts: number };
    const claims = () =>
      cluster.query<Claim>(
        "select id, to_address, claimed_by, attempts from email_outbox where status = 'sending' order by id",
      );
    await waitFor(
      async () =>
        (await cluster.query("select 1 from email_outbox where status = 'queued'")).length === 0 &&
        (await claims()).length > 0 &&
        sink.mails.length + (await claims()).length === total,
      30_000,
      () => 'the mail was not shared out between A (holding) and B (sending)',
    );
    const heldByA = await claims();
    expect(new Set(heldByA.map((c) => c.claimed_by)).size).toBe(1);

    // B looks for dead workers' mail every 2 s: give it several looks at A's claims.
    await waitFor(
      async () =>
        (
          await cluster.query(
            "select 1 from email_outbox where status = 'sending' and locked_until > now() + interval '290 seconds'",
          )
        ).length === 0,
      30_000,
      () => 'claims did not age',
      500,
    );
    const stillHeld = await claims();
    expect(stillHeld, 'a live process keeps its mail').toEqual(heldByA);

    a.kill9();
    await a.exited();
    const diedAt = Date.now();
    const expected = heldByA.map((c) => c.to_address);
    await waitFor(
      () => expected.every((to) => sink.mails.some((m) => m.to.includes(to))),
      30_000,
      () =>
        `30 s after A died, ${expected.filter((to) => !sink.mails.some((m) => m.to.includes(to))).length} of the ${expected.length} mails it held were not sent`,
      50,
    );
    console.info(
      `takeover: the ${expected.length} mails held by the dead process were out ${((Date.now() - diedAt) / 1000).toFixed(1)} s after kill -9`,
    );
    await waitFor(
      async () => (await cluster.query("select 1 from email_outbox where status <> 'sent'")).length === 0,
      10_000,
      () => 'outbox not drained',
    );
    const addresses = sink.mails.flatMap((m) => m.to);
    expect(addresses).toHaveLength(total);
    expect(new Set(addresses).size).toBe(total);
    expect(stuck.mails).toHaveLength(0);
  });
});
