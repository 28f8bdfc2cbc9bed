import type { DbOrTx } from '../../db/database.js';

export type UnsubscribeOutcome =
  | { kind: 'unsubscribed'; statementId: number; locale: string }
  | { kind: 'already'; statementId: number; locale: string }
  | { kind: 'missing' };

/**
 * Stop a statement's news (updates with audience `opted_in`) for the address of this endorsement:
 * every endorsement of the same statement with that address is marked, so one click is enough
 * whichever of them the mail came from. Idempotent (a second click, a mail provider's one-click POST
 * and the person's own click all land here). Service notices still arrive while an endorsement
 * stands (README "Unsubscribe"). The endorser's own act: not in the staff audit log.
 */
export async function unsubscribeFromNews(
  db: DbOrTx,
  now: Date,
  endorsementId: number,
): Promise<UnsubscribeOutcome> {
  const e = await db
    .selectFrom('endorsements')
    .select(['statement_id', 'email_normalised', 'locale', 'unsubscribed_at'])
    .where('id', '=', endorsementId)
    .executeTakeFirst();
  if (!e) {
    return { kind: 'missing' };
  }
  const base = { statementId: e.statement_id, locale: e.locale };
  if (!e.email_normalised) {
    // Erased: nothing is sent to it any more.
    return { kind: 'already', ...base };
  }
  const r = await db
    .updateTable('endorsements')
    .set({ unsubscribed_at: now })
    .where('statement_id', '=', e.statement_id)
    .where('email_normalised', '=', e.email_normalised)
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0 ? { kind: 'unsubscribed', ...base } : { kind: 'already', ...base };
}
