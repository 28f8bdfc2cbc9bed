import { sql } from 'kysely';
import * as v from 'valibot';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { DbOrTx, EndorserUpdateRow, UpdateAudience } from '../db/database.js';
import { UPDATE_AUDIENCES } from '../db/database.js';
import type { Deps } from '../deps.js';
import { countUpdateRecipients, updateRecipients } from '../endorsements/lifecycle/index.js';
import { enqueueMail } from '../mail/outbox.js';
import { enqueueBulkMails } from '../mail/outbox-batch.js';
import { findStatementById, type StatementWithTexts } from '../statements/queries.js';
import { authoritativeLocale } from './texts.js';
import { updateMail, type MailTarget } from './update-mail.js';

export { authoritativeLocale } from './texts.js';

/** What writing and sending an update needs (the CLI passes no live hub: nothing public changes). */
export type UpdateDeps = Pick<Deps, 'db' | 'config' | 'secret' | 'mailSignal'>;

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

// No control characters in a subject: it becomes a mail header.
const Subject = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(SUBJECT_MAX),
  v.regex(/^[^\p{Cc}]+$/u),
);
const Body = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(BODY_MAX));
const Text = v.object({ subject: Subject, body: Body });
export const UpdateInput = v.object({
  audience: v.picklist(UPDATE_AUDIENCES),
  texts: v.pipe(
    v.record(v.pipe(v.string(), v.regex(/^[a-z]{2}$/)), Text),
    v.check((t) => Object.keys(t).length > 0),
  ),
});
export type UpdateInput = v.InferOutput<typeof UpdateInput>;

/**
 * Parse what staff (or the CLI) wrote: an update must at least have the statement's authoritative
 * language, which readers of unwritten languages get. Every problem, or the input.
 */
export function parseUpdate(
  statement: StatementWithTexts,
  raw: { audience: unknown; texts: Record<string, { subject: string; body: string }> },
): { ok: true; input: UpdateInput } | { ok: false; missing: string } {
  const locale = authoritativeLocale(statement);
  // A language left wholly empty is not written; a half-written one is an error.
  const texts = Object.fromEntries(
    Object.entries(raw.texts).filter(([, t]) => t.subject.trim() !== '' || t.body.trim() !== ''),
  );
  const parsed = v.safeParse(UpdateInput, { audience: raw.audience, texts });
  if (!parsed.success || !parsed.output.texts[locale]) {
    return { ok: false, missing: locale };
  }
  return { ok: true, input: parsed.output };
}

export async function findUpdate(db: DbOrTx, id: number): Promise<EndorserUpdateRow | undefined> {
  return db.selectFrom('endorser_updates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUpdates(db: DbOrTx, statementId: number): Promise<EndorserUpdateRow[]> {
  return db
    .selectFrom('endorser_updates')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** A new draft, audited. */
export async function createUpdate(
  deps: Pick<UpdateDeps, 'db'>,
  now: Date,
  actor: Actor,
  statementId: number,
  input: UpdateInput,
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('endorser_updates')
      .values({
        statement_id: statementId,
        audience: input.audience,
        texts: JSON.stringify(input.texts),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      actor,
      {
        action: 'update.create',
        statementId,
        details: { update: row.id, audience: input.audience, languages: Object.keys(input.texts) },
      },
      now,
    );
    return row.id;
  });
}

/** Change a draft, audited. False once sent (a sent update is history). */
export async function saveUpdate(
  deps: Pick<UpdateDeps, 'db'>,
  now: Date,
  actor: Actor,
  id: number,
  input: UpdateInput,
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('endorser_updates')
      .set({ audience: input.audience, texts: JSON.stringify(input.texts), updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .returning('statement_id')
      .executeTakeFirst();
    if (!row) {
      return false;
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'update.edit',
        statementId: row.statement_id,
        details: { update: id, audience: input.audience, languages: Object.keys(input.texts) },
      },
      now,
    );
    return true;
  });
}

/** How many distinct addresses the update would reach now. */
export const recipientCount = (db: DbOrTx, update: Pick<EndorserUpdateRow, 'statement_id' | 'audience'>) =>
  countUpdateRecipients(db, update.statement_id, update.audience);

/**
 * A test to the staff member's own address, one mail per written language, in the transactional
 * lane (it is wanted now). The links in it lead to the statement: a test has no endorsement.
 */
export async function sendTest(
  deps: UpdateDeps,
  now: Date,
  actor: Actor,
  update: EndorserUpdateRow,
  to: string,
): Promise<number> {
  const statement = await findStatementById(deps.db, update.statement_id);
  if (!statement) {
    return 0;
  }
  const languages = Object.keys(update.texts);
  await deps.db.transaction().execute(async (trx) => {
    for (const locale of languages) {
      const target: MailTarget = { email: to, locale, organisation: actorName(actor), endorsementId: null };
      await enqueueMail(trx, updateMail(deps, statement, update, target, now), now);
    }
    await recordAudit(
      trx,
      actor,
      { action: 'update.test', statementId: statement.id, details: { update: update.id, languages } },
      now,
    );
  });
  deps.mailSignal();
  return languages.length;
}

const actorName = (actor: Actor) => actor.name;

export type SendOutcome =
  | { kind: 'sent'; recipients: number; lastDue: Date }
  | { kind: 'nobody' }
  | { kind: 'already-sent' }
  | { kind: 'missing' };

/**
 * Send a draft: one mail per recipient (the rule: endorsements/lifecycle/audience.ts), each in the
 * endorser's language, queued in the outbox's bulk lane at UPDATE_MAIL_PER_MINUTE, in one
 * transaction with the guarded "draft → sent" change and the audit entry — so of two presses (or
 * two staff members, or the CLI) exactly one sends. `dryRun` counts and changes nothing.
 */
export async function sendUpdate(
  deps: UpdateDeps,
  now: Date,
  actor: Actor,
  id: number,
  opts: { dryRun?: boolean } = {},
): Promise<SendOutcome> {
  const outcome = await deps.db.transaction().execute(async (trx): Promise<SendOutcome> => {
    const update = await trx
      .selectFrom('endorser_updates')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!update) {
      return { kind: 'missing' };
    }
    if (update.status !== 'draft') {
      return { kind: 'already-sent' };
    }
    const statement = await findStatementById(trx, update.statement_id);
    if (!statement) {
      return { kind: 'missing' };
    }
    const recipients = await updateRecipients(trx, update.statement_id, update.audience);
    if (recipients.length === 0) {
      return { kind: 'nobody' };
    }
    if (opts.dryRun) {
      return { kind: 'sent', recipients: recipients.length, lastDue: now };
    }
    const lastDue = await enqueueBulkMails(
      trx,
      recipients.map((r) => ({ ...updateMail(deps, statement, update, r, now), updateId: update.id })),
      now,
      deps.config.updateMailPerMinute,
    );
    await trx
      .updateTable('endorser_updates')
      .set({
        status: 'sent',
        sent_at: now,
        sent_by: actor.id,
        recipients: recipients.length,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'update.send',
        statementId: update.statement_id,
        details: { update: id, audience: update.audience, recipients: recipients.length },
      },
      now,
    );
    return { kind: 'sent', recipients: recipients.length, lastDue };
  });
  if (outcome.kind === 'sent' && !opts.dryRun) {
    deps.mailSignal();
  }
  return outcome;
}

export interface UpdateProgress {
  /** Waiting their turn, or being sent now. */
  queued: number;
  sent: number;
  failed: number;
}

/** Where the update's mails are (the progress view polls this). */
export async function updateProgress(db: DbOrTx, id: number): Promise<UpdateProgress> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['status', sql<string>`count(*)`.as('n')])
    .where('update_id', '=', id)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { queued: n('queued') + n('sending'), sent: n('sent'), failed: n('failed') };
}

export const isAudience = (x: unknown): x is UpdateAudience =>
  (UPDATE_AUDIENCES as readonly unknown[]).includes(x);
