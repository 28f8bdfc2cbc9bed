import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { hintLocalChange } from './local-hint.js';

/** Channel every process LISTENs on to update its counts and SSE clients (DESIGN §6). */
export const LIVE_CHANNEL = 'undersigned_live';

export type LiveChange =
  /** An endorsement became public (confirmed with publish_on=confirmed, or verified). */
  | { kind: 'published'; statementId: number; endorsementId: number }
  /** A public endorsement left the list (withdrawn, or erased). */
  | { kind: 'withdrawn'; statementId: number; endorsementId: number }
  /** Public fields of a listed endorsement or the statement itself changed. */
  | { kind: 'changed'; statementId: number; endorsementId?: number };

/**
 * Announce a change to the public list inside the transaction that makes it: NOTIFY is delivered
 * on commit only, to every process on the database, so no one shows a change that rolled back.
 */
export async function notifyLiveChange(trx: DbOrTx, change: LiveChange): Promise<void> {
  await sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(change)})`.execute(trx);
  hintLocalChange(change.statementId, change.kind === 'changed' && change.endorsementId === undefined);
}
