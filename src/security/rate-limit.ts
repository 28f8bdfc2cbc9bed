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
export async function countHit(
  db: DbOrTx,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<{ count: number; retryAfter: number }> {
  const start = windowStart(now, windowSeconds);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: start, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  return { count: row.count, retryAfter };
}

/**
 * Count one hit for each key in the same fixed window, in one multi-row upsert (keys in a fixed
 * order, so concurrent callers lock rows alike), and return each key's new count. Every caller
 * gets a distinct count per key, so "the n-th hit" happens exactly once across all processes.
 */
export async function countHits(
  db: DbOrTx,
  keys: string[],
  windowSeconds: number,
  now: Date,
): Promise<{ counts: Map<string, number>; windowStart: Date; retryAfter: number }> {
  const start = windowStart(now, windowSeconds);
  const rows = await db
    .insertInto('rate_limits')
    .values([...new Set(keys)].sort().map((key) => ({ key, window_start: start, count: 1 })))
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }),
    )
    .returning(['key', 'count'])
    .execute();
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  return { counts: new Map(rows.map((r) => [r.key, r.count])), windowStart: start, retryAfter };
}

/** Take back one hit counted in a given window (an attempt that turned out to be legitimate). */
export async function uncountHits(db: DbOrTx, keys: string[], windowStart: Date): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql`count - 1` })
    .where('key', 'in', keys)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}

/**
 * Count one hit against a rule, in PostgreSQL so every process shares the limit (docs/ARCHITECTURE.md).
 * Old windows are deleted by the privacy purge job.
 */
export async function hitRateLimit(
  db: DbOrTx,
  rule: RateRule,
  subject: string,
  now: Date,
): Promise<RateResult> {
  const { count, retryAfter } = await countHit(db, `${rule.name}:${subject}`, rule.windowSeconds, now);
  return { allowed: count <= rule.limit, count, retryAfter };
}

/**
 * Count one hit against several rules IN ORDER, in one round trip, each only if every rule before it
 * allowed the hit: a client over its own limit never spends the budget of a later, wider rule (a
 * flood from one address must not use up a statement's ceiling for everyone else). Returns the
 * result of each rule that was counted; the first refused one is the last in the list.
 */
export async function hitRateLimitsInOrder(
  db: DbOrTx,
  checks: Array<[RateRule, string]>,
  now: Date,
): Promise<RateResult[]> {
  if (checks.length === 0) {
    return [];
  }
  const starts = checks.map(([rule]) => windowStart(now, rule.windowSeconds));
  // c0 is always counted; c(i) only when c(i-1) was counted and within its limit. A step that is
  // skipped yields no row, so every later step is skipped too.
  const steps = checks.map(([rule, subject], i) => {
    const guard =
      i === 0 ? sql`` : sql` where (select count from ${sql.ref(`c${i - 1}`)}) <= ${checks[i - 1]![0].limit}`;
    return sql`${sql.ref(`c${i}`)} as (
      insert into rate_limits (key, window_start, count)
      select ${`${rule.name}:${subject}`}, ${starts[i]}::timestamptz, 1${guard}
      on conflict (key, window_start) do update set count = rate_limits.count + 1
      returning count)`;
  });
  const columns = checks.map((_, i) => sql`(select count from ${sql.ref(`c${i}`)}) as ${sql.ref(`n${i}`)}`);
  const { rows } = await sql<Record<string, number | null>>`with ${sql.join(steps)} select ${sql.join(
    columns,
  )}`.execute(db);
  const counts = rows[0] ?? {};
  const results: RateResult[] = [];
  checks.forEach(([rule], i) => {
    const count = counts[`n${i}`];
    if (count === null || count === undefined) {
      return;
    }
    const retryAfter = Math.max(
      1,
      Math.ceil((starts[i]!.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000),
    );
    results.push({ allowed: Number(count) <= rule.limit, count: Number(count), retryAfter });
  });
  return results.slice(0, results.findIndex((r) => !r.allowed) + 1 || results.length);
}

/** The answer of an ordered check: the first refusal, or "allowed". */
export function firstRefusal(results: RateResult[]): RateResult | undefined {
  return results.find((r) => !r.allowed);
}

export async function deleteExpiredRateLimits(
  db: DbOrTx,
  now: Date,
  maxWindowSeconds = 86_400,
): Promise<number> {
  const r = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - maxWindowSeconds * 1000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
