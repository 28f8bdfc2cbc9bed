import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Statement, StatementStatus } from '../db/database.js';

/**
 * The rules of a statement's public life, in one place: what readers are told about it, and whether
 * it takes endorsements. Submitting, confirming and resending all ask `isAcceptingEndorsements`.
 */

/** What readers are told: an open statement whose closing date has passed is closed, whatever its row says. */
export function effectiveStatus(status: StatementStatus, closesAt: Date | null, now: Date): StatementStatus {
  return status === 'open' && closesAt && closesAt <= now ? 'closed' : status;
}

/** A statement accepts endorsements while open and before its closing date. */
export function isAcceptingEndorsements(
  statement: Pick<Statement, 'status' | 'closes_at'>,
  now: Date,
): boolean {
  return statement.status === 'open' && (!statement.closes_at || statement.closes_at > now);
}

/**
 * THE embargo rule (README "Launching a statement"): a statement with a `launch_at` that has not
 * been launched yet shows its text and form by link, but its list to nobody. Launching (the timed
 * task, the CLI, the editor's "Launch now") sets `launched_at`; until then every public view of the
 * list is empty — `listVisibleSql` below is the same rule for the queries that feed them.
 */
export function isEmbargoed(statement: Pick<Statement, 'launch_at' | 'launched_at'>): boolean {
  return statement.launch_at !== null && statement.launched_at === null;
}

/**
 * The embargo rule in SQL, for every query that reads a statement's public list (counts, pages,
 * API, CSV, live events, pictures): true when the list may be shown. Uncorrelated, so PostgreSQL
 * evaluates it once per query (a one-time filter), not once per row.
 */
export function listVisibleSql(statementId: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from statements where id = ${statementId} and launch_at is not null and launched_at is null)`;
}
