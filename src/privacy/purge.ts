import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Log } from '../log.js';
import { deleteExpiredRateLimits } from '../security/rate-limit.js';

/** Shared by every process: whoever holds it this round does the purge; the others skip. */
const PURGE_LOCK_KEY = 727_401_194;
const BATCH = 1000;

export interface PurgeResult {
  pendingDeleted: number;
  mailDeleted: number;
  rateLimitsDeleted: number;
}

/**
 * Privacy (README "Privacy"): endorsements never confirmed are deleted after `days` (contact data we were
 * given but never allowed to use), along with their queued mail; delivered mail rows, which hold
 * addresses and names, go after the same time.
 */
export async function purgeExpiredData(db: Db, now: Date, days: number): Promise<PurgeResult | undefined> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${PURGE_LOCK_KEY}) as ok`.execute(trx);
    if (!lock.rows[0]?.ok) {
      return undefined;
    }
    const stale = trx
      .selectFrom('endorsements')
      .select('id')
      .where('status', '=', 'pending')
      .where('created_at', '<', cutoff)
      .limit(BATCH);
    const ids = (await stale.execute()).map((r) => r.id);
    let mailDeleted = 0;
    let pendingDeleted = 0;
    if (ids.length) {
      const m = await trx.deleteFrom('email_outbox').where('endorsement_id', 'in', ids).executeTakeFirst();
      mailDeleted += Number(m.numDeletedRows);
      const e = await trx
        .deleteFrom('endorsements')
        .where('id', 'in', ids)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      pendingDeleted = Number(e.numDeletedRows);
    }
    const old = await trx
      .deleteFrom('email_outbox')
      .where('status', 'in', ['sent', 'failed'])
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    mailDeleted += Number(old.numDeletedRows);
    const rateLimitsDeleted = await deleteExpiredRateLimits(trx, now);
    return { pendingDeleted, mailDeleted, rateLimitsDeleted };
  });
}

export interface PurgeJob {
  start(): void;
  stop(): Promise<void>;
}

/** Runs the purge at start and then every `intervalMs`; safe with any number of processes. */
export function createPurgeJob(opts: {
  db: Db;
  clock: Clock;
  log: Log;
  days: number;
  intervalMs?: number;
}): PurgeJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  // Batches of 1,000 until one comes back short, so a bot flood of unconfirmed rows is caught up in one run.
  const purgeAll = async () => {
    for (let round = 0; round < 1000; round++) {
      const r = await purgeExpiredData(opts.db, opts.clock.now(), opts.days);
      if (r && (r.pendingDeleted || r.mailDeleted)) {
        opts.log.info('privacy: expired data purged', { ...r });
      }
      if (!r || r.pendingDeleted < BATCH) {
        return;
      }
    }
  };
  const run = () => {
    running = purgeAll()
      .catch((err: Error) => opts.log.warn('privacy: purge failed, will retry', { error: err.message }))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start() {
      run();
      timer = setInterval(run, opts.intervalMs ?? 3600_000);
      timer.unref();
    },
    async stop() {
      if (timer) {
        clearInterval(timer);
      }
      await running;
    },
  };
}
