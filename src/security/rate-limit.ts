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

/**
 * Count one hit against a fixed window, in PostgreSQL so every process shares the limit (DESIGN §6).
 * One upsert per hit; old windows are deleted by the privacy purge job.
 */
export async function hitRateLimit(db: DbOrTx, rule: RateRule, subject: string, now: Date): Promise<RateResult> {
  const windowMs = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key: `${rule.name}:${subject}`, window_start: start, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: row.count <= rule.limit, count: row.count, retryAfter };
}

/** Check several rules; the first one exceeded decides. Every rule is counted, so limits stay honest. */
export async function hitRateLimits(db: DbOrTx, checks: Array<[RateRule, string]>, now: Date): Promise<RateResult> {
  let worst: RateResult = { allowed: true, count: 0, retryAfter: 0 };
  for (const [rule, subject] of checks) {
    const r = await hitRateLimit(db, rule, subject, now);
    if (!r.allowed && (worst.allowed || r.retryAfter > worst.retryAfter)) worst = r;
  }
  return worst;
}

export async function deleteExpiredRateLimits(db: DbOrTx, now: Date, maxWindowSeconds = 86_400): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now.getTime() - maxWindowSeconds * 1000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}
