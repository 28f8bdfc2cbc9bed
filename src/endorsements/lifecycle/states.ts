import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { EndorsementStatus } from '../../db/database.js';

/**
 * The states of an endorsement (docs/ARCHITECTURE.md has the diagram):
 *
 *   pending ──confirm──▶ confirmed ──verify──▶ verified
 *      │                     │ └───reject──▶ rejected
 *      └──────────── withdraw (from any state) ──────────▶ withdrawn
 *
 * A statement's `publish_on` says which state makes an endorsement public: `confirmed` publishes
 * on confirmation, `verified` (the default) only once staff accept it. `published_at` is set at
 * that moment and kept afterwards, so a withdrawn tombstone still says it was once public.
 */
export { ENDORSEMENT_STATUSES, type EndorsementStatus } from '../../db/database.js';

/** The states in which an endorsement with a `published_at` is on the public list. */
export const PUBLIC_STATUSES = ['confirmed', 'verified'] as const satisfies readonly EndorsementStatus[];

/** THE rule "is this endorsement public", for a row already loaded. */
export function isPublic(e: { status: EndorsementStatus; published_at: Date | string | null }): boolean {
  return e.published_at !== null && (e.status === 'confirmed' || e.status === 'verified');
}

/**
 * The same rule in SQL, for every query about the public list (pages, API, CSV, counts, live
 * events, duplicates). Written with literals exactly as the partial indexes' predicate in
 * sql/0001_init.sql, so PostgreSQL can prove a query may use them — also for prepared statements.
 * `alias` is the table's alias in the query (`e` in `endorsements as e`), if any.
 */
export function publicSql(alias?: string): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<SqlBool>`(${col('published_at')} is not null and ${col('status')} in ('confirmed', 'verified'))`;
}

/**
 * THE rule "did this endorsement endorse the statement's current version" (README "Amending a
 * statement"): a substantive change moves the statement's version on; an endorsement keeps the one
 * it endorsed until it re-confirms. The public list, the JSON, the CSV, the live events and the
 * staff pages all ask this; `outdatedSql` below is the same rule for the queries that pick who is
 * mailed or removed.
 */
export function endorsesCurrentVersion(endorsed: number, current: number): boolean {
  return endorsed >= current;
}

/** The endorsements of `alias` that endorsed an earlier version than `current` (see `endorsesCurrentVersion`). */
export function outdatedSql(current: number, alias?: string): RawBuilder<SqlBool> {
  const col = sql.ref(alias ? `${alias}.statement_version` : 'statement_version');
  return sql<SqlBool>`${col} < ${current}`;
}

/**
 * The endorsements an amendment concerns: public or awaiting verification, not withdrawn, rejected
 * or erased (README "Amending a statement"). Pending ones endorse the text current when they confirm.
 */
export const STANDING_STATUSES = ['confirmed', 'verified'] as const satisfies readonly EndorsementStatus[];
