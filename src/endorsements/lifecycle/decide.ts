import type { Transaction } from 'kysely';
import type { Announce } from '../../changes/transact.js';
import { transact } from '../../changes/transact.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/unique.js';
import type { LifecycleDeps } from './context.js';
import type { DecisionOutcome } from './outcomes.js';

/** The unique index that keeps one public endorsement per organisation per statement (sql/0001_init.sql). */
const ONE_PUBLIC_PER_ORGANISATION = 'endorsements_one_public_per_org';

/** The outcome for a request that lost a race: who decided, and how (read after the winner committed). */
export async function alreadyDecided(trx: DbOrTx, id: number): Promise<DecisionOutcome> {
  const row = await trx
    .selectFrom('endorsements as e')
    .leftJoin('staff_users as u', 'u.id', 'e.decided_by')
    .select(['e.statement_id', 'e.status', 'u.name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return { kind: 'not-found' };
  }
  return {
    kind: 'already-decided',
    statementId: row.statement_id,
    status: row.status,
    by: row.name,
  };
}

/**
 * Run one staff decision in one transaction (guarded update, audit entry, mail, announcement),
 * wake the mail worker if it queued mail, and turn a lost race on the one-public-per-organisation
 * index (two endorsements of one organisation verified at the same moment) into its plain outcome.
 */
export async function decide(
  deps: LifecycleDeps,
  id: number,
  work: (trx: Transaction<Database>, announce: Announce) => Promise<DecisionOutcome & { mail?: boolean }>,
): Promise<DecisionOutcome> {
  try {
    const outcome = await transact(deps, work);
    if (outcome.kind === 'done' && outcome.mail) {
      deps.mailSignal();
    }
    return outcome.kind === 'done' ? { kind: 'done', statementId: outcome.statementId } : outcome;
  } catch (err) {
    if (isUniqueViolation(err, ONE_PUBLIC_PER_ORGANISATION)) {
      const row = await deps.db
        .selectFrom('endorsements')
        .select('statement_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return { kind: 'organisation-public', statementId: row?.statement_id ?? 0 };
    }
    throw err;
  }
}
