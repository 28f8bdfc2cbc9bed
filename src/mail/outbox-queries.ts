import { sql } from 'kysely';
import type { DbOrTx, OutboxRow } from '../db/database.js';

/**
 * Take up to `limit` due mails for this worker: queued ones whose time has come, and ones left
 * 'sending' by a worker that crashed (their lease ran out). One statement, so no transaction is
 * held while the mail goes out; SKIP LOCKED lets any number of workers claim side by side, each
 * row going to exactly one of them.
 */
export async function claimDueMail(db: DbOrTx, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<OutboxRow>`
    update email_outbox
       set status = 'sending', locked_until = ${lockedUntil}, attempts = attempts + 1
     where id in (
       select id from email_outbox
        where (status = 'queued' and next_attempt_at <= ${now})
           or (status = 'sending' and locked_until <= ${now})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning *`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

/** Guard shared by the three outcomes: only the worker holding this claim may record it. */
function whereClaimed(db: DbOrTx, row: Pick<OutboxRow, 'id' | 'attempts'>) {
  return db.updateTable('email_outbox').where('id', '=', row.id).where('status', '=', 'sending').where('attempts', '=', row.attempts);
}

/** Record a delivered mail. False when the claim was lost meanwhile (another worker took it over). */
export async function markSent(db: DbOrTx, row: OutboxRow, messageId: string, now: Date): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({ status: 'sent', sent_at: now, message_id: messageId, locked_until: null, last_error: null })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Put a mail back in the queue after a temporary failure, with the reason kept for staff. */
export async function markRetry(db: DbOrTx, row: OutboxRow, error: string, nextAttemptAt: Date): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({ status: 'queued', next_attempt_at: nextAttemptAt, locked_until: null, last_error: error })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Give up on a mail the server refused for good; the reply stays in last_error. */
export async function markFailed(db: DbOrTx, row: OutboxRow, error: string): Promise<boolean> {
  const r = await whereClaimed(db, row)
    .set({ status: 'failed', locked_until: null, last_error: error })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
