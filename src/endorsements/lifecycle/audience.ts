import type { DbOrTx, UpdateAudience } from '../../db/database.js';

/** One address an update goes to, with the endorsement its language, name and links come from. */
export interface UpdateRecipient {
  endorsementId: number;
  email: string;
  locale: string;
  organisation: string;
}

/**
 * THE rule "who receives an update" (README "Updates to endorsers"): endorsements of the statement
 * that are confirmed or public (never pending, rejected or withdrawn), with an address (never
 * erased); for `opted_in`, only those who ticked "send me news" and have not unsubscribed since.
 * `all_endorsers` is for service notices (launch, delivery, a changed text): they reach every such
 * endorser while the endorsement stands — withdrawing is how to stop them. One per distinct address
 * (the newest endorsement gives its language and name).
 */
export function updateRecipientsQuery(db: DbOrTx, statementId: number, audience: UpdateAudience) {
  let q = db
    .selectFrom('endorsements as e')
    .where('e.statement_id', '=', statementId)
    .where('e.status', 'in', ['confirmed', 'verified'])
    .where('e.email', 'is not', null)
    .where('e.email_normalised', 'is not', null)
    .where('e.erased_at', 'is', null);
  if (audience === 'opted_in') {
    q = q.where('e.updates_opt_in', '=', true).where('e.unsubscribed_at', 'is', null);
  }
  return q;
}

/** Every recipient, one per distinct address, in address order. */
export async function updateRecipients(
  db: DbOrTx,
  statementId: number,
  audience: UpdateAudience,
): Promise<UpdateRecipient[]> {
  const rows = await updateRecipientsQuery(db, statementId, audience)
    .distinctOn('e.email_normalised')
    .select(['e.id', 'e.email', 'e.locale', 'e.display_name'])
    .orderBy('e.email_normalised')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((r) => ({
    endorsementId: r.id,
    email: r.email!,
    locale: r.locale,
    organisation: r.display_name,
  }));
}

/** How many distinct addresses `updateRecipients` would return (the count staff see before sending). */
export async function countUpdateRecipients(
  db: DbOrTx,
  statementId: number,
  audience: UpdateAudience,
): Promise<number> {
  const row = await updateRecipientsQuery(db, statementId, audience)
    .select((eb) => eb.fn.count<string>('e.email_normalised').distinct().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
