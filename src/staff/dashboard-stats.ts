import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/** What the dashboard says about one statement's endorsements, besides the public counts. */
export interface StatementStats {
  waiting: number;
  oldestWaiting: Date | null;
  unconfirmed: number;
  rejected: number;
  withdrawn: number;
  /** Endorsements received since midnight UTC. */
  newToday: number;
}

export const EMPTY_STATS: StatementStats = {
  waiting: 0,
  oldestWaiting: null,
  unconfirmed: 0,
  rejected: 0,
  withdrawn: 0,
  newToday: 0,
};

/** Per statement, in one aggregate: how many wait (and since when), are unconfirmed, rejected, withdrawn, new today. */
export async function statementStats(db: DbOrTx, now: Date): Promise<Map<number, StatementStats>> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const { rows } = await sql<{
    statement_id: number;
    waiting: string | number;
    oldest: Date | null;
    unconfirmed: string | number;
    rejected: string | number;
    withdrawn: string | number;
    today: string | number;
  }>`
    select statement_id,
           count(*) filter (where status = 'confirmed') as waiting,
           min(confirmed_at) filter (where status = 'confirmed') as oldest,
           count(*) filter (where status = 'pending') as unconfirmed,
           count(*) filter (where status = 'rejected') as rejected,
           count(*) filter (where status = 'withdrawn') as withdrawn,
           count(*) filter (where created_at >= ${today}) as today
      from endorsements
     group by statement_id`.execute(db);
  return new Map(
    rows.map((r) => [
      Number(r.statement_id),
      {
        waiting: Number(r.waiting),
        oldestWaiting: r.oldest ? new Date(r.oldest) : null,
        unconfirmed: Number(r.unconfirmed),
        rejected: Number(r.rejected),
        withdrawn: Number(r.withdrawn),
        newToday: Number(r.today),
      },
    ]),
  );
}
