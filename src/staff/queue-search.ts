import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, DbOrTx, Endorsement } from '../db/database.js';
import { normaliseOrgName } from '../endorsements/organisations.js';
import { checkEmailDomain } from './domains.js';
import { describeEndorsements, QUEUE_PAGE_SIZE, type QueueItem } from './queue.js';
import { findSimilar } from './queue-similar.js';
import { searchTerms, type QueueCursor, type QueueFilter } from './queue-filter.js';

/** Counting stops here: "more than 1,000" is all a verifier needs, and a count must not walk a flood. */
export const QUEUE_COUNT_CAP = 1000;
/**
 * Filters the database cannot answer (the domain check and possible duplicates are decided in
 * code) look at this many rows per page at most, then offer to look further: a page costs the
 * same whatever the size of the queue.
 */
export const QUEUE_SCAN_MAX = 500;
const SCAN_CHUNK = 100;

export interface QueueResult {
  items: QueueItem[];
  /** Rows of the unconfirmed list (no decision aids: nothing to decide yet). */
  unconfirmed: Endorsement[];
  /** How many match the database's part of the filter, up to QUEUE_COUNT_CAP (null: more than that). */
  total: number | null;
  /** Rows looked at for the filters decided in code (0 when none is set). */
  scanned: number;
  /** Where the next page starts, if there may be one. */
  next: QueueCursor | undefined;
}

type Query = SelectQueryBuilder<Database, 'endorsements', Endorsement>;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The database's part of the filter: the list's state, the statement(s), search by name, email
 * domain or city, country, type and language. Every list is walked through a partial index in its
 * own order (sql/0001_init.sql, sql/0013_staff_queue.sql) and stops at the page's size.
 */
function filtered(db: DbOrTx, f: QueueFilter, statementIds: number[]): Query {
  let q = db.selectFrom('endorsements').selectAll() as unknown as Query;
  q = q.where('status', '=', f.tab === 'waiting' ? 'confirmed' : 'pending');
  q = f.statementId
    ? q.where('statement_id', '=', f.statementId)
    : q.where('statement_id', 'in', statementIds.length ? statementIds : [0]);
  if (f.country) {
    q = q.where('country', '=', f.country);
  }
  if (f.type) {
    q = q.where('org_type', '=', f.type);
  }
  if (f.lang) {
    q = q.where('locale', '=', f.lang);
  }
  if (f.q) {
    const t = searchTerms(f.q, normaliseOrgName);
    const key = `%${likeEscape(t.key)}%`;
    const lower = `%${likeEscape(t.lower)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`coalesce(name_key, lower(display_name))`, 'like', key),
        eb(sql`lower(display_name)`, 'like', lower),
        eb(sql`lower(city)`, 'like', lower),
        ...(t.domain
          ? [
              eb(sql`split_part(email_normalised, '@', 2)`, '=', t.domain),
              eb(sql`split_part(email_normalised, '@', 2)`, 'like', `%.${likeEscape(t.domain)}`),
            ]
          : []),
      ]),
    );
  }
  return q;
}

/** The list's order: the oldest waiting first; the newest unconfirmed first (someone just asked for a link). */
function ordered(q: Query, f: QueueFilter, after: QueueCursor | undefined): Query {
  if (f.tab === 'waiting') {
    if (after) {
      const at = new Date(after.at);
      q = q.where((eb) =>
        eb.or([eb('confirmed_at', '>', at), eb.and([eb('confirmed_at', '=', at), eb('id', '>', after.id)])]),
      );
    }
    return q.orderBy('confirmed_at').orderBy('id');
  }
  if (after) {
    const at = new Date(after.at);
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', after.id)])]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc');
}

const cursorOf = (f: QueueFilter, e: Endorsement): QueueCursor => ({
  at: new Date((f.tab === 'waiting' ? e.confirmed_at : e.created_at) ?? e.created_at).getTime(),
  id: e.id,
});

/**
 * One page of the queue (waiting or unconfirmed), for one statement or every open one, searched
 * and filtered, in pages of QUEUE_PAGE_SIZE by keyset. Bounded: the count stops at
 * QUEUE_COUNT_CAP, and the filters decided in code look at QUEUE_SCAN_MAX rows at most per page.
 */
export async function searchQueue(
  db: DbOrTx,
  f: QueueFilter,
  opts: { statementIds: number[]; pageSize?: number },
): Promise<QueueResult> {
  const size = opts.pageSize ?? QUEUE_PAGE_SIZE;
  const base = () => filtered(db, f, opts.statementIds);
  const total = await countQueue(db, f, opts.statementIds);

  const inCode = !!f.domain || (f.tab === 'waiting' && !!f.duplicates);
  let rows: Endorsement[];
  let next: QueueCursor | undefined;
  let scanned = 0;
  if (!inCode) {
    const page = await ordered(base(), f, f.after)
      .limit(size + 1)
      .execute();
    rows = page.slice(0, size);
    next = page.length > size ? cursorOf(f, rows.at(-1)!) : undefined;
  } else {
    rows = [];
    let after = f.after;
    let more = true;
    while (rows.length < size && scanned < QUEUE_SCAN_MAX && more) {
      const chunk = await ordered(base(), f, after).limit(SCAN_CHUNK).execute();
      more = chunk.length === SCAN_CHUNK;
      const similar =
        f.tab === 'waiting' && f.duplicates && chunk.length ? await findSimilar(db, chunk) : undefined;
      for (const e of chunk) {
        scanned++;
        after = cursorOf(f, e);
        const keep =
          (!f.domain || checkEmailDomain(e.email, e.website) === f.domain) &&
          (!similar || (similar.get(e.id) ?? []).length > 0);
        if (keep) {
          rows.push(e);
          if (rows.length === size) {
            more = more || chunk.indexOf(e) < chunk.length - 1;
            break;
          }
        }
      }
    }
    next = more ? after : undefined;
  }

  if (f.tab === 'unconfirmed') {
    return { items: [], unconfirmed: rows, total, scanned, next };
  }
  return { items: await describeAcrossStatements(db, rows), unconfirmed: [], total, scanned, next };
}

/** How many match the database's part of the filter, up to QUEUE_COUNT_CAP (null: more than that). */
export async function countQueue(db: DbOrTx, f: QueueFilter, statementIds: number[]): Promise<number | null> {
  const row = await db
    .selectFrom(
      filtered(db, f, statementIds)
        .clearSelect()
        .select(sql`1`.as('x'))
        .limit(QUEUE_COUNT_CAP + 1)
        .as('c'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > QUEUE_COUNT_CAP ? null : n;
}

/** The decision aids of rows from several statements, in the rows' order. */
async function describeAcrossStatements(db: DbOrTx, rows: Endorsement[]): Promise<QueueItem[]> {
  const byStatement = new Map<number, Endorsement[]>();
  for (const r of rows) {
    byStatement.set(r.statement_id, [...(byStatement.get(r.statement_id) ?? []), r]);
  }
  const described = new Map<number, QueueItem>();
  for (const [statementId, list] of byStatement) {
    for (const item of await describeEndorsements(db, statementId, list)) {
      described.set(item.endorsement.id, item);
    }
  }
  return rows.map((r) => described.get(r.id)!);
}
