import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx, Endorsement, OrgType } from '../db/database.js';
import { ORG_TYPES } from '../db/database.js';
import { endorsesCurrentVersion, publicSql } from '../endorsements/lifecycle/states.js';
import { listVisibleSql } from '../statements/rules.js';

/** One signatory as the world sees it (JSON, CSV, SSE): never a contact field. */
export interface PublicItem {
  id: number;
  name: string;
  type: OrgType;
  country: string;
  city: string | null;
  website: string | null;
  members: number | null;
  publishedAt: string;
  /** Listed first, under "Initiated by" (README "Launching a statement"). */
  initiator: boolean;
  /** The statement's version this organisation endorsed (README "Amending a statement"). */
  version: number;
  /** False while it has endorsed only an earlier version: listed, marked "endorsed an earlier version". */
  currentVersion: boolean;
}

const PUBLIC_COLUMNS = [
  'e.id',
  'e.display_name',
  'e.org_type',
  'e.country',
  'e.city',
  'e.website',
  'e.members',
  'e.published_at',
  'e.initiator',
  'e.statement_version',
] as const;

/** What a public list query selects: the public columns, nothing else (contact data never leaves the table). */
type PublicRow = Pick<
  Endorsement,
  | 'id'
  | 'display_name'
  | 'org_type'
  | 'country'
  | 'city'
  | 'website'
  | 'members'
  | 'published_at'
  | 'initiator'
  | 'statement_version'
> & { current_version: number };

/** A website is shown as a link only when it is plain http(s): anything else could run script. */
export function safeWebsite(url: string | null): string | null {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

function toItem(r: PublicRow): PublicItem {
  return {
    id: Number(r.id),
    name: r.display_name,
    type: r.org_type,
    country: r.country,
    city: r.city || null,
    website: safeWebsite(r.website),
    members: r.members === null ? null : Number(r.members),
    publishedAt: new Date(r.published_at ?? 0).toISOString(),
    initiator: r.initiator,
    version: r.statement_version,
    currentVersion: endorsesCurrentVersion(r.statement_version, Number(r.current_version)),
  };
}

/** The statement's current version beside every row: uncorrelated, so evaluated once per query. */
const currentVersion = (statementId: number) =>
  sql<number>`(select version from statements where id = ${statementId})`.as('current_version');

/** The public list of a statement — empty while it is under embargo (statements/rules.ts). */
function publicRows(db: DbOrTx, statementId: number) {
  return db
    .selectFrom('endorsements as e')
    .where('e.statement_id', '=', statementId)
    .where(publicSql('e'))
    .where(listVisibleSql(statementId))
    .select(currentVersion(statementId));
}

/** The listed endorsements among `ids` (others — withdrawn since, or never public — are left out). */
export async function findPublicItems(
  db: DbOrTx,
  statementId: number,
  ids: number[],
): Promise<Map<number, PublicItem>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await publicRows(db, statementId).select(PUBLIC_COLUMNS).where('e.id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), toItem(r)]));
}

/**
 * Whether the statement's list may be shown at all (false under embargo): live events that take a
 * name off the list ask it, since a removal is news about the list too.
 */
export async function isListVisible(db: DbOrTx, statementId: number): Promise<boolean> {
  const r = await sql<{ visible: boolean }>`select ${listVisibleSql(statementId)} as visible`.execute(db);
  return r.rows[0]?.visible === true;
}

export interface Cursor {
  publishedAt: string;
  id: number;
}

/**
 * One page of the API list in publication order, by keyset on the public index: page N costs the
 * same as page 1. The cursor carries the timestamp as PostgreSQL printed it (microseconds intact).
 */
export async function listPublicByCursor(
  db: DbOrTx,
  statementId: number,
  limit: number,
  after?: Cursor,
): Promise<{ items: PublicItem[]; next: Cursor | null }> {
  let q = publicRows(db, statementId).select([...PUBLIC_COLUMNS, sql<string>`e.published_at::text`.as('pa')]);
  if (after) {
    q = q.where(sql<SqlBool>`(e.published_at, e.id) > (${after.publishedAt}::timestamptz, ${after.id})`);
  }
  const rows = await q
    .orderBy('e.published_at')
    .orderBy('e.id')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    next: more && last ? { publishedAt: last.pa, id: Number(last.id) } : null,
  };
}

export interface ListFilter {
  q?: string | undefined;
  country?: string | undefined;
  type?: OrgType | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function filtered(db: DbOrTx, statementId: number, f: ListFilter) {
  let q = publicRows(db, statementId);
  if (f.country) {
    q = q.where('e.country', '=', f.country);
  }
  if (f.type) {
    q = q.where('e.org_type', '=', f.type);
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('e.display_name', 'ilike', pattern), eb('e.city', 'ilike', pattern)]));
  }
  return q;
}

/** Groups follow the reader's alphabet: countries in the order given (sorted by localised name). */
// A constant like `0` would be read by PostgreSQL as "ORDER BY column 0": callers skip the rank when there are no countries.
function countryRank(order: readonly string[]): Expression<number> {
  return sql<number>`case e.country ${sql.join(
    order.map((code, i) => sql`when ${code} then ${sql.lit(i)}`),
    sql` `,
  )} else ${sql.lit(order.length)} end`;
}

/** A page of the on-page list: grouped by country (reader's order), then by name. */
export async function listGroupedPage(
  db: DbOrTx,
  statementId: number,
  f: ListFilter,
  countryOrder: readonly string[],
  offset: number,
  limit: number,
): Promise<PublicItem[]> {
  const rows = await filtered(db, statementId, f)
    .select(PUBLIC_COLUMNS)
    // Initiators first ("Initiated by"), then the rest by country.
    .orderBy('e.initiator', 'desc')
    .$if(countryOrder.length > 0, (q) => q.orderBy(countryRank(countryOrder)))
    .orderBy(sql`lower(e.display_name)`)
    .orderBy('e.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map(toItem);
}

/** How many match a search (the unfiltered total comes from the cached counts). */
export async function countFiltered(db: DbOrTx, statementId: number, f: ListFilter): Promise<number> {
  const row = await filtered(db, statementId, f)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every signatory, grouped by country then type, for the print page. */
export async function listAllGrouped(
  db: DbOrTx,
  statementId: number,
  countryOrder: readonly string[],
): Promise<PublicItem[]> {
  const typeRank = sql<number>`case e.org_type ${sql.join(
    ORG_TYPES.map((t, i) => sql`when ${t} then ${sql.lit(i)}`),
    sql` `,
  )} end`;
  const rows = await publicRows(db, statementId)
    .select(PUBLIC_COLUMNS)
    .$if(countryOrder.length > 0, (q) => q.orderBy(countryRank(countryOrder)))
    .orderBy(typeRank)
    .orderBy(sql`lower(e.display_name)`)
    .orderBy('e.id')
    .execute();
  return rows.map(toItem);
}

/** Every signatory in publication order, for the CSV. */
export async function listAllByPublication(db: DbOrTx, statementId: number): Promise<PublicItem[]> {
  const rows = await publicRows(db, statementId)
    .select(PUBLIC_COLUMNS)
    .orderBy('e.published_at')
    .orderBy('e.id')
    .execute();
  return rows.map(toItem);
}
