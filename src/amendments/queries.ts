import type { DbOrTx, EndorsementStatus } from '../db/database.js';
import { endorsesCurrentVersion, STANDING_STATUSES } from '../endorsements/lifecycle/index.js';

export interface AmendmentState {
  version: number;
  /** The latest substantive change, when there was one. */
  amendment: { summary: string; createdAt: Date; deadline: Date | null; locale: string } | undefined;
  /** Standing endorsements (confirmed or verified) in all. */
  standing: number;
  /** Those of them that have not endorsed the current version, by name. */
  outdated: Array<{
    id: number;
    name: string;
    country: string;
    status: EndorsementStatus;
    version: number;
    listed: boolean;
  }>;
}

/** What the staff page shows: the statement's current version and who has not endorsed it yet. */
export async function amendmentState(db: DbOrTx, statementId: number): Promise<AmendmentState | undefined> {
  const statement = await db
    .selectFrom('statements')
    .select(['id', 'version'])
    .where('id', '=', statementId)
    .executeTakeFirst();
  if (!statement) {
    return undefined;
  }
  const amendment = await db
    .selectFrom('statement_amendments')
    .select(['summary', 'created_at', 'deadline', 'locale'])
    .where('statement_id', '=', statementId)
    .where('version', '=', statement.version)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('endorsements')
    .select(['id', 'display_name', 'country', 'status', 'statement_version', 'published_at'])
    .where('statement_id', '=', statementId)
    .where('status', 'in', [...STANDING_STATUSES])
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return {
    version: statement.version,
    amendment: amendment
      ? {
          summary: amendment.summary,
          createdAt: amendment.created_at,
          deadline: amendment.deadline,
          locale: amendment.locale,
        }
      : undefined,
    standing: rows.length,
    outdated: rows
      .filter((r) => !endorsesCurrentVersion(r.statement_version, statement.version))
      .map((r) => ({
        id: Number(r.id),
        name: r.display_name,
        country: r.country,
        status: r.status,
        version: r.statement_version,
        listed: r.published_at !== null,
      })),
  };
}
