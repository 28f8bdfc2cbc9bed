import { sql } from 'kysely';
import type { DbOrTx, Endorsement, EndorsementStatus } from '../db/database.js';
import { checkEmailDomain, type DomainCheck } from './domains.js';
import { nameKey, similarNames } from './similarity.js';

export const QUEUE_PAGE_SIZE = 50;

export interface OtherEndorsement {
  id: number;
  statementId: number;
  slug: string;
  title: string | null;
  status: EndorsementStatus;
  at: Date;
}

export interface PossibleDuplicate {
  id: number;
  name: string;
  status: EndorsementStatus;
  sameOrganisation: boolean;
}

/** Which text the signer confirmed, and whether it is still the one shown. */
export type ConfirmedVersion =
  | { kind: 'unknown' }
  | { kind: 'current'; version: string; locale: string }
  | { kind: 'earlier'; version: string; locale: string | null; since: Date | null };

export interface QueueItem {
  endorsement: Endorsement;
  domain: DomainCheck;
  otherStatements: OtherEndorsement[];
  duplicates: PossibleDuplicate[];
  version: ConfirmedVersion;
  decidedByName: string | null;
}

/** Confirmed endorsements waiting for a decision, oldest first, with what a verifier needs to decide. */
export async function loadQueue(db: DbOrTx, statementId: number, limit = QUEUE_PAGE_SIZE): Promise<{ items: QueueItem[]; total: number }> {
  const [rows, totalRow] = await Promise.all([
    db
      .selectFrom('endorsements')
      .selectAll()
      .where('statement_id', '=', statementId)
      .where('status', '=', 'confirmed')
      .orderBy('confirmed_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('endorsements')
      .select(sql<number>`count(*)`.as('n'))
      .where('statement_id', '=', statementId)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await describeEndorsements(db, statementId, rows), total: Number(totalRow.n) };
}

/** The decision aids for some endorsements of one statement (also used to redisplay one item). */
export async function describeEndorsements(db: DbOrTx, statementId: number, rows: Endorsement[]): Promise<QueueItem[]> {
  if (!rows.length) return [];
  const orgIds = [...new Set(rows.map((r) => r.organisation_id))];
  const countries = [...new Set(rows.map((r) => r.country))];
  const others = await db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .leftJoin('statement_texts as t', (j) => j.onRef('t.statement_id', '=', 's.id').on('t.authoritative', '=', true))
    .select(['e.id', 'e.organisation_id', 'e.statement_id', 's.slug', 't.title', 'e.status', 'e.created_at'])
    .where('e.organisation_id', 'in', orgIds)
    .where('e.statement_id', '!=', statementId)
    .where('e.status', '!=', 'pending')
    .orderBy('e.created_at', 'desc')
    .execute();
  const sameCountry = await db
    .selectFrom('endorsements')
    .select(['id', 'organisation_id', 'display_name', 'country', 'status'])
    .where('statement_id', '=', statementId)
    .where('country', 'in', countries)
    .where('status', '!=', 'withdrawn')
    .orderBy('id')
    .execute();
  const current = await db.selectFrom('statement_texts').select(['locale', 'version']).where('statement_id', '=', statementId).execute();
  const signedVersions = [...new Set(rows.map((r) => r.text_version).filter((x): x is string => !!x))];
  const history = signedVersions.length
    ? await db
        .selectFrom('statement_text_versions')
        .select(['version', 'locale', 'created_at'])
        .where('statement_id', '=', statementId)
        .where('version', 'in', signedVersions)
        .execute()
    : [];
  const deciders = await decidersById(db, rows);
  const keys = new Map(sameCountry.map((o) => [o.id, nameKey(o.display_name)]));

  return rows.map((e) => {
    const cur = e.text_version ? current.find((c) => c.version === e.text_version) : undefined;
    const old = e.text_version ? history.find((h) => h.version === e.text_version) : undefined;
    const version: ConfirmedVersion = !e.text_version
      ? { kind: 'unknown' }
      : cur
        ? { kind: 'current', version: e.text_version, locale: cur.locale }
        : { kind: 'earlier', version: e.text_version, locale: old?.locale ?? null, since: old?.created_at ?? null };
    return {
      endorsement: e,
      domain: checkEmailDomain(e.email, e.website),
      otherStatements: others
        .filter((o) => o.organisation_id === e.organisation_id)
        .map((o) => ({ id: o.id, statementId: o.statement_id, slug: o.slug, title: o.title, status: o.status, at: o.created_at })),
      duplicates: sameCountry
        .filter((o) => o.id !== e.id && o.country === e.country)
        .filter((o) => o.organisation_id === e.organisation_id || similarNames(keys.get(o.id)!, keys.get(e.id) ?? nameKey(e.display_name)))
        .map((o) => ({ id: o.id, name: o.display_name, status: o.status, sameOrganisation: o.organisation_id === e.organisation_id })),
      version,
      decidedByName: e.decided_by ? (deciders.get(e.decided_by) ?? null) : null,
    };
  });
}

async function decidersById(db: DbOrTx, rows: Endorsement[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.decided_by).filter((x): x is number => x !== null))];
  if (!ids.length) return new Map();
  const users = await db.selectFrom('staff_users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Per statement: how many endorsements wait for staff, for the dashboard. */
export async function queueCounts(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('endorsements')
    .select(['statement_id', sql<number>`count(*)`.as('n')])
    .where('status', '=', 'confirmed')
    .groupBy('statement_id')
    .execute();
  return new Map(rows.map((r) => [r.statement_id, Number(r.n)]));
}
