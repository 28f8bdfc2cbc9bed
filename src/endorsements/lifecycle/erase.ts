import type { Transaction } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit.js';
import { transact, type Announce } from '../../changes/transact.js';
import type { Database } from '../../db/database.js';
import { toAddress } from '../../mail/outbox.js';
import type { LifecycleDeps } from './context.js';
import { isPublic } from './states.js';

/** The placeholder name of an endorsement that was never (or is no longer) public once erased. */
export const ERASED_NAME = '[erased]';

export interface ErasureResult {
  endorsementIds: number[];
  mailsDeleted: number;
}

/**
 * Transition: any state → erased, by staff on a person's request (README "Privacy"). Each
 * endorsement becomes an anonymous tombstone: contact, comment,
 * staff note, rejection reason and IP hash go, `erased_at` is set. A listed organisation stays
 * listed (the organisation endorsed, not the person); an endorsement that is not listed keeps no
 * name or details either, since a small branch's name can point at one person, and a pending one
 * is withdrawn so its old confirmation link can never publish it. Mail to the address is deleted.
 * The audit entry names the endorsements and counts, never the address. All of it happens in one
 * transaction, or none.
 */
export async function eraseEmail(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  emailNormalised: string,
): Promise<ErasureResult> {
  return transact(deps, (trx, announce) => erase(trx, announce, now, actor, emailNormalised));
}

async function erase(
  trx: Transaction<Database>,
  announce: Announce,
  now: Date,
  actor: Actor,
  emailNormalised: string,
): Promise<ErasureResult> {
  const rows = await trx
    .selectFrom('endorsements')
    .select(['id', 'status', 'published_at'])
    .where('email_normalised', '=', emailNormalised)
    .orderBy('id')
    .forUpdate()
    .execute();
  const ids = rows.map((r) => r.id);
  const hidden = rows.filter((r) => !isPublic(r)).map((r) => r.id);
  if (ids.length) {
    await trx
      .updateTable('endorsements')
      .set({
        contact_name: null,
        contact_role: null,
        email: null,
        email_normalised: null,
        comment: null,
        staff_note: null,
        rejection_reason: null,
        ip_hash: null,
        updates_opt_in: false,
        erased_at: now,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .execute();
  }
  if (hidden.length) {
    await trx
      .updateTable('endorsements')
      .set({ display_name: ERASED_NAME, city: null, website: null, members: null })
      .where('id', 'in', hidden)
      .execute();
    // Pending and not-yet-listed confirmed rows leave the workflow: nothing erased can later be verified or published.
    await trx
      .updateTable('endorsements')
      .set({ status: 'withdrawn', withdrawn_at: now })
      .where('id', 'in', hidden)
      .where('status', 'in', ['pending', 'confirmed'])
      .execute();
  }
  const mail = await trx
    .deleteFrom('email_outbox')
    .where((eb) =>
      ids.length
        ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', ids)])
        : toAddress(emailNormalised),
    )
    .executeTakeFirst();
  const mailsDeleted = Number(mail.numDeletedRows);
  // Listed rows keep their public fields, but counts and caches carry updatedAt: every process refreshes.
  const statementIds = await trx
    .selectFrom('endorsements')
    .select('statement_id')
    .distinct()
    .where('id', 'in', ids.length ? ids : [0])
    .execute();
  for (const { statement_id } of statementIds) {
    await announce({ kind: 'changed', statementId: statement_id });
  }
  await recordAudit(
    trx,
    actor,
    { action: 'privacy.erase', details: { endorsements: ids.length, endorsementIds: ids, mailsDeleted } },
    now,
  );
  return { endorsementIds: ids, mailsDeleted };
}
