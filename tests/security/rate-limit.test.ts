import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRefusal, hitRateLimit, hitRateLimitsInOrder } from '../../src/security/rate-limit.js';
import { keyedHash } from '../../src/security/client-ip.js';

const hashIp = (secret: Buffer, ip: string) => keyedHash(secret, 'ip', ip);
import { connectDatabase } from '../../src/db/connect.js';
import { silentLog } from '../../src/log.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { onPostgres } from '../support/test-db.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const rule = { name: 'test', limit: 3, windowSeconds: 60 };

describe('rate limits in PostgreSQL', () => {
  it('allow up to the limit in a window, then refuse with the seconds left; a new window starts afresh', async () => {
    const now = new Date('2026-01-15T10:00:15Z');
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await hitRateLimit(ctx.deps.db, rule, 'a', now));
    }
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfter).toBe(45);
    expect((await hitRateLimit(ctx.deps.db, rule, 'b', now)).allowed).toBe(true);
    expect((await hitRateLimit(ctx.deps.db, rule, 'a', new Date('2026-01-15T10:01:00Z'))).allowed).toBe(true);
  });

  it('several rules in order: a hit refused by one rule is not counted by the rules after it', async () => {
    const now = new Date('2026-01-15T11:00:00Z');
    const perClient = { name: 'client', limit: 2, windowSeconds: 10 };
    const ceiling = { name: 'ceiling', limit: 100, windowSeconds: 60 };
    const hit = (client: string) =>
      hitRateLimitsInOrder(
        ctx.deps.db,
        [
          [perClient, client],
          [ceiling, 'statement'],
        ],
        now,
      );
    // One client sends 50: two pass, 48 are refused by its own rule and never reach the ceiling.
    const flood = [];
    for (let i = 0; i < 50; i++) {
      flood.push(await hit('flooder'));
    }
    expect(flood.filter((r) => firstRefusal(r) === undefined)).toHaveLength(2);
    expect(firstRefusal(flood[49]!)).toMatchObject({ allowed: false, count: 50, retryAfter: 10 });
    expect(flood[49]).toHaveLength(1);
    // Another client is counted by both rules: the ceiling saw only the flooder's two.
    const other = await hit('someone-else');
    expect(other.map((r) => r.count)).toEqual([1, 3]);
    expect(firstRefusal(other)).toBeUndefined();
  });

  it.runIf(onPostgres)('hold across two processes on one database', async () => {
    const other = await connectDatabase({ url: ctx.database.url, dataDir: '.', log: silentLog });
    try {
      const now = new Date('2026-01-15T12:00:00Z');
      const hits = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) => hitRateLimit(i % 2 ? other.db : ctx.deps.db, rule, 'shared', now)),
      );
      expect(hits.filter((h) => h.allowed)).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it('IP addresses are stored only as keyed hashes', () => {
    const key = Buffer.alloc(32, 1);
    const h = hashIp(key, '203.0.113.7');
    expect(h).not.toContain('203');
    expect(h).toBe(hashIp(key, '203.0.113.7'));
    expect(h).not.toBe(hashIp(Buffer.alloc(32, 2), '203.0.113.7'));
  });
});
