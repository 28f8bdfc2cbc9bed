import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openEvents,
  pool,
  startRig,
  submitEndorsement,
  waitFor,
  type AppProcess,
  type Rig,
} from './harness.js';
import { StaffClient } from './staff-client.js';

/** two app processes on one database behave as one service. */
describe('two processes on one PostgreSQL', () => {
  let rig: Rig;
  let a: AppProcess;
  let b: AppProcess;
  beforeAll(async () => {
    rig = await startRig('two');
    a = rig.app;
    b = await rig.addApp();
  });
  afterAll(() => rig?.stop());

  it('send each mail exactly once under a burst shared by both', async () => {
    const results = await pool(200, 16, (i) => submitEndorsement(i % 2 ? a : b, 'two', i));
    expect(results.every((r) => r.status === 'fulfilled' && r.value === 303)).toBe(true);
    await rig.sink.waitFor(() => true, 200, 60_000);
    await waitFor(
      async () => (await rig.cluster.query("select 1 from email_outbox where status <> 'sent'")).length === 0,
      30_000,
      () => 'outbox not drained',
    );
    const addresses = rig.sink.mails.flatMap((m) => m.to);
    expect(addresses).toHaveLength(200);
    expect(new Set(addresses).size).toBe(200);
  });

  it('a verification through one reaches SSE clients of the other, with the count', async () => {
    const [row] = await rig.cluster.query<{ id: number; statement_id: number; display_name: string }>(
      "update endorsements set status = 'confirmed', confirmed_at = now() where id = (select min(id) from endorsements) returning id::int, statement_id::int, display_name",
    );
    const events = await openEvents(`${b.url}/s/two/events`);
    await waitFor(
      () => events.text.includes('event: count'),
      10_000,
      () => 'no initial count',
    );
    const staff = await StaffClient.signIn(a, 'admin@two.example.org');
    expect(await staff.verify(row!.statement_id, row!.id)).toBe(303);
    await waitFor(
      () => events.text.includes('event: signatory') && events.text.includes(`"name":"${row!.display_name}"`),
      10_000,
      () => `B's client did not get the signatory:\n${events.text}`,
    );
    await waitFor(
      () => /event: count\ndata: \{"total":1/.test(events.text),
      10_000,
      () => `B's client did not get the new count:\n${events.text}`,
    );
    await events.close();
  });

  it('rate limits and staff sessions hold across both', async () => {
    // A session made through A works on B (sessions live in PostgreSQL).
    const staff = await StaffClient.signIn(a, 'admin2@two.example.org');
    const onB = new StaffClient(b);
    Object.assign(onB, { cookies: (staff as unknown as { cookies: Map<string, string> }).cookies });
    expect(await onB.get('/admin')).toContain('/admin/logout');

    // Per-email limit: the default allows 10 an hour per address and statement, shared by both processes.
    const same = async (app: AppProcess) => {
      const res = await fetch(`${app.url}/s/two/endorse`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
        body: new URLSearchParams({
          org_name: 'Limit Union',
          org_type: 'union',
          country: 'FR',
          contact_name: 'L',
          email: 'limit@example.org',
          authorised: 'on',
          locale: 'en',
        }).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(await same(i % 2 ? a : b));
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
