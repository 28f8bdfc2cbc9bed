import { recordAudit, type Actor } from '../../audit/audit.js';
import { transact } from '../../changes/transact.js';
import type { LifecycleDeps } from './context.js';
import { outdatedSql, STANDING_STATUSES } from './states.js';

export type RemoveOutdatedOutcome =
  | { kind: 'removed'; count: number; version: number }
  | { kind: 'not-found' }
  /** The statement was never amended substantively: everyone endorses its current version. */
  | { kind: 'no-amendment' }
  /** No deadline set yet, or it has not passed: endorsers still have time to re-confirm. */
  | { kind: 'before-deadline'; deadline: Date | null };

/**
 * Transition: every standing endorsement of an earlier version → withdrawn, in one audited staff
 * action, once the deadline staff set for re-confirming has passed (README "Amending a statement").
 * Like a withdrawal, the rows stay as tombstones (`published_at` kept); the audit entry lists them.
 * The public list and counts change everywhere at once: one `reset` announcement.
 */
export async function removeOutdatedEndorsements(
  deps: Pick<LifecycleDeps, 'db' | 'live'>,
  now: Date,
  actor: Actor,
  statementId: number,
): Promise<RemoveOutdatedOutcome> {
  return transact(deps, async (trx, announce): Promise<RemoveOutdatedOutcome> => {
    // The statement row locked: an amendment or a second removal waits for this one.
    const statement = await trx
      .selectFrom('statements')
      .select(['id', 'version'])
      .where('id', '=', statementId)
      .forUpdate()
      .executeTakeFirst();
    if (!statement) {
      return { kind: 'not-found' };
    }
    const amendment = await trx
      .selectFrom('statement_amendments')
      .select(['version', 'deadline'])
      .where('statement_id', '=', statementId)
      .where('version', '=', statement.version)
      .executeTakeFirst();
    if (!amendment) {
      return { kind: 'no-amendment' };
    }
    if (!amendment.deadline || amendment.deadline > now) {
      return { kind: 'before-deadline', deadline: amendment.deadline };
    }
    const removed = await trx
      .updateTable('endorsements')
      .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
      .where('statement_id', '=', statementId)
      .where('status', 'in', [...STANDING_STATUSES])
      .where(outdatedSql(statement.version))
      .returning(['id', 'published_at', 'display_name'])
      .execute();
    const listed = removed.filter((r) => r.published_at !== null).length;
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.remove',
        statementId,
        details: {
          version: statement.version,
          deadline: amendment.deadline.toISOString(),
          count: removed.length,
          listed,
          endorsements: removed.map((r) => ({ id: Number(r.id), name: r.display_name })),
        },
      },
      now,
    );
    if (removed.length) {
      await announce({ kind: 'reset', statementId });
    }
    return { kind: 'removed', count: removed.length, version: statement.version };
  });
}
