import { sql } from 'kysely';
import type { DbOrTx, OrgType } from '../db/database.js';
import { publicSql } from '../endorsements/lifecycle/states.js';
import { listVisibleSql } from '../statements/rules.js';

/** What readers see in numbers: the `count` SSE event and the statement JSON share it. */
export interface Counts {
  total: number;
  countries: number;
  members: number;
  byCountry: Record<string, number>;
  byType: Partial<Record<OrgType, number>>;
  /** Last time the public list changed (a publication or a withdrawal); null before the first. */
  updatedAt: Date | null;
}

export const EMPTY_COUNTS: Counts = {
  total: 0,
  countries: 0,
  members: 0,
  byCountry: {},
  byType: {},
  updatedAt: null,
};

/**
 * Counts rebuilt from the rows themselves in one aggregate (never a +1 on a hot counter row, which
 * is what brought the UK petitions site down): correct whatever wrote them, in any process.
 */
export async function loadCounts(db: DbOrTx, statementId: number): Promise<Counts> {
  const { rows } = await sql<{
    country: string;
    org_type: OrgType;
    n: number | string;
    m: number | string | null;
    last: Date | null;
  }>`
    select country, org_type,
           count(*) filter (where ${publicSql()}) as n,
           sum(members) filter (where ${publicSql()}) as m,
           max(greatest(published_at, withdrawn_at, erased_at)) as last
      from endorsements
     where statement_id = ${statementId} and published_at is not null
       and ${listVisibleSql(statementId)}
     group by country, org_type`.execute(db);
  const counts: Counts = { total: 0, countries: 0, members: 0, byCountry: {}, byType: {}, updatedAt: null };
  for (const r of rows) {
    const n = Number(r.n);
    const last = r.last ? new Date(r.last) : null;
    if (last && (!counts.updatedAt || last > counts.updatedAt)) {
      counts.updatedAt = last;
    }
    if (n === 0) {
      continue;
    }
    counts.total += n;
    counts.members += Number(r.m ?? 0);
    counts.byCountry[r.country] = (counts.byCountry[r.country] ?? 0) + n;
    counts.byType[r.org_type] = (counts.byType[r.org_type] ?? 0) + n;
  }
  counts.byCountry = sortedRecord(counts.byCountry);
  counts.byType = sortedRecord(counts.byType);
  counts.countries = Object.keys(counts.byCountry).length;
  return counts;
}

/** The `count` event body (README "Endorsing a statement"): the counts without the timestamp. */
export function countsPayload(c: Counts) {
  return {
    total: c.total,
    countries: c.countries,
    members: c.members,
    byCountry: c.byCountry,
    byType: c.byType,
  };
}

function sortedRecord<T extends Record<string, number>>(r: T): T {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
