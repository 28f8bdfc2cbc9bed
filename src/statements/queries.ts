import { createHash } from 'node:crypto';
import type { DbOrTx, Statement, StatementText, StatementStatus, PublishOn } from '../db/database.js';
import type { Announce } from '../changes/transact.js';
import { chooseText } from './text.js';
import { isEmbargoed } from './rules.js';

export interface StatementWithTexts extends Statement {
  texts: StatementText[];
}

/** The version a signer confirms: a short hash of exactly what they read. */
export function textVersion(title: string, body: string): string {
  return createHash('sha256').update(`${title}\n\n${body}`).digest('hex').slice(0, 16);
}

/**
 * The title a reader of `locale` sees (an email's subject, a page about an endorsement): the same
 * choice as the statement page makes (statements/text.ts).
 */
export async function titleFor(db: DbOrTx, statementId: number, locale: string): Promise<string> {
  const texts = await db
    .selectFrom('statement_texts')
    .select(['locale', 'title', 'authoritative'])
    .where('statement_id', '=', statementId)
    .execute();
  return chooseText(texts, locale)?.title ?? '';
}

/** A statement with its texts by id (staff pages address statements by id), or undefined. */
export async function findStatementById(db: DbOrTx, id: number): Promise<StatementWithTexts | undefined> {
  const statement = await db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
  return statement ? { ...statement, texts: await textsOf(db, id) } : undefined;
}

async function textsOf(db: DbOrTx, statementId: number) {
  return db
    .selectFrom('statement_texts')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('authoritative', 'desc')
    .orderBy('locale')
    .execute();
}

export async function findStatementBySlug(db: DbOrTx, slug: string): Promise<StatementWithTexts | undefined> {
  const statement = await db.selectFrom('statements').selectAll().where('slug', '=', slug).executeTakeFirst();
  return statement ? { ...statement, texts: await textsOf(db, statement.id) } : undefined;
}

export interface StatementSummary {
  id: number;
  slug: string;
  status: StatementStatus;
  title: string;
  locale: string;
  closesAt: Date | null;
  openedAt: Date | null;
  /** Under embargo (rules.ts `isEmbargoed`): reachable by link only, never listed. */
  embargoed: boolean;
}

/** Open statements, newest first, titled in the reader's language where a translation exists. */
export async function listStatements(
  db: DbOrTx,
  locale: string,
  statuses: StatementStatus[] = ['open'],
): Promise<StatementSummary[]> {
  const rows = await db
    .selectFrom('statements as s')
    .innerJoin('statement_texts as t', (j) =>
      j
        .onRef('t.statement_id', '=', 's.id')
        .on((eb) =>
          eb.or([
            eb('t.locale', '=', locale),
            eb.and([
              eb('t.authoritative', '=', true),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('statement_texts as t2')
                    .select('t2.id')
                    .whereRef('t2.statement_id', '=', 's.id')
                    .where('t2.locale', '=', locale),
                ),
              ),
            ]),
          ]),
        ),
    )
    .select([
      's.id',
      's.slug',
      's.status',
      's.closes_at',
      's.opened_at',
      's.launch_at',
      's.launched_at',
      't.title',
      't.locale',
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
    embargoed: isEmbargoed(r),
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
  /** Front matter `launch_at`: the embargo's end (set by importStatement, editor.ts). */
  launchAt?: Date | undefined;
}

export type SaveResult = {
  statementId: number;
  created: boolean;
  translationAdded: boolean;
  version: string;
  versionChanged: boolean;
};

/**
 * Create a statement or add/replace one of its texts. A changed text gets a new version; the old one
 * stays in statement_text_versions so endorsements keep pointing at what they signed.
 */
export async function saveStatementText(
  trx: DbOrTx,
  announce: Announce,
  input: StatementInput,
  now: Date,
): Promise<SaveResult> {
  const version = textVersion(input.title, input.body);
  let statement = await trx
    .selectFrom('statements')
    .selectAll()
    .where('slug', '=', input.slug)
    .forUpdate()
    .executeTakeFirst();
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
    if (input.publishOn) {
      changes.publish_on = input.publishOn;
    }
    if (input.closesAt !== undefined) {
      changes.closes_at = input.closesAt;
    }
    if (input.open && statement.status !== 'open') {
      Object.assign(changes, { status: 'open', opened_at: statement.opened_at ?? now });
    }
    if (Object.keys(changes).length) {
      await trx
        .updateTable('statements')
        .set({ ...changes, updated_at: now })
        .where('id', '=', statement.id)
        .execute();
    }
  }
  const existing = await trx
    .selectFrom('statement_texts')
    .select(['id', 'version', 'authoritative'])
    .where('statement_id', '=', statement.id)
    .where('locale', '=', input.locale)
    .executeTakeFirst();
  const anyText = await trx
    .selectFrom('statement_texts')
    .select('id')
    .where('statement_id', '=', statement.id)
    .executeTakeFirst();
  const authoritative = input.authoritative ?? (existing ? existing.authoritative : !anyText);
  if (authoritative) {
    await trx
      .updateTable('statement_texts')
      .set({ authoritative: false })
      .where('statement_id', '=', statement.id)
      .where('locale', '!=', input.locale)
      .execute();
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
      .values({
        statement_id: statement.id,
        locale: input.locale,
        title: input.title,
        body_md: input.body,
        version,
        authoritative,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await trx
    .insertInto('statement_text_versions')
    .values({
      statement_id: statement.id,
      locale: input.locale,
      version,
      title: input.title,
      body_md: input.body,
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Every process drops its cached copy of the statement and its pages (staff editor, CLI import).
  await announce({ kind: 'changed', statementId: statement.id });
  return {
    statementId: statement.id,
    created,
    translationAdded: !created && !existing,
    version,
    versionChanged: !!existing && existing.version !== version,
  };
}
