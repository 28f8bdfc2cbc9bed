import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/** Channel every process LISTENs on to update its caches and live streams. */
export const LIVE_CHANNEL = 'undersigned_live';

export type LiveChange =
  /** An endorsement became public (confirmed with publish_on=confirmed, or verified). */
  | { kind: 'published'; statementId: number; endorsementId: number }
  /** A public endorsement left the list (withdrawn, rejected, or erased). */
  | { kind: 'withdrawn'; statementId: number; endorsementId: number }
  /** Public fields of a listed endorsement changed, or (without endorsementId) the statement itself. */
  | { kind: 'changed'; statementId: number; endorsementId?: number }
  /** The list changed wholesale (a launch ended an embargo, an import): readers fetch it again. */
  | { kind: 'reset'; statementId: number };

/**
 * Announce a change of what the public sees, inside the transaction that makes it: PostgreSQL
 * delivers a NOTIFY on commit only, to every process on the database, so no process ever shows a
 * change that rolled back. Use `transact` (./transact.ts), which also tells this process at once.
 */
export async function announceChange(trx: DbOrTx, change: LiveChange): Promise<void> {
  await sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(change)})`.execute(trx);
}

/** Whether a change concerns the statement itself (its row or texts) rather than one endorsement. */
export const isStatementChange = (change: LiveChange) =>
  change.kind === 'reset' || (change.kind === 'changed' && change.endorsementId === undefined);
