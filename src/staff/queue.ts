import { sql } from 'kysely';
import type { DbOrTx, Endorsement, EndorsementStatus } from '../db/database.js';
import { checkEmailDomain, type DomainCheck } from './domains.js';
import { findSimilar, type PossibleDuplicate } from './queue-similar.js';

export type { PossibleDuplicate } from './queue-similar.js';

export const QUEUE_PAGE_SIZE = 50;

export interface OtherEndorsement {
  id: number;
  statementId: number;
  slug: string;
  title: string | null;
  status: EndorsementStatus;
  at: Date;
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
export async function loadQueue(
  db: DbOrTx,
  statementId: number,
  limit = QUEUE_PAGE_SIZE,
): Promise<{ items: QueueItem[]; total: number }> {
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
export async function describeEndorsements(
  db: DbOrTx,
  statementId: number,
  rows: Endorsement[],
): Promise<QueueItem[]> {
  if (!rows.length) {
    return [];
  }
  const orgIds = [...new Set(rows.map((r) => r.organisation_id))];
  const others = await db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .leftJoin('statement_texts as t', (j) =>
      j.onRef('t.statement_id', '=', 's.id').on('t.authoritative', '=', true),
    )
    .select(['e.id', 'e.organisation_id', 'e.statement_id', 's.slug', 't.title', 'e.status', 'e.created_at'])
    .where('e.organisation_id', 'in', orgIds)
    .where('e.statement_id', '!=', statementId)
    .where('e.status', '!=', 'pending')
    .orderBy('e.created_at', 'desc')
    .execute();
  const similar = await findSimilar(db, rows);
  const current = await db
    .selectFrom('statement_texts')
    .select(['locale', 'version'])
    .where('statement_id', '=', statementId)
    .execute();
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

  return rows.map((e) => {
    const cur = e.text_version ? current.find((c) => c.version === e.text_version) : undefined;
    const old = e.text_version ? history.find((h) => h.version === e.text_version) : undefined;
    const version: ConfirmedVersion = !e.text_version
      ? { kind: 'unknown' }
      : cur
        ? { kind: 'current', version: e.text_version, locale: cur.locale }
        : {
            kind: 'earlier',
            version: e.text_version,
            locale: old?.locale ?? null,
            since: old?.created_at ?? null,
          };
    return {
      endorsement: e,
      domain: checkEmailDomain(e.email, e.website),
      otherStatements: others
        .filter((o) => o.organisation_id === e.organisation_id)
        .map((o) => ({
          id: o.id,
          statementId: o.statement_id,
          slug: o.slug,
          title: o.title,
          status: o.status,
          at: o.created_at,
        })),
      duplicates: similar.get(e.id) ?? [],
      version,
      decidedByName: e.decided_by ? (deciders.get(e.decided_by) ?? null) : null,
    };
  });
}

async function decidersById(db: DbOrTx, rows: Endorsement[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.decided_by).filter((x): x is number => x !== null))];
  if (!ids.length) {
    return new Map();
  }
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

/** Where a form about one endorsement returns: its status now (the queue, or a list of decided ones). */
export async function endorsementStatus(db: DbOrTx, id: number): Promise<EndorsementStatus | undefined> {
  const row = await db.selectFrom('endorsements').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

/** Does this endorsement belong to that statement (a bulk form posts ids; they must be its own)? */
export async function belongsTo(db: DbOrTx, id: number, statementId: number): Promise<boolean> {
  const row = await db
    .selectFrom('endorsements')
    .select('id')
    .where('id', '=', id)
    .where('statement_id', '=', statementId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One page of a statement's decided endorsements in one state, by name, with who decided. */
/** How many endorsements of a statement are in each of these states (the decided list's tabs). */
export async function countByStatus(
  db: DbOrTx,
  statementId: number,
  statuses: readonly EndorsementStatus[],
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('endorsements')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('statement_id', '=', statementId)
    .where('status', 'in', statuses)
    .groupBy('status')
    .execute();
  return Object.fromEntries(statuses.map((st) => [st, Number(rows.find((r) => r.status === st)?.n ?? 0)]));
}

export async function listDecided(
  db: DbOrTx,
  statementId: number,
  status: EndorsementStatus,
  page: number,
  size: number,
) {
  const rows = await db
    .selectFrom('endorsements as e')
    .leftJoin('staff_users as u', 'u.id', 'e.decided_by')
    .selectAll('e')
    .select('u.name as decided_by_name')
    .where('e.statement_id', '=', statementId)
    .where('e.status', '=', status)
    .orderBy('e.display_name')
    .orderBy('e.id')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return { rows: rows.slice(0, size), more: rows.length > size };
}
