import { recordAudit, type Actor } from '../../audit/audit.js';
import type { OrgType } from '../../db/database.js';
import type { LifecycleDeps } from './context.js';
import { alreadyDecided, decide } from './decide.js';
import { loadForTransition } from './load.js';
import type { DecisionOutcome } from './outcomes.js';
import { isPublic } from './states.js';

export interface Correction {
  display_name: string;
  city: string | null;
  org_type: OrgType;
}

/**
 * Staff fix the public spelling of a name, a city or a type (no change of state); a listed
 * endorsement updates live. Not while pending (the signer has not confirmed what they sent),
 * withdrawn or erased.
 */
export async function correctEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  fix: Correction,
): Promise<DecisionOutcome> {
  return decide(deps, id, async (trx, announce) => {
    const e = await loadForTransition(trx, id);
    if (!e) {
      return { kind: 'not-found' };
    }
    if (e.status === 'withdrawn' || e.status === 'pending' || e.erased_at) {
      return { kind: 'not-editable', statementId: e.statement_id, status: e.status };
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['display_name', 'city', 'org_type'] as const) {
      if ((e[key] ?? null) !== (fix[key] ?? null)) {
        changes[key] = { from: e[key], to: fix[key] };
      }
    }
    if (!Object.keys(changes).length) {
      return { kind: 'done', statementId: e.statement_id };
    }
    const updated = await trx
      .updateTable('endorsements')
      .set({ display_name: fix.display_name, city: fix.city, org_type: fix.org_type, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', e.status)
      .returning(['status', 'published_at'])
      .executeTakeFirst();
    if (!updated) {
      return alreadyDecided(trx, id);
    }
    await recordAudit(
      trx,
      actor,
      { action: 'endorsement.correct', statementId: e.statement_id, endorsementId: id, details: { changes } },
      now,
    );
    if (isPublic(updated)) {
      await announce({ kind: 'changed', statementId: e.statement_id, endorsementId: id });
    }
    return { kind: 'done', statementId: e.statement_id };
  });
}

/** A private note for other staff (never public), kept in the audit log as well. */
export async function noteEndorsement(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  id: number,
  note: string | null,
): Promise<DecisionOutcome> {
  return decide(deps, id, async (trx) => {
    const e = await loadForTransition(trx, id);
    if (!e) {
      return { kind: 'not-found' };
    }
    if ((e.staff_note ?? null) === note) {
      return { kind: 'done', statementId: e.statement_id };
    }
    await trx
      .updateTable('endorsements')
      .set({ staff_note: note, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'endorsement.note',
        statementId: e.statement_id,
        endorsementId: id,
        details: { from: e.staff_note, to: note },
      },
      now,
    );
    return { kind: 'done', statementId: e.statement_id };
  });
}
