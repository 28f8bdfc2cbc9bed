import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { publicSql } from '../endorsements/lifecycle/states.js';
import { listVisibleSql } from '../statements/rules.js';

/** How many of today's public signatories became public on one UTC day. */
export interface DayCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  n: number;
}

/** One point of the growth line: the public total at the end of a UTC day. */
export interface GrowthPoint {
  day: string;
  total: number;
}

/**
 * Public signatories per UTC day of publication, among those public *now* (a withdrawn one leaves
 * the line, as it leaves the list): one aggregate on the same rows and index as the counts.
 */
export async function loadPublicationDays(db: DbOrTx, statementId: number): Promise<DayCount[]> {
  const { rows } = await sql<{ day: string; n: number | string }>`
    select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*) as n
      from endorsements
     where statement_id = ${statementId}
       and ${publicSql()}
       and ${listVisibleSql(statementId)}
     group by 1
     order by 1`.execute(db);
  return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Every day from `from` to `to` inclusive (YYYY-MM-DD, UTC); at most `limit` days, the latest kept. */
export function daysBetween(from: string, to: string, limit = 3660): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const first = Math.max(start, end - (limit - 1) * DAY_MS);
  const days: string[] = [];
  for (let t = first; t <= end; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * The cumulative line, one point per day from the first publication to today (or to the last
 * publication, if the clock is behind it): days without a publication keep the previous total.
 */
export function cumulative(days: readonly DayCount[], today: string): GrowthPoint[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) {
    return [];
  }
  const end = last.day > today ? last.day : today;
  const per = new Map(days.map((d) => [d.day, d.n]));
  const range = daysBetween(first.day, end);
  // Days cut off the front (a statement older than the limit) still count in the total.
  let total = days.filter((d) => d.day < (range[0] ?? '')).reduce((s, d) => s + d.n, 0);
  return range.map((day) => {
    total += per.get(day) ?? 0;
    return { day, total };
  });
}
