import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { daysBetween, utcDay } from './growth.js';

/** One UTC day of a statement for staff: forms received, confirmed by email, made public. */
export interface ActivityDay {
  day: string;
  received: number;
  confirmed: number;
  published: number;
}

export const ACTIVITY_DAYS = 30;

/**
 * Per statement, the last `days` UTC days (ending today): how many endorsements were received
 * (each pending until confirmed), confirmed by email and made public on each day. One grouped query
 * for every statement of the dashboard. Endorsements purged or erased since no longer count.
 */
export async function loadActivity(
  db: DbOrTx,
  now: Date,
  days = ACTIVITY_DAYS,
): Promise<Map<number, ActivityDay[]>> {
  const range = daysBetween(utcDay(new Date(now.getTime() - (days - 1) * 86_400_000)), utcDay(now));
  const since = `${range[0]}T00:00:00Z`;
  const { rows } = await sql<{ statement_id: number; day: string; kind: string; n: number | string }>`
    select statement_id, day, kind, count(*) as n from (
      select statement_id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, 'received' as kind
        from endorsements where created_at >= ${since}::timestamptz
      union all
      select statement_id, to_char(confirmed_at at time zone 'UTC', 'YYYY-MM-DD'), 'confirmed'
        from endorsements where confirmed_at >= ${since}::timestamptz
      union all
      select statement_id, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD'), 'published'
        from endorsements where published_at >= ${since}::timestamptz
    ) x
    group by statement_id, day, kind`.execute(db);
  const out = new Map<number, ActivityDay[]>();
  for (const r of rows) {
    const id = Number(r.statement_id);
    let list = out.get(id);
    if (!list) {
      list = range.map((day) => ({ day, received: 0, confirmed: 0, published: 0 }));
      out.set(id, list);
    }
    const entry = list.find((d) => d.day === r.day);
    if (entry && (r.kind === 'received' || r.kind === 'confirmed' || r.kind === 'published')) {
      entry[r.kind] += Number(r.n);
    }
  }
  return out;
}
