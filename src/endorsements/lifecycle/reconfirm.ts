import { transact } from '../../changes/transact.js';
import type { EndorsementStatus } from '../../db/database.js';
import type { LifecycleDeps } from './context.js';
import { loadForTransition } from './load.js';
import { endorsesCurrentVersion, isPublic, STANDING_STATUSES } from './states.js';

export type ReconfirmOutcome =
  | { kind: 'reconfirmed'; slug: string }
  /** It endorses that version already (a second press, a replayed link). */
  | { kind: 'already'; slug: string }
  /** A newer amendment came since this link was sent: its own mail carries the link that counts. */
  | { kind: 'superseded'; slug: string }
  /** Withdrawn, rejected or still pending: nothing to re-confirm. */
  | { kind: 'not-standing'; slug: string; status: EndorsementStatus }
  | { kind: 'missing' };

/**
 * Transition: an endorsement of an earlier version → the statement's current version, by the
 * signer's emailed re-confirmation link (README "Amending a statement"). The link names the version
 * it re-confirms on; one guarded UPDATE (… WHERE statement_version < v), so a double press changes
 * nothing twice. A listed endorsement loses its "endorsed an earlier version" mark on every page at once.
 */
export async function reconfirmEndorsement(
  deps: LifecycleDeps,
  now: Date,
  id: number,
  version: number,
): Promise<ReconfirmOutcome> {
  return transact(deps, async (trx, announce): Promise<ReconfirmOutcome> => {
    const e = await loadForTransition(trx, id, { lock: true });
    if (!e) {
      return { kind: 'missing' };
    }
    if (!(STANDING_STATUSES as readonly string[]).includes(e.status) || e.erased_at) {
      return { kind: 'not-standing', slug: e.slug, status: e.status };
    }
    if (endorsesCurrentVersion(e.statement_version, version)) {
      return { kind: 'already', slug: e.slug };
    }
    if (version !== e.current_version) {
      return { kind: 'superseded', slug: e.slug };
    }
    const r = await trx
      .updateTable('endorsements')
      .set({ statement_version: version, updated_at: now })
      .where('id', '=', id)
      .where('statement_version', '<', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      return { kind: 'already', slug: e.slug };
    }
    if (isPublic(e)) {
      await announce({ kind: 'changed', statementId: e.statement_id, endorsementId: id });
    }
    return { kind: 'reconfirmed', slug: e.slug };
  });
}
