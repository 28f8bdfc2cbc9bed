import { notifyLiveChange } from '../live/notify.js';
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, DbOrTx } from '../db/database.js';
import { recordAudit, type Actor } from '../staff/audit.js';

/** The placeholder name of an endorsement that was never (or is no longer) public once erased. */
export const ERASED_NAME = '[erased]';

const toAddress = (email: string) => sql<boolean>`lower(trim(to_address)) = ${email}`;

/** Every endorsement held for this address (normalised), with the slug of its statement, oldest first. */
export async function endorsementsOfEmail(db: DbOrTx, emailNormalised: string) {
  return db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .selectAll('e')
    .select('s.slug as statement_slug')
    .where('e.email_normalised', '=', emailNormalised)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** A public endorsement: on the statement's list now (the organisation's endorsement stands after erasure). */
export const isListed = (e: { status: string; published_at: Date | null }) => e.published_at !== null && (e.status === 'confirmed' || e.status === 'verified');

/**
 * Everything held about one email address (right of access): its endorsements with every field,
 * the mail queued or sent to it, and the audit entries about those endorsements.
 */
export async function exportPersonalData(db: DbOrTx, emailNormalised: string, now: Date) {
  const endorsements = await endorsementsOfEmail(db, emailNormalised);
  const ids = endorsements.map((e) => e.id);
  const emails = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where((eb) => (ids.length ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', ids)]) : toAddress(emailNormalised)))
    .orderBy('id')
    .execute();
  const audit = ids.length
    ? await db.selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'statement_id', 'endorsement_id', 'details']).where('endorsement_id', 'in', ids).orderBy('id').execute()
    : [];
  return { email: emailNormalised, generatedAt: now.toISOString(), endorsements, emails, audit };
}

export interface ErasureResult {
  endorsementIds: number[];
  mailsDeleted: number;
}

/**
 * Erase one person (DESIGN §8). Each endorsement becomes an anonymous tombstone: contact, comment,
 * staff note, rejection reason and IP hash go, `erased_at` is set. A listed organisation stays
 * listed (the organisation endorsed, not the person); an endorsement that is not listed keeps no
 * name or details either, since a small branch's name can point at one person, and a pending one
 * is withdrawn so its old confirmation link can never publish it. Mail to the address is deleted.
 * The audit entry names the endorsements and counts, never the address. Run inside the caller's
 * transaction so all of it happens or none.
 */
export async function erasePersonalData(trx: Transaction<Database>, emailNormalised: string, actor: Actor, now: Date): Promise<ErasureResult> {
  const rows = await trx
    .selectFrom('endorsements')
    .select(['id', 'status', 'published_at'])
    .where('email_normalised', '=', emailNormalised)
    .orderBy('id')
    .forUpdate()
    .execute();
  const ids = rows.map((r) => r.id);
  const hidden = rows.filter((r) => !isListed(r)).map((r) => r.id);
  if (ids.length) {
    await trx
      .updateTable('endorsements')
      .set({ contact_name: null, contact_role: null, email: null, email_normalised: null, comment: null, staff_note: null, rejection_reason: null, ip_hash: null, updates_opt_in: false, erased_at: now, updated_at: now })
      .where('id', 'in', ids)
      .execute();
  }
  if (hidden.length) {
    await trx.updateTable('endorsements').set({ display_name: ERASED_NAME, city: null, website: null, members: null }).where('id', 'in', hidden).execute();
    // Pending and not-yet-listed confirmed rows leave the workflow: nothing erased can later be verified or published.
    await trx.updateTable('endorsements').set({ status: 'withdrawn', withdrawn_at: now }).where('id', 'in', hidden).where('status', 'in', ['pending', 'confirmed']).execute();
  }
  const mail = await trx
    .deleteFrom('email_outbox')
    .where((eb) => (ids.length ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', ids)]) : toAddress(emailNormalised)))
    .executeTakeFirst();
  const mailsDeleted = Number(mail.numDeletedRows);
  // Listed rows keep their public fields, but counts and caches carry updatedAt: every process refreshes.
  const statementIds = await trx.selectFrom('endorsements').select('statement_id').distinct().where('id', 'in', ids.length ? ids : [0]).execute();
  for (const { statement_id } of statementIds) await notifyLiveChange(trx, { kind: 'changed', statementId: statement_id });
  await recordAudit(trx, actor, { action: 'privacy.erase', details: { endorsements: ids.length, endorsementIds: ids, mailsDeleted } }, now);
  return { endorsementIds: ids, mailsDeleted };
}

/** How much an erasure would touch, for the confirmation step. */
export async function countMailsOf(db: DbOrTx, emailNormalised: string, endorsementIds: number[]): Promise<number> {
  const r = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => (endorsementIds.length ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', endorsementIds)]) : toAddress(emailNormalised)))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
