import { recordAudit, type Actor } from '../../audit/audit.js';
import { enqueuePublishedMail } from '../mails.js';
import { otherPublicEndorsement } from '../organisations.js';
import type { LifecycleDeps } from './context.js';
import { alreadyDecided, decide } from './decide.js';
import { loadForTransition, mailTargetOf } from './load.js';
import type { DecisionOutcome } from './outcomes.js';
import { decisionMailAfter } from './undo-window.js';

/**
 * Transition: confirmed → verified, by staff. One guarded UPDATE (… WHERE status = 'confirmed'), in
 * one transaction with its audit entry, the signer's "now listed" email and the live list's news.
 * Of two staff acting at once, one wins; the other is told who decided. The mail is held for the
 * undo window (undo-window.ts), so an undone verification never reaches the signer.
 */
export async function verifyEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
): Promise<DecisionOutcome> {
  return decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id);
    if (!e) {
      return { kind: 'not-found' };
    }
    if (e.status !== 'confirmed') {
      return alreadyDecided(trx, id);
    }
    // Already public since confirmation (publish_on was or is 'confirmed'): it stays listed, in its place.
    const alreadyPublic = e.published_at !== null;
    if (
      !alreadyPublic &&
      (await otherPublicEndorsement(trx, e.statement_id, e.organisation_id, id)) !== undefined
    ) {
      return { kind: 'organisation-public', statementId: e.statement_id };
    }
    const updated = await trx
      .updateTable('endorsements')
      .set({
        status: 'verified',
        verified_at: now,
        decided_by: actor.id,
        updated_at: now,
        ...(alreadyPublic ? {} : { published_at: now }),
      })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      return alreadyDecided(trx, id);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'endorsement.verify',
        statementId: e.statement_id,
        endorsementId: id,
        details: { organisation: e.display_name },
      },
      now,
    );
    const mail = !!e.email && !e.erased_at;
    if (mail) {
      await enqueuePublishedMail(trx, deps, mailTargetOf(e, e.email!), now, decisionMailAfter(now));
    }
    await announce(
      alreadyPublic
        ? { kind: 'changed', statementId: e.statement_id, endorsementId: id }
        : { kind: 'published', statementId: e.statement_id, endorsementId: id },
    );
    return { kind: 'done', statementId: e.statement_id, mail };
  });
}
