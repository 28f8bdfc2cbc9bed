import { countHit, currentCount } from '../security/rate-limit.js';
import type { DbOrTx } from '../db/database.js';

/** Failed sign-ins allowed per window, per account and per client address. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_IP = 20;

/** How many hits a key has in the current fixed window (shared by every process through Postgres). */
export const rateCount = (db: DbOrTx, key: string, now: Date, windowMs: number) => currentCount(db, key, windowMs / 1000, now);

/** Count one hit, atomically (upsert), and return the new count. */
export const rateHit = async (db: DbOrTx, key: string, now: Date, windowMs: number) => (await countHit(db, key, windowMs / 1000, now)).count;
