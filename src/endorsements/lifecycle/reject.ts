import { recordAudit, type Actor } from '../../audit/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { enqueueRejectedMail } from '../mails.js';
import type { LifecycleDeps } from './context.js';
import { alreadyDecided, decide } from './decide.js';
import { loadForTransition, mailTargetOf } from './load.js';
import type { DecisionOutcome } from './outcomes.js';
import { isPublic } from './states.js';
import { decisionMailAfter } from './undo-window.js';

/**
 * Transition: confirmed → rejected, by staff, with a reason kept for the record; the signer is
 * emailed only if staff chose to tell them, once the undo window has passed. If it was public (publish_on=confirmed) it leaves the
 * list at once.
 */
export async function rejectEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  reason: string,
  tell: boolean,
  /** Rejected from the queue's "reject as duplicate of …": the endorsement it duplicates. */
  duplicateOf?: number,
): Promise<DecisionOutcome> {
  return decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id);
    if (!e) {
      return { kind: 'not-found' };
    }
    if (e.status !== 'confirmed') {
      return alreadyDecided(trx, id);
    }
    if (!(await setRejected(trx, id, 'confirmed', { now, actor, reason }))) {
      return alreadyDecided(trx, id);
    }
    const told = tell && !!e.email && !e.erased_at;
    await recordAudit(
      trx,
      actor,
      {
        action: 'endorsement.reject',
        statementId: e.statement_id,
        endorsementId: id,
        details: {
          organisation: e.display_name,
          reason,
          signerTold: told,
          ...(duplicateOf ? { duplicateOf } : {}),
        },
      },
      now,
    );
    if (told) {
      await enqueueRejectedMail(
        trx,
        deps,
        { ...mailTargetOf(e, e.email!), reason },
        now,
        decisionMailAfter(now),
      );
    }
    if (isPublic(e)) {
      await announce({ kind: 'withdrawn', statementId: e.statement_id, endorsementId: id });
    }
    return { kind: 'done', statementId: e.statement_id, mail: told };
  });
}

/**
 * The guarded update both ways into `rejected` share (a decision on a confirmed endorsement, and
 * unlisting a verified one): true when this call made the change, false when someone else decided first.
 */
export async function setRejected(
  trx: DbOrTx,
  id: number,
  from: 'confirmed' | 'verified',
  by: { now: Date; actor: Actor; reason: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable('endorsements')
    .set({
      status: 'rejected',
      rejected_at: by.now,
      rejection_reason: by.reason,
      decided_by: by.actor.id,
      updated_at: by.now,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}
