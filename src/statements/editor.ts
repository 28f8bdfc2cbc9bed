import { recordAudit, type Actor } from '../audit/audit.js';
import { transact, type Announce, type LocalCaches } from '../changes/transact.js';
import type { Db, DbOrTx, PublishOn, Statement, StatementStatus } from '../db/database.js';
import { isUniqueViolation } from '../db/unique.js';
import { saveStatementText, type SaveResult, type StatementInput } from './queries.js';

/**
 * Editing a statement (the staff editor and the CLI): each change in one transaction with its audit
 * entry and its announcement, so every process drops its cached copy and pages at once.
 */
export type EditorDeps = { db: Db; live?: LocalCaches | undefined };

export interface StatementSettings {
  status: StatementStatus;
  publish_on: PublishOn;
  closes_at: Date | null;
  authoritative: string;
}

/** A new statement with its first (authoritative) text; 'taken' when the address is in use. */
export async function createStatement(
  deps: EditorDeps,
  now: Date,
  actor: Actor,
  input: StatementInput,
): Promise<{ statementId: number } | 'taken'> {
  try {
    return await transact(deps, async (trx, announce) => {
      const exists = await trx
        .selectFrom('statements')
        .select('id')
        .where('slug', '=', input.slug)
        .executeTakeFirst();
      if (exists) {
        return 'taken' as const;
      }
      const r = await saveStatementText(trx, announce, { ...input, authoritative: true }, now);
      await recordAudit(
        trx,
        actor,
        {
          action: 'statement.create',
          statementId: r.statementId,
          details: {
            slug: input.slug,
            locale: input.locale,
            version: r.version,
            publish_on: input.publishOn ?? 'verified',
            closes_at: input.closesAt?.toISOString() ?? null,
          },
        },
        now,
      );
      return { statementId: r.statementId };
    });
  } catch (err) {
    // Two staff creating the same address at once: the unique slug lets one through.
    if (isUniqueViolation(err)) {
      return 'taken';
    }
    throw err;
  }
}

/** Add or replace one language's text; a changed text is a new version (endorsements keep theirs). */
export async function saveText(
  deps: EditorDeps,
  now: Date,
  actor: Actor,
  statementId: number,
  locale: string,
  text: { title: string; body: string },
): Promise<SaveResult | undefined> {
  return transact(deps, (trx, announce) => saveTextIn(trx, announce, now, actor, statementId, locale, text));
}

/** `saveText` in the caller's transaction (an amendment saves the text and records itself together). */
export async function saveTextIn(
  trx: DbOrTx,
  announce: Announce,
  now: Date,
  actor: Actor,
  statementId: number,
  locale: string,
  text: { title: string; body: string },
): Promise<SaveResult | undefined> {
  const statement = await trx
    .selectFrom('statements')
    .select(['id', 'slug'])
    .where('id', '=', statementId)
    .executeTakeFirst();
  if (!statement) {
    return undefined;
  }
  const before = await trx
    .selectFrom('statement_texts')
    .select('version')
    .where('statement_id', '=', statementId)
    .where('locale', '=', locale)
    .executeTakeFirst();
  const r = await saveStatementText(trx, announce, { slug: statement.slug, locale, ...text }, now);
  if (r.translationAdded || r.versionChanged) {
    await recordAudit(
      trx,
      actor,
      {
        action: r.translationAdded ? 'statement.text.add' : 'statement.text.edit',
        statementId,
        details: { locale, from: before?.version ?? null, to: r.version },
      },
      now,
    );
  }
  return r;
}

/** Status, publish rule, closing date and authoritative language, changed together; false when there is no such statement. */
export async function changeSettings(
  deps: EditorDeps,
  now: Date,
  actor: Actor,
  statementId: number,
  input: StatementSettings,
): Promise<boolean> {
  return transact(deps, async (trx, announce) => {
    const statement = await trx
      .selectFrom('statements')
      .selectAll()
      .where('id', '=', statementId)
      .forUpdate()
      .executeTakeFirst();
    if (!statement) {
      return false;
    }
    const changes = await updateStatementSettings(trx, statement, input, now);
    if (Object.keys(changes).length) {
      await recordAudit(trx, actor, { action: 'statement.settings', statementId, details: { changes } }, now);
      // Open/closed, closing date and authoritative text show on public pages cached in every process.
      await announce({ kind: 'changed', statementId });
    }
    return true;
  });
}

/** A statement file from the CLI or the demo seed: created, or a text added or replaced. */
export function importStatement(deps: EditorDeps, now: Date, input: StatementInput): Promise<SaveResult> {
  return transact(deps, (trx, announce) => importStatementIn(trx, announce, now, input));
}

/** `importStatement` in the caller's transaction. */
export async function importStatementIn(
  trx: DbOrTx,
  announce: Announce,
  now: Date,
  input: StatementInput,
): Promise<SaveResult> {
  const r = await saveStatementText(trx, announce, input, now);
  if (input.launchAt) {
    // A launch date embargoes the list until then; a statement launched already stays public.
    await trx
      .updateTable('statements')
      .set({ launch_at: input.launchAt, updated_at: now })
      .where('id', '=', r.statementId)
      .where('launched_at', 'is', null)
      .execute();
  }
  return r;
}

/** What changed (for the audit log), empty when nothing did. */
async function updateStatementSettings(
  trx: DbOrTx,
  statement: Statement,
  input: StatementSettings,
  now: Date,
) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: { status?: StatementStatus; publish_on?: PublishOn; closes_at?: Date | null; opened_at?: Date } =
    {};
  if (statement.status !== input.status) {
    changes.status = { from: statement.status, to: input.status };
    set.status = input.status;
    if (input.status === 'open' && !statement.opened_at) {
      set.opened_at = now;
    }
  }
  if (statement.publish_on !== input.publish_on) {
    changes.publish_on = { from: statement.publish_on, to: input.publish_on };
    set.publish_on = input.publish_on;
  }
  if ((statement.closes_at?.getTime() ?? null) !== (input.closes_at?.getTime() ?? null)) {
    changes.closes_at = {
      from: statement.closes_at?.toISOString() ?? null,
      to: input.closes_at?.toISOString() ?? null,
    };
    set.closes_at = input.closes_at;
  }
  if (Object.keys(set).length) {
    await trx
      .updateTable('statements')
      .set({ ...set, updated_at: now })
      .where('id', '=', statement.id)
      .execute();
  }
  const current = await trx
    .selectFrom('statement_texts')
    .select(['locale', 'authoritative'])
    .where('statement_id', '=', statement.id)
    .execute();
  const was = current.find((x) => x.authoritative)?.locale ?? null;
  if (was !== input.authoritative && current.some((x) => x.locale === input.authoritative)) {
    // Two steps: the partial unique index allows one authoritative text per statement at any moment.
    await trx
      .updateTable('statement_texts')
      .set({ authoritative: false })
      .where('statement_id', '=', statement.id)
      .execute();
    await trx
      .updateTable('statement_texts')
      .set({ authoritative: true })
      .where('statement_id', '=', statement.id)
      .where('locale', '=', input.authoritative)
      .execute();
    changes.authoritative = { from: was, to: input.authoritative };
  }
  return changes;
}
