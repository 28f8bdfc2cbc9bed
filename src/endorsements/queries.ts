import type { DbOrTx, EndorsementStatus, OrgType, PublishOn, StatementStatus } from '../db/database.js';
import { notifyLiveChange } from '../live/notify.js';
import { otherPublicEndorsement } from './organisations.js';

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
}

/** Load the endorsement a signed link points to (undefined when purged or never existed). */
export async function findLinkedEndorsement(db: DbOrTx, id: number): Promise<LinkedEndorsement | undefined> {
  const row = await db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .select([
      'e.id', 'e.statement_id', 'e.status', 'e.display_name', 'e.org_type', 'e.country', 'e.city', 'e.website', 'e.locale',
      'e.email', 'e.published_at', 'e.resend_count', 's.slug', 's.publish_on', 's.status as statement_status',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
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
  };
}

/** The title a signer reads in their language, else the authoritative text's. */
export async function statementTitle(db: DbOrTx, statementId: number, locale: string): Promise<string> {
  const rows = await db
    .selectFrom('statement_texts')
    .select(['locale', 'title', 'authoritative'])
    .where('statement_id', '=', statementId)
    .execute();
  const pick = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.authoritative) ?? rows[0];
  return pick?.title ?? '';
}

/** The version that counts: what the authoritative text says now (DESIGN §4 "text version signed"). */
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

export type ConfirmResult =
  | { kind: 'confirmed'; published: boolean }
  /** Not pending any more: the state it is in, for the page. */
  | { kind: 'not-pending'; status: EndorsementStatus }
  | { kind: 'missing' };

/**
 * pending → confirmed in one guarded UPDATE. When the statement publishes on confirmation, the same
 * UPDATE sets published_at — unless this organisation is already public on the statement, in which
 * case it is confirmed but not listed twice (a race that slips past the NOT EXISTS hits the unique
 * index; the caller retries the transaction, which then sees the other row).
 */
export async function confirmEndorsement(trx: DbOrTx, id: number, now: Date): Promise<ConfirmResult> {
  const current = await trx
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .select(['e.status', 'e.statement_id', 'e.organisation_id', 's.publish_on'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!current) return { kind: 'missing' };
  if (current.status !== 'pending') return { kind: 'not-pending', status: current.status };
  const version = await authoritativeVersion(trx, current.statement_id);
  let publish = current.publish_on === 'confirmed';
  if (publish) {
    const listed = await otherPublicEndorsement(trx, current.statement_id, current.organisation_id, id);
    if (listed !== undefined) publish = false;
  }
  const updated = await trx
    .updateTable('endorsements')
    .set({ status: 'confirmed', confirmed_at: now, text_version: version, updated_at: now, ...(publish ? { published_at: now } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('published_at')
    .executeTakeFirst();
  if (!updated) {
    const again = await trx.selectFrom('endorsements').select('status').where('id', '=', id).executeTakeFirst();
    return again ? { kind: 'not-pending', status: again.status } : { kind: 'missing' };
  }
  if (publish) await notifyLiveChange(trx, { kind: 'published', statementId: current.statement_id, endorsementId: id });
  return { kind: 'confirmed', published: publish };
}

export type WithdrawResult =
  | { kind: 'withdrawn'; wasPublic: boolean; previous: EndorsementStatus }
  | { kind: 'already' }
  | { kind: 'missing' };

/**
 * Any state → withdrawn, guarded by the state read under a row lock. A public endorsement leaves the
 * list at once: the live hub hears of it on commit. published_at is kept (the tombstone says it was public).
 */
export async function withdrawEndorsement(trx: DbOrTx, id: number, now: Date): Promise<WithdrawResult> {
  const current = await trx
    .selectFrom('endorsements')
    .select(['status', 'statement_id', 'published_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) return { kind: 'missing' };
  if (current.status === 'withdrawn') return { kind: 'already' };
  const r = await trx
    .updateTable('endorsements')
    .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', current.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return { kind: 'already' };
  const wasPublic = current.published_at !== null && (current.status === 'confirmed' || current.status === 'verified');
  if (wasPublic) await notifyLiveChange(trx, { kind: 'withdrawn', statementId: current.statement_id, endorsementId: id });
  return { kind: 'withdrawn', wasPublic, previous: current.status };
}

/** PostgreSQL's unique_violation, on pg and PGlite alike. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Run a transaction again when it lost a race on a unique index (two submissions with one email,
 * two confirmations of one organisation): the retry sees the winner's row and takes the other path.
 */
export async function retryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
