import * as v from 'valibot';
import type { DbOrTx, PublishOn, Statement, StatementStatus } from '../db/database.js';
import { PUBLISH_ON, STATEMENT_STATUSES } from '../db/database.js';
import { SLUG_PATTERN } from '../statements/statement-file.js';
import { notifyLiveChange } from '../live/notify.js';

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (a datetime-local input), read as UTC; empty = no closing date. */
export const ClosesAt = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => s === '' || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(s), 'staff.error.closesAt'),
  // A date alone means the end of that day (UTC), as pages say "open until <date>".
  v.transform((s) => (s === '' ? null : new Date(s.length === 10 ? `${s}T23:59:59Z` : `${s.length === 16 ? `${s}:00` : s}Z`))),
  v.check((d) => d === null || !Number.isNaN(d.getTime()), 'staff.error.closesAt'),
);

export const StatementSettings = v.object({
  status: v.picklist(STATEMENT_STATUSES, 'staff.error.status'),
  publish_on: v.picklist(PUBLISH_ON, 'staff.error.publishOn'),
  closes_at: ClosesAt,
  authoritative: v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'staff.error.authoritative')),
});
export type StatementSettingsInput = v.InferOutput<typeof StatementSettings>;

export const TextInput = v.object({
  title: v.pipe(v.string(), v.trim(), v.minLength(1, 'staff.error.title'), v.maxLength(300, 'staff.error.title')),
  body: v.pipe(v.string(), v.transform((s) => s.replace(/\r\n?/g, '\n').trim()), v.minLength(1, 'staff.error.body'), v.maxLength(200_000, 'staff.error.body')),
});

export const NewStatement = v.object({
  slug: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(SLUG_PATTERN, 'staff.error.slug')),
  locale: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z]{2}$/, 'staff.error.locale')),
  publish_on: v.picklist(PUBLISH_ON, 'staff.error.publishOn'),
  closes_at: ClosesAt,
  ...TextInput.entries,
});

/** A datetime-local value for a stored date (UTC). */
export const toDateTimeLocal = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : '');

/**
 * Status, publish_on, closing date and authoritative language, changed together. Returns what changed
 * (for the audit log), empty when nothing did.
 */
export async function updateStatementSettings(trx: DbOrTx, statement: Statement, input: StatementSettingsInput, now: Date) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: { status?: StatementStatus; publish_on?: PublishOn; closes_at?: Date | null; opened_at?: Date } = {};
  if (statement.status !== input.status) {
    changes.status = { from: statement.status, to: input.status };
    set.status = input.status;
    if (input.status === 'open' && !statement.opened_at) set.opened_at = now;
  }
  if (statement.publish_on !== input.publish_on) {
    changes.publish_on = { from: statement.publish_on, to: input.publish_on };
    set.publish_on = input.publish_on;
  }
  if ((statement.closes_at?.getTime() ?? null) !== (input.closes_at?.getTime() ?? null)) {
    changes.closes_at = { from: statement.closes_at?.toISOString() ?? null, to: input.closes_at?.toISOString() ?? null };
    set.closes_at = input.closes_at;
  }
  if (Object.keys(set).length) await trx.updateTable('statements').set({ ...set, updated_at: now }).where('id', '=', statement.id).execute();
  const current = await trx.selectFrom('statement_texts').select(['locale', 'authoritative']).where('statement_id', '=', statement.id).execute();
  const was = current.find((x) => x.authoritative)?.locale ?? null;
  if (was !== input.authoritative && current.some((x) => x.locale === input.authoritative)) {
    // Two steps: the partial unique index allows one authoritative text per statement at any moment.
    await trx.updateTable('statement_texts').set({ authoritative: false }).where('statement_id', '=', statement.id).execute();
    await trx.updateTable('statement_texts').set({ authoritative: true }).where('statement_id', '=', statement.id).where('locale', '=', input.authoritative).execute();
    changes.authoritative = { from: was, to: input.authoritative };
  }
  // Open/closed, closing date and authoritative text show on public pages cached in every process.
  if (Object.keys(changes).length) await notifyLiveChange(trx, { kind: 'changed', statementId: statement.id });
  return changes;
}
