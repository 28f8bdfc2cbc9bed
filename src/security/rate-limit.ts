import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

export interface RateRule {
  /** Part of the key, e.g. "endorse-ip". */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateResult {
  allowed: boolean;
  count: number;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

const windowStart = (now: Date, windowSeconds: number) => {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
};

/** Count one hit for a key in its fixed window (one upsert, shared by every process) and return the new count. */
export async function countHit(db: DbOrTx, key: string, windowSeconds: number, now: Date): Promise<{ count: number; retryAfter: number }> {
  const start = windowStart(now, windowSeconds);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: start, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  return { count: row.count, retryAfter };
}

/** Hits a key has in its current window, without counting one (checked before an attempt). */
export async function currentCount(db: DbOrTx, key: string, windowSeconds: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart(now, windowSeconds))
    .executeTakeFirst();
  return row?.count ?? 0;
}

/**
 * Count one hit against a rule, in PostgreSQL so every process shares the limit (DESIGN §6).
 * Old windows are deleted by the privacy purge job.
 */
export async function hitRateLimit(db: DbOrTx, rule: RateRule, subject: string, now: Date): Promise<RateResult> {
  const { count, retryAfter } = await countHit(db, `${rule.name}:${subject}`, rule.windowSeconds, now);
  return { allowed: count <= rule.limit, count, retryAfter };
}

/**
 * Count one hit against several rules in one round trip (one multi-row upsert); the exceeded rule
 * with the longest wait decides. Every rule is counted, so limits stay honest.
 */
export async function hitRateLimits(db: DbOrTx, checks: Array<[RateRule, string]>, now: Date): Promise<RateResult> {
  if (checks.length === 0) return { allowed: true, count: 0, retryAfter: 0 };
  const rows = checks.map(([rule, subject]) => ({ key: `${rule.name}:${subject}`, window_start: windowStart(now, rule.windowSeconds), count: 1 }));
  const counted = await db
    .insertInto('rate_limits')
    .values(rows)
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning(['key', 'count'])
    .execute();
  const countOf = new Map(counted.map((r) => [r.key, r.count]));
  let worst: RateResult = { allowed: true, count: 0, retryAfter: 0 };
  checks.forEach(([rule], i) => {
    const row = rows[i]!;
    const count = countOf.get(row.key) ?? 1;
    const retryAfter = Math.max(1, Math.ceil((row.window_start.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
    if (count > rule.limit && (worst.allowed || retryAfter > worst.retryAfter)) worst = { allowed: false, count, retryAfter };
  });
  return worst;
}

export async function deleteExpiredRateLimits(db: DbOrTx, now: Date, maxWindowSeconds = 86_400): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now.getTime() - maxWindowSeconds * 1000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}
