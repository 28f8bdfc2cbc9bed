import { sql } from 'kysely';
import { retryOnUniqueViolation } from '../../db/unique.js';
import type { EndorsementStatus } from '../../db/database.js';
import { transact } from '../../changes/transact.js';
import { isAcceptingEndorsements } from '../../statements/rules.js';
import { enqueueConfirmedMail } from '../mails.js';
import { otherPublicEndorsement } from '../organisations.js';
import { authoritativeVersion } from '../queries.js';
import type { LifecycleDeps } from './context.js';
import { loadForTransition, mailTargetOf } from './load.js';

export type ConfirmOutcome =
  | { kind: 'confirmed'; published: boolean }
  /** Not pending any more: the state it is in, for the page. */
  | { kind: 'not-pending'; status: EndorsementStatus }
  /** The statement takes no confirmations now (closed, past its closing date, back to draft). */
  | { kind: 'closed' }
  | { kind: 'missing' };

/**
 * Transition: pending → confirmed, by the signer's emailed link. One guarded UPDATE (… WHERE status
 * = 'pending'), so a double click or a replayed link changes nothing twice. It records the text
 * version the signer confirmed, and — on a statement that publishes on confirmation — publishes in
 * the same UPDATE, unless this organisation is already public there (confirmed, not listed twice;
 * a race that slips past that check hits the unique index and the transaction runs again, seeing
 * the other row). Then the email with the withdraw link, and the live list told, all in one
 * transaction.
 */
export async function confirmEndorsement(
  deps: LifecycleDeps,
  now: Date,
  id: number,
): Promise<ConfirmOutcome> {
  const outcome = await retryOnUniqueViolation(() =>
    transact(deps, async (trx, announce): Promise<ConfirmOutcome> => {
      const e = await loadForTransition(trx, id);
      if (!e) {
        return { kind: 'missing' };
      }
      if (e.status !== 'pending') {
        return { kind: 'not-pending', status: e.status };
      }
      if (!isAcceptingEndorsements({ status: e.statement_status, closes_at: e.closes_at }, now)) {
        return { kind: 'closed' };
      }
      const version = await authoritativeVersion(trx, e.statement_id);
      const publish =
        e.publish_on === 'confirmed' &&
        (await otherPublicEndorsement(trx, e.statement_id, e.organisation_id, id)) === undefined;
      const updated = await trx
        .updateTable('endorsements')
        .set({
          status: 'confirmed',
          confirmed_at: now,
          text_version: version,
          // The signer confirms the text as it reads now: the statement's current version.
          statement_version: sql<number>`(select version from statements where id = ${e.statement_id})`,
          updated_at: now,
          ...(publish ? { published_at: now } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      if (!updated) {
        const again = await trx
          .selectFrom('endorsements')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirst();
        return again ? { kind: 'not-pending', status: again.status } : { kind: 'missing' };
      }
      if (publish) {
        await announce({ kind: 'published', statementId: e.statement_id, endorsementId: id });
      }
      if (e.email) {
        await enqueueConfirmedMail(
          trx,
          deps,
          mailTargetOf(e, e.email),
          { published: publish, publishOn: e.publish_on },
          now,
        );
      }
      return { kind: 'confirmed', published: publish };
    }),
  );
  if (outcome.kind === 'confirmed') {
    deps.mailSignal();
  }
  return outcome;
}
