import { recordAudit, type Actor } from '../audit/audit.js';
import type { DbOrTx, Endorsement } from '../db/database.js';
import { csvDocument } from '../views/csv.js';

/** The staff export's columns: every field of an endorsement, contact details included. */
const COLUMNS = [
  'id',
  'status',
  'organisation',
  'type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'language',
  'updates_opt_in',
  'comment',
  'staff_note',
  'rejection_reason',
  'text_version',
  'created_at',
  'confirmed_at',
  'verified_at',
  'rejected_at',
  'withdrawn_at',
  'published_at',
] as const;

/**
 * Every endorsement of a statement with its contact details, for staff; the export itself is an
 * audited action (personal data leaving the system). Undefined when there is no such statement.
 */
export async function exportEndorsements(db: DbOrTx, now: Date, actor: Actor, statementId: number) {
  const statement = await db
    .selectFrom('statements')
    .select(['id', 'slug'])
    .where('id', '=', statementId)
    .executeTakeFirst();
  if (!statement) {
    return undefined;
  }
  const rows = await db
    .selectFrom('endorsements')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await recordAudit(
    db,
    actor,
    { action: 'statement.export', statementId, details: { rows: rows.length } },
    now,
  );
  return { statement, rows };
}

/** The export as a CSV file (the one CSV writer: quoted, neutralised, BOM, CRLF). */
export function endorsementsCsv(rows: Endorsement[]): string {
  return csvDocument(
    [...COLUMNS],
    rows.map((e) => [
      e.id,
      e.status,
      e.display_name,
      e.org_type,
      e.country,
      e.city,
      e.website,
      e.members,
      e.contact_name,
      e.contact_role,
      e.email,
      e.locale,
      e.updates_opt_in ? 'yes' : 'no',
      e.comment,
      e.staff_note,
      e.rejection_reason,
      e.text_version,
      e.created_at,
      e.confirmed_at,
      e.verified_at,
      e.rejected_at,
      e.withdrawn_at,
      e.published_at,
    ]),
  );
}
