import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { MAIL_CHANNEL, type QueuedMail } from './outbox.js';

const BATCH = 1000;

/**
 * Queue many emails in the caller's transaction, a thousand rows per INSERT (a launch or an import
 * of thousands of endorsements), with one wake-up of the mail workers on commit. Same promise as
 * `enqueueMail`: they exist if and only if the transaction commits.
 */
export async function enqueueMails(trx: DbOrTx, mails: readonly QueuedMail[], now: Date): Promise<void> {
  for (let i = 0; i < mails.length; i += BATCH) {
    await trx
      .insertInto('email_outbox')
      .values(
        mails.slice(i, i + BATCH).map((m) => ({
          template: m.template,
          locale: m.locale,
          to_address: m.to,
          data: JSON.stringify(m.data),
          endorsement_id: m.endorsementId ?? null,
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
  if (mails.length) {
    await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(trx);
  }
}
