import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { LANE, MAIL_CHANNEL, type QueuedMail } from './outbox.js';

const BATCH = 1000;

/** Advisory lock taken while bulk mail is scheduled, so two updates sent at once do not share a slot. */
const BULK_SCHEDULE_LOCK = 727_401_196;

/**
 * Queue many emails in the caller's transaction, a thousand rows per INSERT (a launch or an import
 * of thousands of endorsements), with one wake-up of the mail workers on commit. Same promise as
 * `enqueueMail`: they exist if and only if the transaction commits.
 */
export async function enqueueMails(trx: DbOrTx, mails: readonly QueuedMail[], now: Date): Promise<void> {
  await insertMails(
    trx,
    mails.map((m) => ({ mail: m, due: now, lane: LANE.transactional })),
    now,
  );
}

/**
 * Queue mails in the bulk lane (updates to endorsers), in the caller's transaction, spread out so
 * they leave at most `perMinute` a minute: each is due `60 s / perMinute` after the one before,
 * starting after the last bulk mail already waiting (two updates queued together take turns, they
 * do not double the rate). The workers send bulk mail only when no transactional mail is due, and
 * never in every slot (worker.ts), so a confirmation does not wait behind an update.
 * Returns when the last one is due.
 */
export async function enqueueBulkMails(
  trx: DbOrTx,
  mails: readonly QueuedMail[],
  now: Date,
  perMinute: number,
): Promise<Date> {
  if (mails.length === 0) {
    return now;
  }
  const gapMs = 60_000 / Math.max(1, perMinute);
  // Held until the transaction ends: the next scheduler sees these rows.
  await sql`select pg_advisory_xact_lock(${BULK_SCHEDULE_LOCK})`.execute(trx);
  const tail = await sql<{ last: Date | null }>`
    select max(next_attempt_at) as last from email_outbox
     where lane = ${LANE.bulk}::smallint and status = 'queued'`.execute(trx);
  const last = tail.rows[0]?.last ? new Date(tail.rows[0].last) : null;
  const start = last && last.getTime() + gapMs > now.getTime() ? last.getTime() + gapMs : now.getTime();
  const due = (i: number) => new Date(start + Math.floor(i * gapMs));
  await insertMails(
    trx,
    mails.map((m, i) => ({ mail: m, due: due(i), lane: LANE.bulk })),
    now,
  );
  return due(mails.length - 1);
}

async function insertMails(
  trx: DbOrTx,
  rows: ReadonlyArray<{ mail: QueuedMail; due: Date; lane: number }>,
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('email_outbox')
      .values(
        rows.slice(i, i + BATCH).map(({ mail: m, due, lane }) => ({
          template: m.template,
          locale: m.locale,
          to_address: m.to,
          data: JSON.stringify(m.data),
          endorsement_id: m.endorsementId ?? null,
          update_id: m.updateId ?? null,
          lane,
          next_attempt_at: due,
          created_at: now,
        })),
      )
      .execute();
  }
  if (rows.length) {
    await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(trx);
  }
}
