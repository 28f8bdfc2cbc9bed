import { recordAudit, type Actor } from '../audit/audit.js';
import { transact, type LocalCaches } from '../changes/transact.js';
import type { Db } from '../db/database.js';

/**
 * Set (or clear) the deadline for endorsing the statement's current version, audited. False when
 * the statement has had no substantive change (there is nothing to re-confirm).
 */
export async function setReconfirmDeadline(
  deps: { db: Db; live?: LocalCaches | undefined },
  now: Date,
  actor: Actor,
  statementId: number,
  deadline: Date | null,
): Promise<boolean> {
  return transact(deps, async (trx) => {
    const current = await trx
      .selectFrom('statement_amendments as a')
      .innerJoin('statements as s', (j) =>
        j.onRef('s.id', '=', 'a.statement_id').onRef('s.version', '=', 'a.version'),
      )
      .select(['a.version', 'a.deadline'])
      .where('a.statement_id', '=', statementId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!current) {
      return false;
    }
    await trx
      .updateTable('statement_amendments')
      .set({ deadline })
      .where('statement_id', '=', statementId)
      .where('version', '=', current.version)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.deadline',
        statementId,
        details: {
          version: current.version,
          from: current.deadline?.toISOString() ?? null,
          to: deadline?.toISOString() ?? null,
        },
      },
      now,
    );
    return true;
  });
}
