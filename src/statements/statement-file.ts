import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { PUBLISH_ON } from '../db/database.js';
import type { StatementInput } from './queries.js';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

const FrontMatter = v.object({
  slug: v.pipe(
    v.string('must be text'),
    v.trim(),
    v.regex(
      SLUG_PATTERN,
      'must be 1–80 lowercase letters, digits and hyphens, starting with a letter or digit',
    ),
  ),
  title: v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(300, 'must be at most 300 characters'),
  ),
  locale: v.optional(
    v.pipe(
      v.string('must be text'),
      v.trim(),
      v.toLowerCase(),
      v.regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en or fr'),
    ),
    'en',
  ),
  publish_on: v.optional(v.picklist(PUBLISH_ON, 'must be verified or confirmed')),
  closes_at: v.optional(
    v.pipe(
      v.union([v.string(), v.date()], 'must be a date such as 2026-12-31 or 2026-12-31T18:00:00Z'),
      // A date alone means "until the end of that day" (UTC): pages say "open until 31 December".
      v.transform((x) =>
        x instanceof Date ? x : new Date(/^\d{4}-\d{2}-\d{2}$/.test(x.trim()) ? `${x.trim()}T23:59:59Z` : x),
      ),
      v.check((d) => !Number.isNaN(d.getTime()), 'must be a date such as 2026-12-31 or 2026-12-31T18:00:00Z'),
    ),
  ),
  authoritative: v.optional(v.boolean('must be true or false')),
  // The embargo (README "Launching a statement"): the list stays hidden until then.
  launch_at: v.optional(
    v.pipe(
      v.union([v.string(), v.date()], 'must be a moment such as 2026-12-10T09:00:00Z'),
      v.transform((x) => (x instanceof Date ? x : new Date(x.trim()))),
      v.check((d) => !Number.isNaN(d.getTime()), 'must be a moment such as 2026-12-10T09:00:00Z'),
    ),
  ),
});

export type ParsedStatementFile = { ok: true; input: StatementInput } | { ok: false; errors: string[] };

/**
 * A statement file is Markdown with YAML front matter (slug, title, locale, publish_on, closes_at,
 * launch_at).
 * Every problem is reported with the field it concerns, so staff can fix the file in one go.
 */
export function parseStatementFile(text: string): ParsedStatementFile {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) {
    return {
      ok: false,
      errors: ['front matter: the file must start with a "---" line, the fields, and another "---" line'],
    };
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '', { schema: 'core' });
  } catch (err) {
    return { ok: false, errors: [`front matter: not valid YAML (${(err as Error).message.split('\n')[0]})`] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: ['front matter: must be a list of "field: value" lines'] };
  }
  const errors: string[] = [];
  const known = new Set(Object.keys(FrontMatter.entries));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) {
      errors.push(`${key}: unknown field (expected ${[...known].join(', ')})`);
    }
  }
  const result = v.safeParse(FrontMatter, data);
  if (!result.success) {
    for (const issue of result.issues) {
      const key = issue.path?.map((p) => String(p.key)).join('.') ?? 'front matter';
      const message = issue.input === undefined ? 'is required' : issue.message;
      errors.push(`${key}: ${message}`);
    }
  }
  const body = (match[2] ?? '').trim();
  if (!body) {
    errors.push('body: the statement text after the front matter is empty');
  }
  if (errors.length || !result.success) {
    return { ok: false, errors };
  }
  const fm = result.output;
  return {
    ok: true,
    input: {
      slug: fm.slug,
      title: fm.title,
      locale: fm.locale,
      body,
      publishOn: fm.publish_on,
      closesAt: fm.closes_at,
      authoritative: fm.authoritative,
      launchAt: fm.launch_at,
    },
  };
}
