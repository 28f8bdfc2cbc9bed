import type { EndorsementStatus } from '../../db/database.js';
import { transact } from '../../changes/transact.js';
import { enqueueWithdrawnMail } from '../mails.js';
import type { LifecycleDeps } from './context.js';
import { loadForTransition, mailTargetOf } from './load.js';
import { isPublic } from './states.js';

export type WithdrawOutcome =
  | { kind: 'withdrawn'; wasPublic: boolean; previous: EndorsementStatus }
  | { kind: 'already' }
  | { kind: 'missing' };

/**
 * Transition: any state → withdrawn, by the signer's emailed link (whatever the statement's state:
 * a signer can always take their name back). Guarded by the state read under a row lock. A public
 * endorsement leaves the list at once; `published_at` is kept (the tombstone says it was public). A
 * receipt goes to the address, so the signer learns of it even if someone else used a forwarded link.
 */
export async function withdrawEndorsement(
  deps: LifecycleDeps,
  now: Date,
  id: number,
): Promise<WithdrawOutcome> {
  const outcome = await transact(deps, async (trx, announce): Promise<WithdrawOutcome> => {
    const e = await loadForTransition(trx, id, { lock: true });
    if (!e) {
      return { kind: 'missing' };
    }
    if (e.status === 'withdrawn') {
      return { kind: 'already' };
    }
    const r = await trx
      .updateTable('endorsements')
      .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', e.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      return { kind: 'already' };
    }
    const wasPublic = isPublic(e);
    if (wasPublic) {
      await announce({ kind: 'withdrawn', statementId: e.statement_id, endorsementId: id });
    }
    if (e.email) {
      await enqueueWithdrawnMail(trx, deps, mailTargetOf(e, e.email), now);
    }
    return { kind: 'withdrawn', wasPublic, previous: e.status };
  });
  if (outcome.kind === 'withdrawn') {
    deps.mailSignal();
  }
  return outcome;
}
