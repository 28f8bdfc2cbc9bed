import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLiveHub, type LiveHub } from '../../src/live/hub.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { listen, publish, SECRET, SseClient, until, withdraw } from './support.js';

let ctx: TestContext;
let hub: LiveHub;
let server: Awaited<ReturnType<typeof listen>>;
const clients: SseClient[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  // A hub of our own, with a fast heartbeat and a short replay buffer, behind a real HTTP server.
  hub = createLiveHub({
    db: ctx.deps.db,
    handle: ctx.database.handle,
    clock: ctx.clock,
    log: ctx.deps.log,
    heartbeatMs: 50,
    replayEvents: 64,
  });
  await hub.start();
  const app = createApp({ ...ctx.deps, live: hub });
  server = await listen(app.fetch);
});
afterAll(async () => {
  for (const c of clients) {
    c.close();
  }
  await hub.stop();
  await server.close();
  await ctx.close();
});

async function connect(slug: string, lastEventId?: string) {
  const c = new SseClient(`${server.url}/s/${slug}/events`, lastEventId);
  clients.push(c);
  return c.open();
}

describe('GET /s/:slug/events', () => {
  it('opens with the count, with the right headers', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'Early Union', country: 'DE', members: 300 });
    const c = await connect(slug);
    expect(c.status).toBe(200);
    expect(c.headers?.get('content-type')).toMatch(/^text\/event-stream/);
    expect(c.headers?.get('cache-control')).toMatch(/no-cache/);
    expect(c.headers?.get('x-accel-buffering')).toBe('no');
    const first = await c.next('count');
    expect(c.events[0]).toBe(first);
    expect(first.id).toMatch(/^[a-z0-9]+-\d+$/);
    expect(JSON.parse(first.data)).toEqual({
      total: 1,
      countries: 1,
      members: 300,
      byCountry: { DE: 1 },
      byType: { union: 1 },
    });
  });

  it('a publication arrives as `signatory` then `count`; a withdrawal as `withdrawn`', async () => {
    const { id, slug } = await ctx.statement();
    const c = await connect(slug);
    await c.next('count');
    const eid = await publish(ctx.deps, id, {
      name: 'Syndicat des Docks',
      country: 'FR',
      city: 'Marseille',
      website: 'https://docks.example.org',
      members: 1200,
      type: 'union_branch',
    });
    const sig = await c.next('signatory');
    expect(JSON.parse(sig.data)).toMatchObject({
      id: eid,
      name: 'Syndicat des Docks',
      type: 'union_branch',
      country: 'FR',
      city: 'Marseille',
      website: 'https://docks.example.org',
      members: 1200,
    });
    expect(Object.keys(JSON.parse(sig.data)).sort()).toEqual([
      'city',
      'country',
      'currentVersion',
      'id',
      'initiator',
      'members',
      'name',
      'publishedAt',
      'type',
      'version',
      'website',
    ]);
    const count = await c.next('count', (d) => d.total === 1);
    expect(JSON.parse(count.data)).toMatchObject({
      countries: 1,
      members: 1200,
      byCountry: { FR: 1 },
      byType: { union_branch: 1 },
    });

    await withdraw(ctx.deps, id, eid);
    const w = await c.next('withdrawn');
    expect(JSON.parse(w.data)).toEqual({ id: eid });
    await c.next('count', (d) => d.total === 0);
    // Ids only grow.
    const seqs = c.events.map((e) => Number(e.id!.split('-')[1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // Nothing private ever goes down the stream.
    expect(c.raw).not.toContain(SECRET.contactName);
    expect(c.raw).not.toContain(SECRET.contactRole);
    expect(c.raw).not.toContain(SECRET.comment);
    expect(c.raw).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });

  it('a client that reconnects with Last-Event-ID gets exactly what it missed', async () => {
    const { id, slug } = await ctx.statement();
    const watcher = await connect(slug);
    const a = await connect(slug);
    await a.next('count');
    const first = await publish(ctx.deps, id, { name: 'First Union' });
    await a.next('count', (d) => d.total === 1);
    const lastSeen = a.events[a.events.length - 1]!.id!;
    a.close();
    await until(() => hub.clientCount(id) === 1, 'the first connection to be released');

    // While away: one more publication and a withdrawal.
    const second = await publish(ctx.deps, id, { name: 'Second Union' });
    await withdraw(ctx.deps, id, first);
    await watcher.next('withdrawn');
    await watcher.next('count', (d) => d.total === 1);

    const b = await connect(slug, lastSeen);
    const sig = await b.next('signatory');
    expect(JSON.parse(sig.data).id).toBe(second);
    await b.next('withdrawn', (d) => d.id === first);
    await b.next('count', (d) => d.total === 1);
    expect(b.named('reset')).toHaveLength(0);
    expect(b.events[0]!.event).toBe('signatory');
  });

  it('a client too far behind (or from another process) gets `reset` and a fresh count', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id);
    const c = await connect(slug, 'zzzzother-12');
    const reset = await c.next('reset');
    const count = await c.next('count');
    expect(c.events.indexOf(reset)).toBeLessThan(c.events.indexOf(count));
    expect(JSON.parse(count.data).total).toBe(1);
  });

  it('coalesces a burst: at most one count per second, and the last one is right', async () => {
    const { id, slug } = await ctx.statement();
    const c = await connect(slug);
    await c.next('count');
    const start = Date.now();
    for (let i = 0; i < 50; i++) {
      await publish(ctx.deps, id, { name: `Burst Union ${i}`, country: i % 2 ? 'FR' : 'IT', members: 10 });
    }
    const elapsed = Date.now() - start;
    await c.next('count', (d) => d.total === 50);
    expect(c.named('signatory')).toHaveLength(50);
    const counts = c.named('count').slice(1);
    // 50 writes, a handful of counts: one at the start, then at most one per second, then the trailing one.
    expect(counts.length).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 2);
    for (let i = 1; i < counts.length; i++) {
      expect(counts[i]!.at - counts[i - 1]!.at).toBeGreaterThanOrEqual(900);
    }
    expect(JSON.parse(counts[counts.length - 1]!.data)).toEqual({
      total: 50,
      countries: 2,
      members: 500,
      byCountry: { FR: 25, IT: 25 },
      byType: { union: 50 },
    });
  });

  it('sends a comment heartbeat', async () => {
    const { slug } = await ctx.statement();
    const c = await connect(slug);
    await c.waitFor(() => c.comments >= 3, 'three heartbeats');
  });

  it('releases a client that vanishes', async () => {
    const { id, slug } = await ctx.statement();
    const before = hub.clientCount();
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.write(`GET /s/${slug}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    expect(hub.clientCount(id)).toBe(1);
    socket.destroy();
    await until(() => hub.clientCount(id) === 0, 'the client to be released');
    expect(hub.clientCount()).toBe(before);
  });

  it('drops a client that stops reading, so its backlog cannot grow without bound', async () => {
    // Over a socket the kernel's buffers absorb megabytes first; the hub's own bound is what is tested here.
    const small = createLiveHub({
      db: ctx.deps.db,
      handle: ctx.database.handle,
      clock: ctx.clock,
      log: ctx.deps.log,
      clientBufferBytes: 1024,
    });
    await small.start();
    try {
      const { id, slug } = await ctx.statement();
      const watcher = await connect(slug);
      await watcher.next('count');
      const stream = await small.events(id);
      const reader = stream.getReader();
      await reader.read(); // the opening count, then nothing more is read
      expect(small.clientCount(id)).toBe(1);
      for (let i = 0; i < 12; i++) {
        await publish(ctx.deps, id, {
          name: `Union with a rather long name to fill the buffer ${i}`,
          city: 'A city with a long name',
        });
      }
      await watcher.next('count', (d) => d.total === 12);
      await until(() => small.clientCount(id) === 0, 'the slow client to be dropped');
      reader.releaseLock();
    } finally {
      await small.stop();
    }
  });

  it('stop() tells clients to retry and ends their streams', async () => {
    const other = createLiveHub({
      db: ctx.deps.db,
      handle: ctx.database.handle,
      clock: ctx.clock,
      log: ctx.deps.log,
    });
    await other.start();
    const srv = await listen(createApp({ ...ctx.deps, live: other }).fetch);
    try {
      const { slug } = await ctx.statement();
      const c = new SseClient(`${srv.url}/s/${slug}/events`);
      clients.push(c);
      await c.open();
      await c.next('count');
      await other.stop();
      await c.waitFor(() => c.ended, 'the stream to end');
      expect(c.retry).toBeGreaterThanOrEqual(1000);
      expect(other.clientCount()).toBe(0);
    } finally {
      await srv.close();
    }
  });

  it('a draft has no event stream', async () => {
    const { slug } = await ctx.statement({ open: false });
    const res = await fetch(`${server.url}/s/${slug}/events`);
    expect(res.status).toBe(404);
  });
});
