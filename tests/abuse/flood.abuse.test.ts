import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startRig, type Rig } from '../faults/harness.js';
import { formBody, send } from './client.js';

// One hostile client with a laptop against the public form, on the default limits, while a union
// officer somewhere else tries to endorse. The app is a real process on a real PostgreSQL.
const ATTACKER = '127.0.0.2';
const RESENDER = '127.0.0.4';

let rig: Rig;
beforeAll(async () => {
  // The default limits (the fault rig raises the per-address one for its own bursts); the ceiling's
  // count is the default too, over an hour instead of a minute, so that a flood taking a few seconds
  // lands in one window whatever the clock says.
  rig = await startRig('under-attack', {
    RATE_LIMIT_ENDORSE_PER_IP: '30/10m',
    RATE_LIMIT_ENDORSE_PER_STATEMENT: '3000/1h',
  });
});
afterAll(() => rig?.stop());

const officer = (n: number) => ({
  org_name: `Dockers Union ${n}`,
  org_type: 'union',
  country: 'FR',
  city: 'Marseille',
  contact_name: `Officer ${n}`,
  email: `officer${n}@dockers${n}.example.org`,
  authorised: 'on',
  locale: 'fr',
});

/** Wait, if need be, until at least `roomMs` is left before the next fixed window of `windowMs` begins. */
async function untilWindowHasRoom(windowMs: number, roomMs: number) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < roomMs) {
    await new Promise((resolve) => setTimeout(resolve, left + 1_000));
  }
}

const post = (path: string, fields: Record<string, string>, from: string) =>
  send(`${rig.app.url}${path}`, {
    method: 'POST',
    from,
    headers: { origin: rig.app.url },
    body: formBody(fields),
  });

describe('a flood of junk submissions from one address', () => {
  it('is refused at that address’s own limit, and another address still endorses and gets its email', async () => {
    // Limits count in fixed 10-minute windows (:00, :10, …): a flood that straddles a boundary gets a
    // second allowance. Start it where a whole flood fits inside one window.
    await untilWindowHasRoom(10 * 60_000, 60_000);
    const flood = await pool(3100, 32, () =>
      post('/s/under-attack/endorse', { org_name: 'x', locale: 'en' }, ATTACKER),
    );
    const statuses = new Map<number, number>();
    for (const r of flood) {
      const status = r.status === 'fulfilled' ? r.value.status : 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 422: 30, 429: 3070 });
    const refused = flood.find((r) => r.status === 'fulfilled' && r.value.status === 429);
    expect(refused?.status === 'fulfilled' && Number(refused.value.headers['retry-after'])).toBeGreaterThan(
      0,
    );

    const legit = await post('/s/under-attack/endorse', officer(1), '127.0.0.3');
    expect(legit.status).toBe(303);
    expect(legit.headers.location).toBe('/s/under-attack/check-email');
    await rig.sink.waitFor((m) => m.to.includes('officer1@dockers1.example.org'), 1, 30_000);
  });

  it('of resend requests is refused the same way, and does not close the form either', async () => {
    const flood = await pool(500, 32, (i) =>
      post('/s/under-attack/resend', { email: `nobody${i}@flood.example.org` }, RESENDER),
    );
    const refusedCount = flood.filter((r) => r.status === 'fulfilled' && r.value.status === 429).length;
    expect(refusedCount).toBe(470);
    const legit = await post('/s/under-attack/endorse', officer(2), '127.0.0.5');
    expect(legit.status).toBe(303);
    await rig.sink.waitFor((m) => m.to.includes('officer2@dockers2.example.org'), 1, 30_000);
  });
});

describe('a closed statement', () => {
  it('takes no confirmation of an endorsement sent while it was open: 409, nothing published', async () => {
    expect((await post('/s/under-attack/endorse', officer(3), '127.0.0.6')).status).toBe(303);
    const [mail] = await rig.sink.waitFor((m) => m.to.includes('officer3@dockers3.example.org'), 1, 30_000);
    const link = /http:\/\/127\.0\.0\.1:\d+(\/confirm\/[\w.-]+)/.exec(mail!.text)![1]!;
    await rig.cluster.query("update statements set status = 'closed' where slug = 'under-attack'");
    const res = await post(link, {}, '127.0.0.6');
    expect(res.status).toBe(409);
    const [row] = await rig.cluster.query<{ status: string; published_at: Date | null }>(
      "select status, published_at from endorsements where email = 'officer3@dockers3.example.org'",
    );
    expect(row).toEqual({ status: 'pending', published_at: null });
    await rig.cluster.query("update statements set status = 'open' where slug = 'under-attack'");
  });
});

describe('hosts and links', () => {
  it('a page of another name pointed here (DNS rebinding) gets 421; the load balancer’s probe still works', async () => {
    const page = await send(`${rig.app.url}/`, { from: ATTACKER, headers: { host: 'evil.example' } });
    expect(page.status).toBe(421);
    const slash = await send(`${rig.app.url}/admin/`, { from: ATTACKER, headers: { host: 'evil.example' } });
    expect(slash.status).toBe(421);
    expect(slash.headers.location).toBeUndefined();
    const probe = await send(`${rig.app.url}/healthz`, {
      from: ATTACKER,
      headers: { host: '10.0.0.7:3000' },
    });
    expect(probe.status).toBe(200);
  });

  it('error pages for crafted paths link only to this site', async () => {
    for (const path of ['//evil.example', '/%5Cevil.example']) {
      const res = await send(`${rig.app.url}${path}`, { from: ATTACKER });
      expect(res.status).toBe(404);
      const offSite = [...res.text.matchAll(/href="([^"]*)"/g)]
        .map((m) => m[1]!)
        .filter((h) => h.startsWith('//') || h.startsWith('/\\') || /^https?:/.test(h));
      expect(offSite.filter((h) => !h.startsWith(rig.app.url))).toEqual([]);
    }
  });
});
