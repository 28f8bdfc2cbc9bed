import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startRig, submitEndorsement, waitFor, type Rig } from './harness.js';

/**
 * DESIGN §8: kill -9 during a burst of submissions. Every submission that got its 303 is in the
 * database and its confirmation is sent after restart.
 */
describe('crash during a burst', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig('crash', { MAIL_LEASE_SECONDS: '10' });
  });
  afterAll(() => rig?.stop());

  it('every acknowledged submission survives kill -9 and gets its email', async () => {
    const { app, cluster, sink } = rig;
    const total = 300;
    let acknowledged = 0;
    const burst = pool(total, 16, async (i) => {
      const status = await submitEndorsement(app, 'crash', i);
      if (status === 303) acknowledged++;
      return status;
    });
    // Kill it mid-burst, once a good share has been answered.
    await waitFor(() => acknowledged >= 60, 60_000, () => `only ${acknowledged} submissions answered`, 5);
    app.kill9();
    const results = await burst;
    const ok = results.flatMap((r, i) => (r.status === 'fulfilled' && r.value === 303 ? [i] : []));
    expect(ok.length).toBeGreaterThanOrEqual(60);
    expect(ok.length).toBeLessThan(total); // the kill really interrupted the burst

    await app.start();
    const rows = await cluster.query<{ email: string }>('select email from endorsements');
    const stored = new Set(rows.map((r) => r.email));
    const missing = ok.filter((i) => !stored.has(`officer${i}@fault${i}.example.org`));
    expect(missing, 'acknowledged but not stored').toEqual([]);

    const expected = new Set(ok.map((i) => `officer${i}@fault${i}.example.org`));
    await waitFor(() => [...expected].every((e) => sink.mails.some((m) => m.to.includes(e))), 60_000,
      () => `mail missing for ${[...expected].filter((e) => !sink.mails.some((m) => m.to.includes(e))).length} acknowledged submissions`);
    // Everything queued is out.
    await waitFor(async () => (await cluster.query("select 1 from email_outbox where status <> 'sent'")).length === 0, 60_000, () => 'outbox not drained');
    // A mail the SMTP server accepted in the instant before kill -9 let its row be marked sent is sent
    // again after restart (at-least-once across a crash, DESIGN §8). Such a repeat carries the same
    // Message-ID, so mail software can recognise it, and there can be no more than were in flight.
    const byAddress = new Map<string, string[]>();
    for (const m of sink.mails) for (const to of m.to) byAddress.set(to, [...(byAddress.get(to) ?? []), String(m.headers.get('message-id'))]);
    const repeated = [...byAddress].filter(([, ids]) => ids.length > 1);
    for (const [, ids] of repeated) expect(new Set(ids).size, 'a repeat must carry the same Message-ID').toBe(1);
    expect(repeated.length, 'repeats beyond the mails in flight at the kill').toBeLessThanOrEqual(10);
  });
});
