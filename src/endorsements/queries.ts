import type { DbOrTx, EndorsementStatus, OrgType, PublishOn, StatementStatus } from '../db/database.js';

/** How many times one pending endorsement's link is re-sent; past it we answer the same and send nothing. */
export const RESEND_CAP = 5;

/** What a confirm/withdraw page needs: the endorsement as entered and its statement. */
export interface LinkedEndorsement {
  id: number;
  statementId: number;
  status: EndorsementStatus;
  displayName: string;
  orgType: OrgType;
  country: string;
  city: string | null;
  website: string | null;
  locale: string;
  email: string | null;
  publishedAt: Date | null;
  resendCount: number;
  slug: string;
  publishOn: PublishOn;
  statementStatus: StatementStatus;
  statementClosesAt: Date | null;
  /** The statement version this endorsement endorsed, and the statement's current one (README "Amending a statement"). */
  endorsedVersion: number;
  statementVersion: number;
}

/** Load the endorsement a signed link points to (undefined when purged or never existed). */
export async function findLinkedEndorsement(db: DbOrTx, id: number): Promise<LinkedEndorsement | undefined> {
  const row = await db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .select([
      'e.id',
      'e.statement_id',
      'e.status',
      'e.display_name',
      'e.org_type',
      'e.country',
      'e.city',
      'e.website',
      'e.locale',
      'e.email',
      'e.published_at',
      'e.resend_count',
      's.slug',
      's.publish_on',
      's.status as statement_status',
      's.closes_at as statement_closes_at',
      'e.statement_version',
      's.version as current_version',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  return {
    id: row.id,
    statementId: row.statement_id,
    status: row.status,
    displayName: row.display_name,
    orgType: row.org_type,
    country: row.country,
    city: row.city,
    website: row.website,
    locale: row.locale,
    email: row.email,
    publishedAt: row.published_at,
    resendCount: row.resend_count,
    slug: row.slug,
    publishOn: row.publish_on,
    statementStatus: row.statement_status,
    statementClosesAt: row.statement_closes_at,
    endorsedVersion: row.statement_version,
    statementVersion: row.current_version,
  };
}

/** The version that counts: what the authoritative text says now (recorded as the version a signer confirmed). */
export async function authoritativeVersion(db: DbOrTx, statementId: number): Promise<string | null> {
  const row = await db
    .selectFrom('statement_texts')
    .select('version')
    .where('statement_id', '=', statementId)
    .orderBy('authoritative', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.version ?? null;
}

/** The pending endorsement of this address on this statement, locked so a concurrent re-send waits. */
export async function findPendingByEmail(trx: DbOrTx, statementId: number, emailNormalised: string) {
  return trx
    .selectFrom('endorsements')
    .select(['id', 'resend_count', 'display_name', 'email', 'locale'])
    .where('statement_id', '=', statementId)
    .where('email_normalised', '=', emailNormalised)
    .where('status', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Count one more re-send, guarded by the cap in the same UPDATE, so two simultaneous requests
 * cannot both pass it. True when a mail may be sent.
 */
export async function countResend(trx: DbOrTx, id: number, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('endorsements')
    .set((eb) => ({ resend_count: eb('resend_count', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('resend_count', '<', RESEND_CAP)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Endorsements past their email confirmation (whatever came after): what a text change affects. */
export async function countConfirmedEndorsements(db: DbOrTx, statementId: number): Promise<number> {
  const row = await db
    .selectFrom('endorsements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('statement_id', '=', statementId)
    .where('status', '!=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
