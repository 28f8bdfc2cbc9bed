import { describe, expect, it } from 'vitest';
import {
  createStreamRegistry,
  defaultMaxStreams,
  openFilesLimit,
  type StreamLease,
} from '../../src/live/stream-registry.js';

function leaseOf(a: ReturnType<ReturnType<typeof createStreamRegistry>['admit']>): StreamLease {
  if (!a.ok) {
    throw new Error(`refused with ${a.status}`);
  }
  return a.lease;
}

describe('stream registry', () => {
  it('counts per client and per process, refusing with 429 then 503 and a Retry-After', () => {
    const r = createStreamRegistry({ maxPerClient: 2, max: 3, maxAgeSeconds: 3600 });
    const a1 = leaseOf(r.admit('a'));
    leaseOf(r.admit('a'));
    expect(r.admit('a')).toMatchObject({ ok: false, status: 429, reason: 'client' });
    // No socket to read: all such requests are one client, 'unknown'.
    leaseOf(r.admit(null));
    expect(r.open(null)).toBe(1);
    const busy = r.admit('b');
    expect(busy).toMatchObject({ ok: false, status: 503, reason: 'process' });
    expect(!busy.ok && busy.retryAfterSeconds).toBeGreaterThanOrEqual(5);
    expect(r.open()).toBe(3);
    // Released twice, freed once.
    a1.release();
    a1.release();
    expect(r.open()).toBe(2);
    expect(r.open('a')).toBe(1);
    leaseOf(r.admit('b'));
    expect(r.admit('c')).toMatchObject({ ok: false, status: 503 });
  });

  it('ends a stream at its lifetime with a 1–5 s retry hint, and frees its place', async () => {
    const r = createStreamRegistry({ maxPerClient: 1, max: 1, maxAgeSeconds: 0.05 });
    const lease = leaseOf(r.admit('a'));
    const retryMs = await new Promise<number>((resolve) => lease.onExpiry(resolve));
    expect(retryMs).toBeGreaterThanOrEqual(1000);
    expect(retryMs).toBeLessThanOrEqual(5000);
    expect(r.open()).toBe(0);
    // A stream attached after its time ran out (a slow opening) is ended at once.
    let ended = false;
    lease.onExpiry(() => (ended = true));
    expect(ended).toBe(true);
    expect(r.open()).toBe(0);
  });

  it('SSE_MAX by default: 80 % of the open-files limit minus 256, between 64 and 20,000; 1000 when unknown', () => {
    expect(defaultMaxStreams(20_000)).toBe(15_744);
    expect(defaultMaxStreams(1024)).toBe(563);
    expect(defaultMaxStreams(256)).toBe(64);
    expect(defaultMaxStreams(1_048_576)).toBe(20_000);
    expect(defaultMaxStreams(undefined)).toBe(1000);
  });

  it('reads the soft open-files limit from /proc/self/limits', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max processes             127741               127741               processes ',
      'Max open files            4096                 524288               files     ',
      'Max locked memory         8388608              8388608              bytes     ',
    ].join('\n');
    expect(openFilesLimit(limits)).toBe(4096);
    expect(openFilesLimit(limits.replace('4096   ', 'unlimited'))).toBeUndefined();
    expect(openFilesLimit('')).toBeUndefined();
  });
});
