import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx, Statement, StatementText, StatementStatus, PublishOn } from '../db/database.js';
import { notifyLiveChange } from '../live/notify.js';

export interface StatementWithTexts extends Statement {
  texts: StatementText[];
}

/** The version a signer confirms: a short hash of exactly what they read. */
export function textVersion(title: string, body: string): string {
  return createHash('sha256').update(`${title}\n\n${body}`).digest('hex').slice(0, 16);
}

export async function findStatementBySlug(db: DbOrTx, slug: string): Promise<StatementWithTexts | undefined> {
  const statement = await db.selectFrom('statements').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!statement) return undefined;
  const texts = await db
    .selectFrom('statement_texts')
    .selectAll()
    .where('statement_id', '=', statement.id)
    .orderBy('authoritative', 'desc')
    .orderBy('locale')
    .execute();
  return { ...statement, texts };
}

/**
 * The text to show a reader: the first of their languages that has a translation (their interface
 * language first), else the authoritative one.
 */
export function pickText(statement: StatementWithTexts, locale: string, preferred: readonly string[] = []): { text: StatementText; authoritative: StatementText } {
  const authoritative =
    statement.texts.find((t) => t.authoritative) ??
    statement.texts.find((t) => t.locale === statement.default_locale) ??
    statement.texts[0];
  if (!authoritative) throw new Error(`statement ${statement.slug} has no text`);
  const text =
    [locale, ...preferred].map((l) => statement.texts.find((t) => t.locale === l)).find((t) => t !== undefined) ?? authoritative;
  return { text, authoritative };
}

/** What readers are told: an open statement whose closing date has passed is closed, whatever its row says. */
export function effectiveStatus(status: StatementStatus, closesAt: Date | null, now: Date): StatementStatus {
  return status === 'open' && closesAt && closesAt <= now ? 'closed' : status;
}

/** A statement accepts endorsements while open and before its closing date. */
export function isAcceptingEndorsements(statement: Statement, now: Date): boolean {
  return statement.status === 'open' && (!statement.closes_at || statement.closes_at > now);
}

export interface StatementSummary {
  id: number;
  slug: string;
  status: StatementStatus;
  title: string;
  locale: string;
  closesAt: Date | null;
  openedAt: Date | null;
  total: number;
}

/** Open statements, newest first, titled in the reader's language where a translation exists. */
export async function listStatements(db: DbOrTx, locale: string, statuses: StatementStatus[] = ['open']): Promise<StatementSummary[]> {
  const rows = await db
    .selectFrom('statements as s')
    .innerJoin('statement_texts as t', (j) =>
      j.onRef('t.statement_id', '=', 's.id').on((eb) =>
        eb.or([
          eb('t.locale', '=', locale),
          eb.and([eb('t.authoritative', '=', true), eb.not(eb.exists(eb.selectFrom('statement_texts as t2').select('t2.id').whereRef('t2.statement_id', '=', 's.id').where('t2.locale', '=', locale)))]),
        ]),
      ),
    )
    .select([
      's.id', 's.slug', 's.status', 's.closes_at', 's.opened_at', 't.title', 't.locale',
      (eb) =>
        eb
          .selectFrom('endorsements as e')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('e.statement_id', '=', 's.id')
          .where('e.published_at', 'is not', null)
          .where('e.status', 'in', ['confirmed', 'verified'])
          .as('total'),
    ])
    .where('s.status', 'in', statuses)
    .orderBy('s.opened_at', (ob) => ob.desc().nullsLast())
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: r.title,
    locale: r.locale,
    closesAt: r.closes_at,
    openedAt: r.opened_at,
    total: Number(r.total ?? 0),
  }));
}

export interface StatementInput {
  slug: string;
  locale: string;
  title: string;
  body: string;
  publishOn?: PublishOn | undefined;
  closesAt?: Date | null | undefined;
  authoritative?: boolean | undefined;
  open?: boolean | undefined;
}

export type SaveResult = { statementId: number; created: boolean; translationAdded: boolean; version: string; versionChanged: boolean };

/**
 * Create a statement or add/replace one of its texts. A changed text gets a new version; the old one
 * stays in statement_text_versions so endorsements keep pointing at what they signed.
 */
export async function saveStatementText(trx: DbOrTx, input: StatementInput, now: Date): Promise<SaveResult> {
  const version = textVersion(input.title, input.body);
  let statement = await trx.selectFrom('statements').selectAll().where('slug', '=', input.slug).forUpdate().executeTakeFirst();
  const created = !statement;
  if (!statement) {
    statement = await trx
      .insertInto('statements')
      .values({
        slug: input.slug,
        default_locale: input.locale,
        publish_on: input.publishOn ?? 'verified',
        closes_at: input.closesAt ?? null,
        status: input.open ? 'open' : 'draft',
        opened_at: input.open ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    const changes: Record<string, unknown> = {};
    if (input.publishOn) changes.publish_on = input.publishOn;
    if (input.closesAt !== undefined) changes.closes_at = input.closesAt;
    if (input.open && statement.status !== 'open') Object.assign(changes, { status: 'open', opened_at: statement.opened_at ?? now });
    if (Object.keys(changes).length) {
      await trx.updateTable('statements').set({ ...changes, updated_at: now }).where('id', '=', statement.id).execute();
    }
  }
  const existing = await trx
    .selectFrom('statement_texts')
    .select(['id', 'version', 'authoritative'])
    .where('statement_id', '=', statement.id)
    .where('locale', '=', input.locale)
    .executeTakeFirst();
  const anyText = await trx.selectFrom('statement_texts').select('id').where('statement_id', '=', statement.id).executeTakeFirst();
  const authoritative = input.authoritative ?? (existing ? existing.authoritative : !anyText);
  if (authoritative) {
    await trx.updateTable('statement_texts').set({ authoritative: false }).where('statement_id', '=', statement.id).where('locale', '!=', input.locale).execute();
  }
  if (existing) {
    await trx
      .updateTable('statement_texts')
      .set({ title: input.title, body_md: input.body, version, authoritative, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await trx
      .insertInto('statement_texts')
      .values({ statement_id: statement.id, locale: input.locale, title: input.title, body_md: input.body, version, authoritative, created_at: now, updated_at: now })
      .execute();
  }
  await trx
    .insertInto('statement_text_versions')
    .values({ statement_id: statement.id, locale: input.locale, version, title: input.title, body_md: input.body, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Every process drops its cached copy of the statement and its pages (staff editor, CLI import).
  await notifyLiveChange(trx, { kind: 'changed', statementId: statement.id });
  return {
    statementId: statement.id,
    created,
    translationAdded: !created && !existing,
    version,
    versionChanged: !!existing && existing.version !== version,
  };
}
