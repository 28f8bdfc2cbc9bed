import { sql, type SqlBool } from 'kysely';
import { recordAudit, type Actor } from '../audit/audit.js';
import { transact, type Announce, type LocalCaches } from '../changes/transact.js';
import type { DbOrTx } from '../db/database.js';
import type { Deps } from '../deps.js';
import { outdatedSql, STANDING_STATUSES } from '../endorsements/lifecycle/index.js';
import { mailEndorsers } from '../endorsements/mail-endorsers.js';
import { reconfirmUrl } from '../endorsements/tokens.js';
import { importStatementIn, saveTextIn } from '../statements/editor.js';
import { textVersion, type SaveResult, type StatementInput } from '../statements/queries.js';

/** The email every endorser of an earlier version gets (emails/statement-amended.*). */
export const AMENDED_TEMPLATE = 'statement-amended';

/** At most this many characters of "what changed" (sql/0012_amendments.sql checks it too). */
export const SUMMARY_MAX = 2000;

/**
 * How a text changes (README "Amending a statement"): *minor* (wording, typing errors: endorsements
 * stand) or *substantive* (the meaning changed: endorsers of the earlier version are asked again).
 */
export type Change = { kind: 'minor' } | { kind: 'substantive'; summary: string };

export type AmendDeps = Pick<Deps, 'db' | 'config' | 'secret'> & {
  live?: LocalCaches | undefined;
  mailSignal?: (() => void) | undefined;
};

export type Amended = { version: number; mails: number };

export type ChangeResult =
  | (SaveResult & { amended?: Amended | undefined })
  /** A substantive change must replace the existing authoritative text with a different one. */
  | { kind: 'not-amendable' }
  | undefined;

/** The staff editor: replace one language's text, minor or substantive, in one transaction. */
export async function saveTextWithChange(
  deps: AmendDeps,
  now: Date,
  actor: Actor,
  statementId: number,
  locale: string,
  text: { title: string; body: string },
  change: Change,
): Promise<ChangeResult> {
  const result = await transact(deps, async (trx, announce): Promise<ChangeResult> => {
    if (change.kind === 'substantive' && !(await amendable(trx, statementId, locale, text))) {
      return { kind: 'not-amendable' };
    }
    const r = await saveTextIn(trx, announce, now, actor, statementId, locale, text);
    if (!r || change.kind === 'minor') {
      return r;
    }
    return {
      ...r,
      amended: await recordAmendment(trx, announce, deps, now, actor, r, locale, change.summary),
    };
  });
  if (result && 'amended' in result && result.amended) {
    deps.mailSignal?.();
  }
  return result;
}

/** The CLI: a statement file imported, its text change minor or substantive. */
export async function importWithChange(
  deps: AmendDeps,
  now: Date,
  actor: Actor,
  input: StatementInput,
  change: Change,
): Promise<ChangeResult> {
  const result = await transact(deps, async (trx, announce): Promise<ChangeResult> => {
    if (change.kind === 'substantive') {
      const statement = await trx
        .selectFrom('statements')
        .select('id')
        .where('slug', '=', input.slug)
        .executeTakeFirst();
      if (!statement || !(await amendable(trx, statement.id, input.locale, input))) {
        return { kind: 'not-amendable' };
      }
    }
    const r = await importStatementIn(trx, announce, now, input);
    if (change.kind === 'minor') {
      return r;
    }
    return {
      ...r,
      amended: await recordAmendment(trx, announce, deps, now, actor, r, input.locale, change.summary),
    };
  });
  if (result && 'amended' in result && result.amended) {
    deps.mailSignal?.();
  }
  return result;
}

/** Only the existing authoritative text, replaced by a different one, can change substantively. */
async function amendable(
  trx: DbOrTx,
  statementId: number,
  locale: string,
  text: { title: string; body: string },
): Promise<boolean> {
  const existing = await trx
    .selectFrom('statement_texts')
    .select(['version', 'authoritative'])
    .where('statement_id', '=', statementId)
    .where('locale', '=', locale)
    .executeTakeFirst();
  return !!existing?.authoritative && existing.version !== textVersion(text.title, text.body);
}

/**
 * The statement's version moves on; the amendment is recorded with its summary; every standing
 * endorsement of an earlier version with an address gets `statement-amended` in its language (one
 * per endorsement); the audit entry says who; and every list is drawn again (SSE `reset`), now
 * marking those endorsements "endorsed an earlier version".
 */
async function recordAmendment(
  trx: DbOrTx,
  announce: Announce,
  deps: Pick<AmendDeps, 'config' | 'secret'>,
  now: Date,
  actor: Actor,
  saved: SaveResult,
  locale: string,
  summary: string,
): Promise<Amended> {
  const statement = await trx
    .updateTable('statements')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', saved.statementId)
    .returning(['id', 'slug', 'version'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('statement_amendments')
    .values({
      statement_id: statement.id,
      version: statement.version,
      locale,
      text_version: saved.version,
      summary,
      created_by: actor.id,
      created_at: now,
    })
    .execute();
  const mails = await mailEndorsers(
    trx,
    {
      statementId: statement.id,
      slug: statement.slug,
      publicUrl: deps.config.publicUrl,
      secret: deps.secret,
      template: AMENDED_TEMPLATE,
      where: sql<SqlBool>`e.status in (${sql.join([...STANDING_STATUSES])}) and ${outdatedSql(statement.version, 'e')}`,
      data: (e) => ({
        statementTitle: e.statementTitle,
        organisation: e.organisation,
        summary,
        statementUrl: e.statementUrl,
        reconfirmUrl: reconfirmUrl(deps.config.publicUrl, deps.secret, e.id, statement.version, now),
        withdrawUrl: e.withdrawUrl,
      }),
    },
    now,
  );
  await recordAudit(
    trx,
    actor,
    {
      action: 'statement.amend',
      statementId: statement.id,
      details: {
        version: statement.version,
        locale,
        text_version: saved.version,
        summary,
        mails,
      },
    },
    now,
  );
  await announce({ kind: 'reset', statementId: statement.id });
  return { version: statement.version, mails };
}
