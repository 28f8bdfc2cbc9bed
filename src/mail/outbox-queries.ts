import { sql } from 'kysely';
import type { DbOrTx, OutboxRow } from '../db/database.js';
import { LANE, type Lane } from './outbox.js';

/** Advisory lock class of mail workers: (MAIL_WORKER_LOCK, worker number) is held while a worker lives. */
export const MAIL_WORKER_LOCK = 727_401_195;

/**
 * Take up to `limit` due mails for this worker: queued ones whose time has come, and ones left
 * 'sending' whose lease ran out. One statement, so no transaction is held while the mail goes out;
 * SKIP LOCKED lets any number of workers claim side by side, each row going to exactly one of them.
 * `claimedBy` is this worker's number (null when it holds no lock: then only the lease frees the claim).
 * One lane at a time (the worker asks for transactional mail first).
 */
export async function claimDueMail(
  db: DbOrTx,
  now: Date,
  limit: number,
  leaseMs: number,
  claimedBy: number | null = null,
  lane: Lane = LANE.transactional,
): Promise<OutboxRow[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<OutboxRow>`
    update email_outbox
       set status = 'sending', locked_until = ${lockedUntil}, attempts = attempts + 1,
           claimed_by = ${claimedBy}::int
     where id in (
       select id from email_outbox
        where lane = ${lane}::smallint
          and ((status = 'queued' and next_attempt_at <= ${now})
            or (status = 'sending' and locked_until <= ${now}))
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning *`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

/** A new worker number (the sequence cycles; a number is in use only while its lock is held). */
export async function nextWorkerNumber(db: DbOrTx): Promise<number> {
  const r = await sql<{ n: number }>`select nextval('mail_worker_ids')::int as n`.execute(db);
  return r.rows[0]!.n;
}

/**
 * Put back in the queue, due now, the mails claimed by workers that are gone: their number is on the
 * claim but no session holds their advisory lock any more (the process died, its connection with
 * it). A live worker's claims are never touched: its lock is granted. Only claims at least
 * `minAgeMs` old are looked at, so a worker that took its lock after pg_locks was read cannot lose a
 * claim it has just made. Returns how many were released.
 */
export async function releaseDeadClaims(
  db: DbOrTx,
  now: Date,
  leaseMs: number,
  minAgeMs: number,
): Promise<number> {
  // locked_until = claim time + lease: "claimed at least minAgeMs ago".
  const claimedBefore = new Date(now.getTime() + leaseMs - minAgeMs);
  const result = await sql<{ id: number }>`
    update email_outbox o
       set status = 'queued', locked_until = null, claimed_by = null, next_attempt_at = ${now}
      from (select id from email_outbox
             where status = 'sending' and claimed_by is not null and locked_until <= ${claimedBefore}
               and claimed_by not in (
                 select objid::int from pg_locks
                  where locktype = 'advisory' and granted and classid = ${MAIL_WORKER_LOCK}::oid
                    and objsubid = 2
                    and database = (select oid from pg_database where datname = current_database()))
             for update skip locked) dead
     where o.id = dead.id
    returning o.id`.execute(db);
  return result.rows.length;
}

/** Guard shared by the three outcomes: only the worker holding this claim may record it. */
function whereClaimed(db: DbOrTx, row: Pick<OutboxRow, 'id' | 'attempts'>) {
  return db
    .updateTable('email_outbox')
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', row.attempts);
}

/** Record a delivered mail. False when the claim was lost meanwhile (another worker took it over). */
export async function markSent(db: DbOrTx, row: OutboxRow, messageId: string, now: Date): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({
      status: 'sent',
      sent_at: now,
      message_id: messageId,
      locked_until: null,
      claimed_by: null,
      last_error: null,
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Put a mail back in the queue after a temporary failure, with the reason kept for staff. */
export async function markRetry(
  db: DbOrTx,
  row: OutboxRow,
  error: string,
  nextAttemptAt: Date,
): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({
      status: 'queued',
      next_attempt_at: nextAttemptAt,
      locked_until: null,
      claimed_by: null,
      last_error: error,
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Give up on a mail the server refused for good; the reply stays in last_error. */
export async function markFailed(db: DbOrTx, row: OutboxRow, error: string): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({ status: 'failed', locked_until: null, claimed_by: null, last_error: error })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
