import type { Transaction } from 'kysely';
import type { Database, DbOrTx, EndorsementStatus, OrgType } from '../db/database.js';
import type { Deps } from '../deps.js';
import { withdrawUrl } from '../endorsements/tokens.js';
import { isLocale } from '../i18n/i18n.js';
import { notifyLiveChange } from '../live/notify.js';
import { otherPublicEndorsement } from '../endorsements/organisations.js';
import { enqueueMail } from '../mail/outbox.js';
import { isUniqueViolation } from './accounts.js';
import { recordAudit, type Actor } from './audit.js';

export type DecisionDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'secret' | 'mailSignal'>;

export type DecisionOutcome =
  | { ok: true; statementId: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-decided'; statementId: number; status: EndorsementStatus; by: string | null }
  | { ok: false; reason: 'organisation-public'; statementId: number }
  | { ok: false; reason: 'not-editable'; statementId: number; status: EndorsementStatus };

const PUBLIC_INDEX = 'endorsements_one_public_per_org';
const isPublic = (e: { status: EndorsementStatus; published_at: Date | null }) => e.published_at !== null && (e.status === 'confirmed' || e.status === 'verified');

async function loadForDecision(trx: DbOrTx, id: number) {
  return trx
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .select([
      'e.id', 'e.statement_id', 'e.organisation_id', 'e.status', 'e.published_at', 'e.email', 'e.locale', 'e.display_name',
      'e.city', 'e.org_type', 'e.staff_note', 'e.erased_at', 's.slug', 's.publish_on',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** The outcome for a request that lost: who decided, and how (read after the winner committed). */
async function alreadyDecided(trx: DbOrTx, id: number): Promise<DecisionOutcome> {
  const row = await trx
    .selectFrom('endorsements as e')
    .leftJoin('staff_users as u', 'u.id', 'e.decided_by')
    .select(['e.statement_id', 'e.status', 'u.name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'not-found' };
  return { ok: false, reason: 'already-decided', statementId: row.statement_id, status: row.status, by: row.name };
}

/** Title and link for emails, in the signer's language when the statement has it. */
async function mailContext(trx: DbOrTx, deps: DecisionDeps, e: { statement_id: number; slug: string; locale: string }) {
  const texts = await trx.selectFrom('statement_texts').select(['locale', 'title', 'authoritative']).where('statement_id', '=', e.statement_id).execute();
  const text = texts.find((t) => t.locale === e.locale) ?? texts.find((t) => t.authoritative) ?? texts[0];
  const lang = isLocale(e.locale) ? `?lang=${e.locale}` : '';
  return { statementTitle: text?.title ?? e.slug, statementUrl: `${deps.config.publicUrl}/s/${e.slug}${lang}` };
}

async function run(deps: DecisionDeps, id: number, body: (trx: Transaction<Database>) => Promise<DecisionOutcome & { mail?: boolean }>): Promise<DecisionOutcome> {
  try {
    const outcome = await deps.db.transaction().execute(body);
    if (outcome.ok && outcome.mail) deps.mailSignal();
    if (outcome.ok) return { ok: true, statementId: outcome.statementId };
    return outcome;
  } catch (err) {
    // Two endorsements of one organisation verified at the same moment: the index lets one through.
    if (isUniqueViolation(err, PUBLIC_INDEX)) {
      const row = await deps.db.selectFrom('endorsements').select('statement_id').where('id', '=', id).executeTakeFirst();
      return { ok: false, reason: 'organisation-public', statementId: row?.statement_id ?? 0 };
    }
    throw err;
  }
}

/**
 * Staff accept an endorsement: one guarded UPDATE (… WHERE status = 'confirmed'), in one transaction
 * with its audit entry, the signer's "now listed" email and the live-list notification. Of two staff
 * acting at once, one wins; the other is told who decided.
 */
export async function verifyEndorsement(deps: DecisionDeps, actor: Actor, id: number): Promise<DecisionOutcome> {
  const now = deps.clock.now();
  return run(deps, id, async (trx) => {
    const e = await loadForDecision(trx, id);
    if (!e) return { ok: false, reason: 'not-found' };
    if (e.status !== 'confirmed') return alreadyDecided(trx, id);
    // Already public since confirmation (publish_on was or is 'confirmed'): it stays listed, in its place.
    const alreadyPublic = e.published_at !== null;
    if (!alreadyPublic) {
      const other = await otherPublicEndorsement(trx, e.statement_id, e.organisation_id, id);
      if (other !== undefined) return { ok: false, reason: 'organisation-public', statementId: e.statement_id };
    }
    const updated = await trx
      .updateTable('endorsements')
      .set({ status: 'verified', verified_at: now, decided_by: actor.id, updated_at: now, ...(alreadyPublic ? {} : { published_at: now }) })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .returning('id')
      .executeTakeFirst();
    if (!updated) return alreadyDecided(trx, id);
    await recordAudit(trx, actor, { action: 'endorsement.verify', statementId: e.statement_id, endorsementId: id, details: { organisation: e.display_name } }, now);
    if (e.email && !e.erased_at) {
      const ctx = await mailContext(trx, deps, e);
      await enqueueMail(
        trx,
        {
          template: 'endorsement-published',
          locale: e.locale,
          to: e.email,
          endorsementId: id,
          data: { organisation: e.display_name, ...ctx, withdrawUrl: withdrawUrl(deps.config.publicUrl, deps.secret, id, now) },
        },
        now,
      );
    }
    await notifyLiveChange(trx, alreadyPublic ? { kind: 'changed', statementId: e.statement_id, endorsementId: id } : { kind: 'published', statementId: e.statement_id, endorsementId: id });
    return { ok: true, statementId: e.statement_id, mail: !!e.email };
  });
}

/**
 * Staff refuse an endorsement, with a reason kept for the record; the signer is emailed only if
 * staff chose to tell them. If it was public (publish_on=confirmed) it leaves the list at once.
 */
export async function rejectEndorsement(deps: DecisionDeps, actor: Actor, id: number, reason: string, tell: boolean): Promise<DecisionOutcome> {
  const now = deps.clock.now();
  return run(deps, id, async (trx) => {
    const e = await loadForDecision(trx, id);
    if (!e) return { ok: false, reason: 'not-found' };
    if (e.status !== 'confirmed') return alreadyDecided(trx, id);
    const updated = await trx
      .updateTable('endorsements')
      .set({ status: 'rejected', rejected_at: now, rejection_reason: reason, decided_by: actor.id, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .returning('id')
      .executeTakeFirst();
    if (!updated) return alreadyDecided(trx, id);
    const told = tell && !!e.email && !e.erased_at;
    await recordAudit(trx, actor, { action: 'endorsement.reject', statementId: e.statement_id, endorsementId: id, details: { organisation: e.display_name, reason, signerTold: told } }, now);
    if (told) {
      const ctx = await mailContext(trx, deps, e);
      await enqueueMail(trx, { template: 'endorsement-rejected', locale: e.locale, to: e.email!, endorsementId: id, data: { organisation: e.display_name, reason, ...ctx } }, now);
    }
    if (isPublic(e)) await notifyLiveChange(trx, { kind: 'withdrawn', statementId: e.statement_id, endorsementId: id });
    return { ok: true, statementId: e.statement_id, mail: told };
  });
}

export interface Correction {
  display_name: string;
  city: string | null;
  org_type: OrgType;
}

/** Fix the public spelling of a name, a city or a type; a listed endorsement updates live. */
export async function correctEndorsement(deps: DecisionDeps, actor: Actor, id: number, fix: Correction): Promise<DecisionOutcome> {
  const now = deps.clock.now();
  return run(deps, id, async (trx) => {
    const e = await loadForDecision(trx, id);
    if (!e) return { ok: false, reason: 'not-found' };
    if (e.status === 'withdrawn' || e.status === 'pending' || e.erased_at) return { ok: false, reason: 'not-editable', statementId: e.statement_id, status: e.status };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['display_name', 'city', 'org_type'] as const) if ((e[key] ?? null) !== (fix[key] ?? null)) changes[key] = { from: e[key], to: fix[key] };
    if (!Object.keys(changes).length) return { ok: true, statementId: e.statement_id };
    const updated = await trx
      .updateTable('endorsements')
      .set({ display_name: fix.display_name, city: fix.city, org_type: fix.org_type, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', e.status)
      .returning(['status', 'published_at'])
      .executeTakeFirst();
    if (!updated) return alreadyDecided(trx, id);
    await recordAudit(trx, actor, { action: 'endorsement.correct', statementId: e.statement_id, endorsementId: id, details: { changes } }, now);
    if (isPublic(updated)) await notifyLiveChange(trx, { kind: 'changed', statementId: e.statement_id, endorsementId: id });
    return { ok: true, statementId: e.statement_id };
  });
}

/** A private note for other staff (never public), kept in the audit log as well. */
export async function noteEndorsement(deps: DecisionDeps, actor: Actor, id: number, note: string | null): Promise<DecisionOutcome> {
  const now = deps.clock.now();
  return run(deps, id, async (trx) => {
    const e = await loadForDecision(trx, id);
    if (!e) return { ok: false, reason: 'not-found' };
    if ((e.staff_note ?? null) === note) return { ok: true, statementId: e.statement_id };
    await trx.updateTable('endorsements').set({ staff_note: note, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'endorsement.note', statementId: e.statement_id, endorsementId: id, details: { from: e.staff_note, to: note } }, now);
    return { ok: true, statementId: e.statement_id };
  });
}
