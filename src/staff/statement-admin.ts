import * as v from 'valibot';
import { PUBLISH_ON, STATEMENT_STATUSES } from '../db/database.js';
import { SLUG_PATTERN } from '../statements/statement-file.js';
import { LOCALES } from '../i18n/i18n.js';

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (a datetime-local input), read as UTC; empty = no closing date. */
export const ClosesAt = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => s === '' || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(s), 'staff.error.closesAt'),
  // A date alone means the end of that day (UTC), as pages say "open until <date>".
  v.transform((s) =>
    s === '' ? null : new Date(s.length === 10 ? `${s}T23:59:59Z` : `${s.length === 16 ? `${s}:00` : s}Z`),
  ),
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
  title: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'staff.error.title'),
    v.maxLength(300, 'staff.error.title'),
  ),
  body: v.pipe(
    v.string(),
    v.transform((s) => s.replace(/\r\n?/g, '\n').trim()),
    v.minLength(1, 'staff.error.body'),
    v.maxLength(200_000, 'staff.error.body'),
  ),
});

export const NewStatement = v.object({
  slug: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(SLUG_PATTERN, 'staff.error.slug')),
  locale: v.picklist(LOCALES, 'staff.error.locale'),
  publish_on: v.picklist(PUBLISH_ON, 'staff.error.publishOn'),
  closes_at: ClosesAt,
  ...TextInput.entries,
});

/** A datetime-local value for a stored date (UTC). */
export const toDateTimeLocal = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : '');

/** Minor or substantive (README "Amending a statement"); missing means minor, as in the CLI. */
export const ChangeInput = v.variant('change', [
  v.object({ change: v.literal('minor'), summary: v.string() }),
  v.object({
    change: v.literal('substantive'),
    summary: v.pipe(
      v.string(),
      v.transform((s) => s.replace(/\r\n?/g, '\n').trim()),
      v.minLength(1, 'staff.error.summary'),
      v.maxLength(2000, 'staff.error.summary'),
    ),
  }),
]);
/**
 * A web address made from a title ("Riders deserve contracts!" → "riders-deserve-contracts"):
 * accents dropped, ASCII letters and digits kept, at most 80 characters. Empty when the title has
 * no Latin letters or digits (then the address must be typed).
 */
export function suggestSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
