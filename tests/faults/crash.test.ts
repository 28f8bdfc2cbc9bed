import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startRig, submitEndorsement, waitFor, type Rig } from './harness.js';

/**
 * README "Reliability": kill -9 during a burst of submissions. Every submission that got its 303 is in
 * the database and its confirmation is sent within 30 s of the restart — including the mails the dead
 * process had claimed, with the default MAIL_LEASE_SECONDS (5 minutes): a restarted worker sees the
 * dead one's lock free and takes its mail over at once.
 */
describe('crash during a burst', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig('crash');
  });
  afterAll(() => rig?.stop());

  it('every acknowledged submission survives kill -9 and gets its email within 30 s of the restart', async () => {
    const { app, cluster, sink } = rig;
    // A slow SMTP server: the worker always has mail in hand, claimed, when the kill comes.
    sink.delayMs = 300;
    const total = 300;
    let acknowledged = 0;
    const burst = pool(total, 16, async (i) => {
      const status = await submitEndorsement(app, 'crash', i);
      if (status === 303) {
        acknowledged++;
      }
      return status;
    });
    // Kill it mid-burst, once a good share has been answered.
    await waitFor(
      () => acknowledged >= 60,
      60_000,
      () => `only ${acknowledged} submissions answered`,
      5,
    );
    app.kill9();
    const results = await burst;
    const ok = results.flatMap((r, i) => (r.status === 'fulfilled' && r.value === 303 ? [i] : []));
    expect(ok.length).toBeGreaterThanOrEqual(60);
    expect(ok.length).toBeLessThan(total); // the kill really interrupted the burst
    const held = await cluster.query<{ n: number }>(
      "select count(*)::int as n from email_outbox where status = 'sending' and claimed_by is not null",
    );
    expect(held[0]!.n, 'mail the dead process held').toBeGreaterThan(0);
    sink.delayMs = 0;

    const restartedAt = Date.now();
    await app.start();
    const rows = await cluster.query<{ email: string }>('select email from endorsements');
    const stored = new Set(rows.map((r) => r.email));
    const missing = ok.filter((i) => !stored.has(`officer${i}@fault${i}.example.org`));
    expect(missing, 'acknowledged but not stored').toEqual([]);

    const expected = new Set(ok.map((i) => `officer${i}@fault${i}.example.org`));
    await waitFor(
      () => [...expected].every((e) => sink.mails.some((m) => m.to.includes(e))),
      30_000 - (Date.now() - restartedAt),
      () =>
        `mail missing 30 s after the restart for ${[...expected].filter((e) => !sink.mails.some((m) => m.to.includes(e))).length} acknowledged submissions`,
      50,
    );
    console.info(
      `crash: every confirmation out ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart (${held[0]!.n} held by the dead process)`,
    );
    // Everything queued is out.
    await waitFor(
      async () => (await cluster.query("select 1 from email_outbox where status <> 'sent'")).length === 0,
      60_000,
      () => 'outbox not drained',
    );
    // A mail the SMTP server accepted in the instant before kill -9 let its row be marked sent is sent
    // again after restart (at-least-once across a crash, as README says). Such a repeat carries the same
    // Message-ID, so mail software can recognise it, and there can be no more than were in flight.
    const byAddress = new Map<string, string[]>();
    for (const m of sink.mails) {
      for (const to of m.to) {
        byAddress.set(to, [...(byAddress.get(to) ?? []), String(m.headers.get('message-id'))]);
      }
    }
    const repeated = [...byAddress].filter(([, ids]) => ids.length > 1);
    for (const [, ids] of repeated) {
      expect(new Set(ids).size, 'a repeat must carry the same Message-ID').toBe(1);
    }
    expect(repeated.length, 'repeats beyond the mails in flight at the kill').toBeLessThanOrEqual(10);
  });
});
