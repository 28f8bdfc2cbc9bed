import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/** Channel the mail workers LISTEN on, so a queued mail is sent at once by whichever process is free. */
export const MAIL_CHANNEL = 'undersigned_mail';

export interface QueuedMail {
  /** A template name in emails/: `<template>.<locale>.txt` and `.html`. */
  template: string;
  locale: string;
  to: string;
  /** Template variables; strings only, already formatted for the locale. */
  data: Record<string, string>;
  endorsementId?: number | null;
}

/**
 * Queue an email in the same transaction as the change that causes it (DESIGN §1 "nothing lost"):
 * if the transaction commits, the mail will be sent; if it rolls back, it never existed.
 * Only mail/ talks SMTP.
 */
export async function enqueueMail(trx: DbOrTx, mail: QueuedMail, now: Date): Promise<number> {
  const row = await trx
    .insertInto('email_outbox')
    .values({
      template: mail.template,
      locale: mail.locale,
      to_address: mail.to,
      data: JSON.stringify(mail.data),
      endorsement_id: mail.endorsementId ?? null,
      next_attempt_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Delivered to listeners only when the transaction commits.
  await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(trx);
  return row.id;
}
