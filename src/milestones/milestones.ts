import * as v from 'valibot';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { DbOrTx, MilestoneRow } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { LocalCaches } from '../changes/transact.js';
import { transact } from '../changes/transact.js';

export const MILESTONE_MAX = 1000;

/** A day as written (YYYY-MM-DD), and a real one. */
const Day = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/),
  v.check(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
  ),
);
const Text = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MILESTONE_MAX));
export const MilestoneInput = v.object({
  date: Day,
  texts: v.record(v.pipe(v.string(), v.regex(/^[a-z]{2}$/)), Text),
});
export type MilestoneInput = v.InferOutput<typeof MilestoneInput>;

/** Parse what staff wrote; the authoritative language's text is required, empty languages are left out. */
export function parseMilestone(
  raw: { date: string; texts: Record<string, string> },
  authoritative: string,
): MilestoneInput | undefined {
  const texts = Object.fromEntries(Object.entries(raw.texts).filter(([, t]) => t.trim() !== ''));
  const parsed = v.safeParse(MilestoneInput, { date: raw.date, texts });
  return parsed.success && parsed.output.texts[authoritative] ? parsed.output : undefined;
}

export interface PublicMilestone {
  date: string;
  text: string;
}

/** A statement's milestones, newest first (at most 200: they are short news, not a log). */
export async function listMilestones(db: DbOrTx, statementId: number): Promise<MilestoneRow[]> {
  return db
    .selectFrom('milestones')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('happened_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** The milestones a reader of `locale` sees: their language's text, else the authoritative one's. */
export function milestonesFor(
  rows: MilestoneRow[],
  locale: string,
  authoritative: string,
): PublicMilestone[] {
  return rows.map((m) => ({
    date: m.happened_on,
    text: m.texts[locale] ?? m.texts[authoritative] ?? Object.values(m.texts)[0] ?? '',
  }));
}

type MilestoneDeps = Pick<Deps, 'db'> & { live?: LocalCaches | undefined };

/**
 * Add, change or delete a milestone, audited. Each announces a change of the statement itself so every
 * process's cached page and API answer show it at once.
 */
export async function addMilestone(
  deps: MilestoneDeps,
  now: Date,
  actor: Actor,
  statementId: number,
  input: MilestoneInput,
): Promise<number> {
  return transact(deps, async (trx, announce) => {
    const row = await trx
      .insertInto('milestones')
      .values({
        statement_id: statementId,
        happened_on: input.date,
        texts: JSON.stringify(input.texts),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      actor,
      { action: 'milestone.create', statementId, details: { milestone: row.id, date: input.date } },
      now,
    );
    await announce({ kind: 'changed', statementId });
    return row.id;
  });
}

export async function editMilestone(
  deps: MilestoneDeps,
  now: Date,
  actor: Actor,
  id: number,
  input: MilestoneInput,
): Promise<number | undefined> {
  return transact(deps, async (trx, announce) => {
    const row = await trx
      .updateTable('milestones')
      .set({ happened_on: input.date, texts: JSON.stringify(input.texts), updated_at: now })
      .where('id', '=', id)
      .returning('statement_id')
      .executeTakeFirst();
    if (!row) {
      return undefined;
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'milestone.edit',
        statementId: row.statement_id,
        details: { milestone: id, date: input.date },
      },
      now,
    );
    await announce({ kind: 'changed', statementId: row.statement_id });
    return row.statement_id;
  });
}

export async function deleteMilestone(
  deps: MilestoneDeps,
  now: Date,
  actor: Actor,
  id: number,
): Promise<number | undefined> {
  return transact(deps, async (trx, announce) => {
    const row = await trx
      .deleteFrom('milestones')
      .where('id', '=', id)
      .returning(['statement_id', 'happened_on'])
      .executeTakeFirst();
    if (!row) {
      return undefined;
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'milestone.delete',
        statementId: row.statement_id,
        details: { milestone: id, date: row.happened_on },
      },
      now,
    );
    await announce({ kind: 'changed', statementId: row.statement_id });
    return row.statement_id;
  });
}

export async function findMilestone(db: DbOrTx, id: number): Promise<MilestoneRow | undefined> {
  return db.selectFrom('milestones').selectAll().where('id', '=', id).executeTakeFirst();
}
