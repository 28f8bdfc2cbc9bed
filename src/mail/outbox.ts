import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import type { MailData } from './templates.js';

/** Channel the mail workers LISTEN on, so a queued mail is sent at once by whichever process is free. */
export const MAIL_CHANNEL = 'undersigned_mail';

export interface QueuedMail {
  /** A message in emails/: `<template>.txt` and `.html`, in the language `locale`. */
  template: string;
  locale: string;
  to: string;
  /** Template data, camelCase: text already formatted for the locale, or yes/no for a {{#section}}. */
  data: MailData;
  endorsementId?: number | null;
  /** The update it belongs to (bulk lane only: enqueueBulkMails). */
  updateId?: number | null;
  /** Hold the mail until then (a staff decision's mail waits out its undo window); default: at once. */
  sendAfter?: Date | undefined;
}

/** Transactional mail (confirmations, receipts) goes first; bulk mail (updates) when none is due. */
export const LANE = { transactional: 0, bulk: 1 } as const;
export type Lane = (typeof LANE)[keyof typeof LANE];

/**
 * Queue an email in the same transaction as the change that causes it (nothing lost: docs/ARCHITECTURE.md):
 * if the transaction commits, the mail will be sent; if it rolls back, it never existed.
 * Only mail/ talks SMTP.
 */
export async function enqueueMail(trx: DbOrTx, mail: QueuedMail, now: Date): Promise<number> {
  // One statement: the row, and the NOTIFY that wakes the workers — delivered to listeners only when
  // the transaction commits (at once when `trx` is not in one).
  const { rows } = await sql<{ id: number }>`
    with m as (
      insert into email_outbox (template, locale, to_address, data, endorsement_id, next_attempt_at, created_at)
      values (${mail.template}, ${mail.locale}, ${mail.to}, ${JSON.stringify(mail.data)},
        ${mail.endorsementId ?? null}, ${mail.sendAfter && mail.sendAfter > now ? mail.sendAfter : now}, ${now})
      returning id)
    select id, pg_notify(${MAIL_CHANNEL}, '') from m`.execute(trx);
  return Number(rows[0]!.id);
}

/** Mail to an address, whatever its case and spacing (erasure and data export find it this way). */
export const toAddress = (emailNormalised: string) =>
  sql<boolean>`lower(trim(to_address)) = ${emailNormalised}`;
