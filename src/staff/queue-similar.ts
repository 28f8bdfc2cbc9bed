import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx, EndorsementStatus } from '../db/database.js';
import { nameKey, similarNames, type NameKey } from './similarity.js';

export interface PossibleDuplicate {
  id: number;
  name: string;
  status: EndorsementStatus;
  sameOrganisation: boolean;
}

/** What the check needs of an endorsement in the queue. */
export interface SimilarityItem {
  id: number;
  statement_id: number;
  organisation_id: number;
  country: string;
  display_name: string;
}

/** Candidates kept per item and per way of finding them (same organisation, exact name, acronym, spelling). */
export const SIMILAR_PER_WAY = 20;
/** Without the nearest-name index: how many of the most recent endorsements of a country are compared in JS. */
export const FALLBACK_RECENT = 200;

interface Candidate {
  item_id: number | null;
  id: number;
  display_name: string;
  status: EndorsementStatus;
  organisation_id: number;
  statement_id: number;
  country: string;
}

const LISTED = sql.raw(`('confirmed', 'verified')`);
const COLUMNS = sql.raw(`c.id, c.display_name, c.status, c.organisation_id, c.statement_id, c.country`);

/**
 * Possible duplicates of each item among the confirmed and public endorsements of its statement and
 * country. Each way of finding one is an index lookup with a limit, so the cost does not grow with
 * pending submissions (never compared), nor with the list beyond the names that are alike; the JS
 * check in similarity.ts has the last word on every candidate. Without the nearest-name index (pg_trgm
 * and btree_gist), close spellings are looked for only among the FALLBACK_RECENT most recent
 * endorsements of the country (see README.md).
 */
export async function findSimilar(
  db: DbOrTx,
  items: SimilarityItem[],
): Promise<Map<number, PossibleDuplicate[]>> {
  const out = new Map<number, PossibleDuplicate[]>(items.map((i) => [i.id, []]));
  if (!items.length) {
    return out;
  }
  const nearest = await hasNearestIndex(db);
  const found = (await candidatesQuery(items, nearest).execute(db)).rows;
  const recent = nearest ? [] : await recentOfCountries(db, items);
  const keys = new Map<string, NameKey>();
  const keyOf = (name: string) => {
    let k = keys.get(name);
    if (!k) {
      k = nameKey(name);
      keys.set(name, k);
    }
    return k;
  };
  for (const item of items) {
    const seen = new Set<number>([item.id]);
    const list = out.get(item.id)!;
    const mine = found.filter((c) => c.item_id === item.id);
    const near = recent.filter((c) => c.country === item.country && c.statement_id === item.statement_id);
    for (const c of [...mine, ...near]) {
      if (seen.has(c.id)) {
        continue;
      }
      seen.add(c.id);
      const sameOrganisation = c.organisation_id === item.organisation_id;
      if (sameOrganisation || similarNames(keyOf(c.display_name), keyOf(item.display_name))) {
        list.push({ id: c.id, name: c.display_name, status: c.status, sameOrganisation });
      }
    }
    list.sort((a, b) => a.id - b.id);
  }
  return out;
}

/** Whether sql/0015_similar_names_nearest.sql could build the nearest-name index on this database. */
export async function hasNearestIndex(db: DbOrTx): Promise<boolean> {
  const r = await sql<{
    ok: boolean;
  }>`select to_regclass('endorsements_similar_nearest_idx') is not null as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

/**
 * One limited, indexed lookup per item and way (see the indexes in sql/0006_queue_similarity.sql
 * and sql/0015_similar_names_nearest.sql). Each item's own key and initials are computed once, then
 * used as constants by its lookups. Exported for tests/staff/queue-flood.test.ts, which reads its plan.
 */
export function candidatesQuery(
  items: Pick<SimilarityItem, 'id'>[],
  nearest: boolean,
): RawBuilder<Candidate> {
  const ids = sql.join(items.map((i) => i.id));
  // Each exact lookup walks an index that leads with the statement and country, then the key, in id
  // order (sql/0015_similar_names_nearest.sql), and stops after SIMILAR_PER_WAY rows: thousands of
  // confirmed endorsements under one organisation or one name (a flood of confirmed look-alikes)
  // cost the same few rows per item.
  const way = (lookup: RawBuilder<unknown>) =>
    sql`(select ${COLUMNS} from endorsements c
      where c.status in ${LISTED} and c.statement_id = i.statement_id and c.country = i.country
        and ${lookup} and c.id <> i.id
      order by c.id limit ${SIMILAR_PER_WAY})`;
  const ways = [
    way(sql`c.organisation_id = i.organisation_id`),
    way(sql`replace(c.name_key, ' ', '') = i.name_compact`),
    way(sql`replace(c.name_key, ' ', '') = i.name_initials`),
    way(sql`c.name_initials = i.name_key`),
  ];
  if (nearest) {
    // The nearest-name index also leads with the statement and country, and is walked nearest name
    // first, so it stops after SIMILAR_PER_WAY rows however many names look alike. Ordered by the
    // distance alone (a tie-breaker would make the planner sort every row instead).
    ways.push(sql`(select ${COLUMNS} from endorsements c
      where c.status in ${LISTED} and c.statement_id = i.statement_id and c.country = i.country and c.id <> i.id
      order by c.name_key <-> i.name_key limit ${SIMILAR_PER_WAY})`);
  }
  return sql<Candidate>`
    with item as (
      select id, statement_id, organisation_id, country,
        coalesce(name_key, org_name_key(display_name)) as name_key,
        coalesce(name_initials, org_name_initials(display_name)) as name_initials
      from endorsements where id in (${ids})
    ),
    i as materialized (select *, replace(name_key, ' ', '') as name_compact from item)
    select i.id as item_id, c.*
    from i cross join lateral (${sql.join(ways, sql` union `)}) c`;
}

/** The fallback's candidates: the most recent confirmed and public endorsements of each statement and country. */
async function recentOfCountries(db: DbOrTx, items: SimilarityItem[]): Promise<Candidate[]> {
  const pairs = new Map(items.map((i) => [`${i.statement_id}/${i.country}`, i]));
  const keys = [...pairs.values()].map((i) => sql`(${i.statement_id}::bigint, ${i.country}::text)`);
  const r = await sql<Candidate>`
    select null as item_id, c.*
    from (values ${sql.join(keys)}) as k(statement_id, country)
    cross join lateral (
      select ${COLUMNS} from endorsements c
      where c.statement_id = k.statement_id and c.country = k.country and c.status in ${LISTED}
      order by c.id desc limit ${FALLBACK_RECENT}
    ) c`.execute(db);
  return r.rows;
}
