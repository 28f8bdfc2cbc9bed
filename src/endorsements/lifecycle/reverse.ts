import { recordAudit, type Actor } from '../../audit/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { DECISION_TEMPLATES, enqueueRejectedMail } from '../mails.js';
import { otherPublicEndorsement } from '../organisations.js';
import type { LifecycleDeps } from './context.js';
import { alreadyDecided, decide } from './decide.js';
import { loadForTransition, mailTargetOf } from './load.js';
import type { DecisionOutcome } from './outcomes.js';
import { setRejected } from './reject.js';
import { isPublic } from './states.js';
import { canUndo } from './undo-window.js';

/**
 * Cancel a decision's mail that has not left yet (it is held for the undo window): the signer is
 * never told of a decision that was taken back. Answers how many were cancelled.
 */
async function cancelHeldDecisionMail(trx: DbOrTx, id: number): Promise<number> {
  const r = await trx
    .deleteFrom('email_outbox')
    .where('endorsement_id', '=', id)
    .where('template', 'in', [DECISION_TEMPLATES.published, DECISION_TEMPLATES.rejected])
    .where('status', '=', 'queued')
    .where('attempts', '=', 0)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Transitions: verified | rejected → confirmed, back in the queue. `undo` is the notice's button:
 * only within UNDO_WINDOW_MS of the decision and only by the staff member who took it. `reopen` is
 * "reopen for review" from the decided list, at any time, by any staff member. Either way the
 * endorsement is public again only where the statement publishes confirmed endorsements (and no
 * other endorsement of the organisation is listed meanwhile); a decision mail still held is
 * cancelled; nothing is sent — the next decision tells the signer. One transaction with its
 * audit entry and the live list's news.
 */
export async function reopenEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  mode: 'undo' | 'reopen',
): Promise<DecisionOutcome & { organisation?: string }> {
  let organisation: string | undefined;
  const outcome = await decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id, { lock: true });
    if (!e) {
      return { kind: 'not-found' };
    }
    organisation = e.display_name;
    if ((e.status !== 'verified' && e.status !== 'rejected') || e.erased_at) {
      return e.status === 'confirmed'
        ? { kind: 'not-editable', statementId: e.statement_id, status: e.status }
        : alreadyDecided(trx, id);
    }
    if (mode === 'undo' && !canUndo(e, actor.id, now)) {
      return { kind: 'too-late', statementId: e.statement_id };
    }
    const listed = e.publish_on === 'confirmed';
    if (
      listed &&
      !isPublic(e) &&
      (await otherPublicEndorsement(trx, e.statement_id, e.organisation_id, id)) !== undefined
    ) {
      return { kind: 'organisation-public', statementId: e.statement_id };
    }
    const publishedAt = listed ? (e.published_at ?? now) : null;
    const updated = await trx
      .updateTable('endorsements')
      .set({
        status: 'confirmed',
        verified_at: null,
        rejected_at: null,
        rejection_reason: null,
        decided_by: null,
        published_at: publishedAt,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', e.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      return alreadyDecided(trx, id);
    }
    const mailCancelled = (await cancelHeldDecisionMail(trx, id)) > 0;
    await recordAudit(
      trx,
      actor,
      {
        action: mode === 'undo' ? 'endorsement.undo' : 'endorsement.reopen',
        statementId: e.statement_id,
        endorsementId: id,
        details: { organisation: e.display_name, from: e.status, mailCancelled },
      },
      now,
    );
    const was = isPublic(e);
    const is = publishedAt !== null;
    if (was || is) {
      await announce({
        kind: was && is ? 'changed' : is ? 'published' : 'withdrawn',
        statementId: e.statement_id,
        endorsementId: id,
      });
    }
    return { kind: 'done', statementId: e.statement_id };
  });
  return { ...outcome, organisation };
}

/**
 * Transition: verified → rejected, later ("unlist"): the organisation leaves the public list at
 * once, with a reason kept for the record; the signer is emailed the reason only if staff chose
 * to tell them (at once: this is a considered decision, not a tap in the queue).
 */
export async function unlistEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  reason: string,
  tell: boolean,
): Promise<DecisionOutcome & { organisation?: string }> {
  let organisation: string | undefined;
  const outcome = await decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id, { lock: true });
    if (!e) {
      return { kind: 'not-found' };
    }
    organisation = e.display_name;
    if (e.status !== 'verified') {
      return { kind: 'not-editable', statementId: e.statement_id, status: e.status };
    }
    if (!(await setRejected(trx, id, 'verified', { now, actor, reason }))) {
      return alreadyDecided(trx, id);
    }
    // A "now listed" mail still held is moot: the signer hears only the outcome.
    const mailCancelled = (await cancelHeldDecisionMail(trx, id)) > 0;
    const told = tell && !!e.email && !e.erased_at;
    await recordAudit(
      trx,
      actor,
      {
        action: 'endorsement.unlist',
        statementId: e.statement_id,
        endorsementId: id,
        details: { organisation: e.display_name, reason, signerTold: told, mailCancelled },
      },
      now,
    );
    if (told) {
      await enqueueRejectedMail(trx, deps, { ...mailTargetOf(e, e.email!), reason }, now);
    }
    if (isPublic(e)) {
      await announce({ kind: 'withdrawn', statementId: e.statement_id, endorsementId: id });
    }
    return { kind: 'done', statementId: e.statement_id, mail: told };
  });
  return { ...outcome, organisation };
}
