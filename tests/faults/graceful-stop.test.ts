import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents, pool, startRig, submitEndorsement, waitFor, type Rig } from './harness.js';

/** SIGTERM during load: in-flight requests complete, SSE clients get a retry hint, exit 0 within a bound. */
describe('graceful stop', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig('graceful');
  });
  afterAll(() => rig?.stop());

  it('finishes what it accepted and exits 0', async () => {
    const { app, cluster } = rig;
    const events = await openEvents(`${app.url}/s/graceful/events`);
    expect(events.status).toBe(200);
    await waitFor(
      () => events.text.includes('event: count'),
      10_000,
      () => `no count event: ${events.text}`,
    );

    let answered = 0;
    const load = pool(120, 8, async (i) => {
      const s = await submitEndorsement(app, 'graceful', i);
      answered++;
      return s;
    });
    await waitFor(
      () => answered >= 20,
      30_000,
      () => 'load did not start',
    );
    const started = Date.now();
    const code = await app.terminate();
    const took = Date.now() - started;
    const results = await load;
    await events.ended;

    expect(code).toBe(0);
    expect(took).toBeLessThan(15_000);
    expect(events.text).toMatch(/^retry: \d+$/m);
    // Every request either completed with its 303 or was refused at connect after the stop — none cut mid-way with data lost.
    const ok = results.flatMap((r, i) => (r.status === 'fulfilled' && r.value === 303 ? [i] : []));
    const rows = await cluster.query<{ email: string }>('select email from endorsements');
    const stored = new Set(rows.map((r) => r.email));
    expect(ok.filter((i) => !stored.has(`officer${i}@fault${i}.example.org`))).toEqual([]);
    // The mail in hand was finished; the rest stays queued for the next start, none lost.
    const outbox = await cluster.query<{ n: string }>(
      "select count(*) as n from email_outbox where status in ('queued', 'sent')",
    );
    expect(Number(outbox[0]?.n)).toBe(rows.length);
    const sending = await cluster.query("select 1 from email_outbox where status = 'sending'");
    expect(sending).toEqual([]);
  });
});
