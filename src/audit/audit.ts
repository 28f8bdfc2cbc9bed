import type { DbOrTx } from '../db/database.js';

/** Who did it: a signed-in staff member, or the system / an unknown person (failed sign-in). */
export interface Actor {
  id: number | null;
  name: string;
}

export interface AuditEntry {
  action: string;
  statementId?: number | null;
  endorsementId?: number | null;
  /** What changed. Never passwords, tokens or session ids. */
  details?: Record<string, unknown>;
}

/**
 * Append one entry, in the caller's transaction so the record and the change it describes commit
 * together. The table refuses UPDATE and DELETE (a trigger in sql/0001_init.sql); nothing here edits it.
 */
export async function recordAudit(trx: DbOrTx, actor: Actor, entry: AuditEntry, now: Date): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now,
      staff_id: actor.id,
      actor: actor.name.slice(0, 200),
      action: entry.action,
      statement_id: entry.statementId ?? null,
      endorsement_id: entry.endorsementId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Kinds of action, for the log's filter: each is a prefix (or a list) of action names. */
export const AUDIT_GROUPS = {
  endorsements: ['endorsement.'],
  statements: ['statement.'],
  signins: ['staff.login', 'staff.logout', 'staff.setup'],
  accounts: ['staff.add', 'staff.disable', 'staff.enable', 'staff.role', 'staff.password', 'staff.invite'],
  privacy: ['privacy.', 'backup.', 'audit.'],
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUPS;

export interface AuditFilter {
  /** Only this kind of action. */
  group?: AuditGroup | undefined;
  /** Entries at or after this moment… */
  from?: Date | undefined;
  /** …and before this one. */
  until?: Date | undefined;
  statementId?: number | undefined;
  endorsementId?: number | undefined;
  staffId?: number | undefined;
  /** Keyset cursor: entries older than this id. */
  before?: number | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, filtered, one page at a time (keyset on id, which grows with time). */
export async function listAudit(db: DbOrTx, f: AuditFilter, limit = AUDIT_PAGE_SIZE) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('statements as s', 's.id', 'a.statement_id')
    .select([
      'a.id',
      'a.at',
      'a.staff_id',
      'a.actor',
      'a.action',
      'a.statement_id',
      'a.endorsement_id',
      'a.details',
      's.slug',
      // The statement as people know it: its authoritative title (the slug when there is none).
      (eb) =>
        eb
          .selectFrom('statement_texts as t')
          .select('t.title')
          .whereRef('t.statement_id', '=', 'a.statement_id')
          .where('t.authoritative', '=', true)
          .limit(1)
          .as('title'),
    ])
    .orderBy('a.id', 'desc')
    .limit(limit + 1);
  if (f.group) {
    const prefixes: readonly string[] = AUDIT_GROUPS[f.group];
    q = q.where((eb) =>
      eb.or(prefixes.map((p) => eb('a.action', 'like', `${p.replace(/[%_\\]/g, '\\$&')}%`))),
    );
  }
  if (f.from) {
    q = q.where('a.at', '>=', f.from);
  }
  if (f.until) {
    q = q.where('a.at', '<', f.until);
  }
  if (f.statementId) {
    q = q.where('a.statement_id', '=', f.statementId);
  }
  if (f.endorsementId) {
    q = q.where('a.endorsement_id', '=', f.endorsementId);
  }
  if (f.staffId) {
    q = q.where('a.staff_id', '=', f.staffId);
  }
  if (f.before) {
    q = q.where('a.id', '<', f.before);
  }
  const rows = await q.execute();
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items.at(-1)!.id : undefined };
}

/** What the audit log can be filtered by: every statement and every staff member. */
export async function auditFilterChoices(db: DbOrTx) {
  const [statements, staff] = await Promise.all([
    db.selectFrom('statements').select(['id', 'slug']).orderBy('slug').execute(),
    db.selectFrom('staff_users').select(['id', 'name', 'email']).orderBy('name').execute(),
  ]);
  return { statements, staff };
}
