import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, waitFor, type Rig } from '../faults/harness.js';
import { holdStream, send } from './client.js';

// Live streams are sockets: one client holding thousands of them once took every file descriptor,
// and with them /healthz and every page. Here the process allows 100 streams in all.
let rig: Rig;
beforeAll(async () => {
  rig = await startRig('streams', { SSE_MAX: '100' });
});
afterAll(() => rig?.stop());

const READER = '127.0.0.9';
const streamUrl = () => `${rig.app.url}/s/streams/events`;
type Held = Awaited<ReturnType<typeof holdStream>>;
const held: Held[] = [];
afterAll(() => held.forEach((s) => s.close()));

/** A reader somewhere else: the page, /healthz and a stream of their own, each answered within a second. */
async function readerIsServed(expectStream: 200 | 503) {
  const page = await send(`${rig.app.url}/s/streams`, { from: READER });
  expect(page.status).toBe(200);
  expect(page.ms).toBeLessThan(1000);
  const health = await send(`${rig.app.url}/healthz`, { from: READER });
  expect(health.status).toBe(200);
  expect(health.ms).toBeLessThan(1000);
  const own = await holdStream(streamUrl(), READER);
  own.close();
  expect(own.status).toBe(expectStream);
}

describe('one address opening 200 live streams', () => {
  it('gets 16, then 429 with Retry-After; a reader elsewhere is served as before', async () => {
    const opened = await Promise.all(Array.from({ length: 200 }, () => holdStream(streamUrl(), '127.0.0.2')));
    held.push(...opened);
    const statuses = opened.map((s) => s.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(16);
    expect(statuses.filter((s) => s === 429)).toHaveLength(184);
    expect(Number(opened.find((s) => s.status === 429)!.retryAfter)).toBeGreaterThan(0);
    await readerIsServed(200);
  });
});

describe('many addresses filling the process', () => {
  it('get 503 with Retry-After past SSE_MAX, while pages and /healthz keep answering', async () => {
    const addresses = Array.from({ length: 8 }, (_, i) => `127.0.1.${i + 1}`);
    const opened = (
      await Promise.all(
        addresses.map((a) => Promise.all(Array.from({ length: 16 }, () => holdStream(streamUrl(), a)))),
      )
    ).flat();
    held.push(...opened);
    // 16 from the first attacker are still open: 84 more fit, the rest are told to come back later.
    expect(opened.filter((s) => s.status === 200)).toHaveLength(84);
    const busy = opened.filter((s) => s.status === 503);
    expect(busy).toHaveLength(44);
    expect(Number(busy[0]!.retryAfter)).toBeGreaterThan(0);
    await readerIsServed(503);
  });

  it('gives the places back when the attackers hang up', async () => {
    held.splice(0).forEach((s) => s.close());
    await waitFor(
      async () => (await holdStream(streamUrl(), READER).then((s) => (s.close(), s.status))) === 200,
      10_000,
      () => 'streams were not released after the clients left',
      200,
    );
  });
});
