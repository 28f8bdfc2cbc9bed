import { recordAudit, type Actor } from '../../audit/audit.js';
import type { LifecycleDeps } from './context.js';
import { decide } from './decide.js';
import { loadForTransition } from './load.js';
import type { DecisionOutcome } from './outcomes.js';
import { isPublic } from './states.js';

/**
 * Staff mark an endorsement as one of the statement's initiators, or no longer (README "Launching
 * a statement"): no change of state; audited; a listed one moves under "Initiated by" on open pages.
 */
export async function setInitiator(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  initiator: boolean,
): Promise<DecisionOutcome> {
  return decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id, { lock: true });
    if (!e) {
      return { kind: 'not-found' };
    }
    const updated = await trx
      .updateTable('endorsements')
      .set({ initiator, updated_at: now })
      .where('id', '=', id)
      .where('initiator', '=', !initiator)
      .returning(['status', 'published_at'])
      .executeTakeFirst();
    if (!updated) {
      return { kind: 'done', statementId: e.statement_id };
    }
    await recordAudit(
      trx,
      actor,
      {
        action: initiator ? 'endorsement.initiator' : 'endorsement.initiator-removed',
        statementId: e.statement_id,
        endorsementId: id,
        details: { organisation: e.display_name },
      },
      now,
    );
    if (isPublic(updated)) {
      // Its place on the page changes: open pages fetch the list again.
      await announce({ kind: 'reset', statementId: e.statement_id });
    }
    return { kind: 'done', statementId: e.statement_id };
  });
}
