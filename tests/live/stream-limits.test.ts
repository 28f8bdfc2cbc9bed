import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLiveHub } from '../../src/live/hub.js';
import { createStreamRegistry } from '../../src/live/stream-registry.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { listen, publish, SseClient, until } from './support.js';

// Small limits so the caps are reached with a handful of real sockets (TRUST_PROXY: X-Forwarded-For
// makes each test client a different address, as behind our own reverse proxy).
const LIMITS = { maxPerClient: 2, max: 5, maxAgeSeconds: 3600 };

let ctx: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let statementId: number;
let clients: SseClient[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ config: { trustProxy: true, sseLimits: LIMITS } });
  server = await listen(ctx.app.fetch);
  ({ slug, id: statementId } = await ctx.statement());
});
afterEach(async () => {
  for (const c of clients) {
    c.close();
  }
  clients = [];
  await until(() => ctx.deps.live.clientCount() === 0, 'every stream to be released');
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

/** A stream from `ip`, as a browser behind the proxy opens it; resolves once the answer's head is in. */
async function stream(
  ip: string,
  { base = server.url, of = slug, lastEventId }: { base?: string; of?: string; lastEventId?: string } = {},
): Promise<SseClient> {
  const c = new SseClient(`${base}/s/${of}/events`, lastEventId, { 'x-forwarded-for': ip });
  clients.push(c);
  return c.open();
}

/** A stream that must be admitted: 200 and its opening `count`. */
async function admitted(ip: string, of = slug): Promise<SseClient> {
  const c = await stream(ip, { of });
  expect(c.status).toBe(200);
  await c.next('count');
  return c;
}

/** A stream that must be refused: the status, Retry-After in seconds and the JSON error. */
async function refused(ip: string) {
  const res = await fetch(`${server.url}/s/${slug}/events`, {
    headers: { 'x-forwarded-for': ip, accept: 'text/event-stream' },
  });
  if (res.status === 200) {
    await res.body?.cancel(); // an admitted stream never ends by itself: say so at once
    return { status: res.status, retryAfter: NaN, body: { error: '' } };
  }
  return {
    status: res.status,
    retryAfter: Number(res.headers.get('retry-after')),
    body: (await res.json()) as { error: string },
  };
}

/** Every place taken: the per-client maximum from one address, the rest of SSE_MAX from others. */
async function fillTheProcess(heavy: string, others: string[]) {
  for (let i = 0; i < LIMITS.maxPerClient; i++) {
    await admitted(heavy);
  }
  for (const ip of others.slice(0, LIMITS.max - LIMITS.maxPerClient)) {
    await admitted(ip);
  }
  expect(ctx.deps.live.clientCount()).toBe(LIMITS.max);
}

describe('bounded live streams (GET /s/:slug/events)', () => {
  it('one client gets at most SSE_MAX_PER_CLIENT streams, then 429 with Retry-After; another address still gets one', async () => {
    await admitted('198.51.100.1');
    await admitted('198.51.100.1');
    const third = await refused('198.51.100.1');
    expect(third.status).toBe(429);
    expect(third.retryAfter).toBeGreaterThan(0);
    expect(third.body.error).toMatch(/too many live streams.*your address/i);
    await admitted('198.51.100.2');
    // An IPv6 client is one client per /64, not one per address.
    await admitted('2001:db8:5:6::1');
    await admitted('2001:db8:5:6::2');
    expect((await refused('2001:db8:5:6:ffff::9')).status).toBe(429);
    expect(ctx.deps.live.clientCount(statementId)).toBe(5);
  });

  it('the process holds at most SSE_MAX streams, then 503 with Retry-After; pages and /healthz keep answering', async () => {
    await fillTheProcess('203.0.113.1', ['203.0.113.2', '203.0.113.3', '203.0.113.4']);
    const full = await refused('203.0.113.9');
    expect(full.status).toBe(503);
    expect(full.retryAfter).toBeGreaterThan(0);
    expect(full.body.error).toMatch(/too many live streams.*server/i);
    expect((await refused('203.0.113.1')).status).toBe(429);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const page = await fetch(`${server.url}/s/${slug}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Statement ${slug}`);
    // The open streams are still served.
    const eid = await publish(ctx.deps, statementId, { name: 'Union While Full' });
    await clients[0]!.next('signatory', (d) => d.id === eid);
  });

  it('after clients hang up, their places are free again', async () => {
    await fillTheProcess('192.0.2.1', ['192.0.2.2', '192.0.2.3', '192.0.2.4']);
    expect((await refused('192.0.2.1')).status).toBe(429);
    expect((await refused('192.0.2.99')).status).toBe(503);
    for (const c of clients) {
      c.close();
    }
    await until(() => ctx.deps.live.clientCount() === 0, 'the hung-up streams to be released');
    // The same address gets its full share again, and so does the rest of the process.
    await fillTheProcess('192.0.2.1', ['192.0.2.99', '192.0.2.98', '192.0.2.97']);
  });

  it('a stream ends itself after SSE_MAX_AGE_SECONDS with a retry hint, and the reconnect resumes with Last-Event-ID', async () => {
    // The same hub behind an app whose streams live 0.3 s.
    const shortLived = createApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, sseLimits: { ...LIMITS, maxAgeSeconds: 0.3 } },
    });
    const short = await listen(shortLived.fetch);
    const { id, slug: of } = await ctx.statement();
    try {
      const watcher = await admitted('198.51.100.50', of);
      const first = await publish(ctx.deps, id, { name: 'Before The Expiry' });
      await watcher.next('count', (d) => d.total === 1);

      const a = await stream('198.51.100.51', { base: short.url, of });
      expect(a.status).toBe(200);
      await a.next('count');
      await a.waitFor(() => a.ended, 'the stream to end at its lifetime');
      expect(a.retry).toBeGreaterThanOrEqual(1000);
      expect(a.retry).toBeLessThanOrEqual(5000);
      expect(a.raw).toMatch(/\nretry: \d+\n\n$/);
      await until(() => ctx.deps.live.clientCount() === 1, 'the expired stream to be released');

      // While it waits to reconnect: a publication.
      const second = await publish(ctx.deps, id, { name: 'During The Gap' });
      await watcher.next('signatory', (d) => d.id === second);
      const lastSeen = a.events[a.events.length - 1]!.id!;
      const b = await stream('198.51.100.51', { base: short.url, of, lastEventId: lastSeen });
      expect(b.status).toBe(200);
      const sig = await b.next('signatory');
      expect(JSON.parse(sig.data).id).toBe(second);
      expect(b.events[0]!.event).toBe('signatory');
      await b.waitFor(() => b.ended, 'the resumed stream to end too');
      expect(b.named('reset')).toHaveLength(0);
      expect(b.named('signatory').map((e) => JSON.parse(e.data).id)).not.toContain(first);
    } finally {
      await short.close();
    }
  });

  it('a slow client dropped, and a hub stopping, free their places exactly once', async () => {
    const registry = createStreamRegistry({ maxPerClient: 2, max: 2, maxAgeSeconds: 3600 });
    const hub = createLiveHub({
      db: ctx.deps.db,
      handle: ctx.database.handle,
      clock: ctx.clock,
      log: ctx.deps.log,
      clientBufferBytes: 1024,
    });
    await hub.start();
    let stopped = false;
    try {
      const { id } = await ctx.statement();
      const lease = () => {
        const a = registry.admit('one client');
        if (!a.ok) {
          throw new Error(`refused: ${a.status}`);
        }
        return a.lease;
      };
      // A reader that stops reading is dropped by the hub; its place comes back.
      const slow = (await hub.events(id, undefined, undefined, lease())).getReader();
      await slow.read();
      const idle = (await hub.events(id, undefined, undefined, lease())).getReader();
      expect(registry.admit('one client').ok).toBe(false);
      for (let i = 0; i < 12; i++) {
        await publish(ctx.deps, id, {
          name: `Union with a rather long name to fill the buffer ${i}`,
          city: 'A city with a long name',
        });
      }
      await until(() => registry.open() === 0, 'both unread streams to be dropped and released');
      expect(hub.clientCount()).toBe(0);
      slow.releaseLock();
      idle.releaseLock();

      // Stopping the hub ends every stream and frees every place; nothing is freed twice.
      const s1 = await hub.events(id, undefined, undefined, lease());
      const s2 = await hub.events(id, undefined, undefined, lease());
      expect(registry.open()).toBe(2);
      await hub.stop();
      stopped = true;
      expect(registry.open()).toBe(0);
      expect(registry.open('one client')).toBe(0);
      await s1.cancel();
      await s2.cancel();
      expect(registry.open()).toBe(0);
      const again = registry.admit('one client');
      expect(again.ok).toBe(true);
      if (again.ok) {
        again.lease.release();
      }
    } finally {
      if (!stopped) {
        await hub.stop();
      }
    }
  });
});
