import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/** Failed sign-ins allowed per window, per account and per client address. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_IP = 20;

const windowStart = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** How many hits a key has in the current fixed window (shared by every process through Postgres). */
export async function rateCount(db: DbOrTx, key: string, now: Date, windowMs: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart(now, windowMs))
    .executeTakeFirst();
  return row?.count ?? 0;
}

/** Count one hit, atomically (upsert), and return the new count. */
export async function rateHit(db: DbOrTx, key: string, now: Date, windowMs: number): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart(now, windowMs), count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}
