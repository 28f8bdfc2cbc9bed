import * as v from 'valibot';
import { ORG_TYPES, type OrgType } from '../db/database.js';

/** Signatories shown per page of the statement page: 100 pages reach the 10,000th. */
export const PAGE_SIZE = 100;

export interface ListQuery {
  q: string | undefined;
  country: string | undefined;
  type: OrgType | undefined;
  page: number;
}

const QuerySchema = v.object({
  q: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.replace(/\s+/g, ' ').trim().slice(0, 100)),
    ),
  ),
  country: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/))),
  type: v.optional(v.picklist(ORG_TYPES)),
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1))),
});

/**
 * The list's search and filters from the page's query string. A reader who edits the URL into
 * nonsense gets the unfiltered list rather than an error: each bad value is simply ignored.
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const pick = (key: keyof v.InferInput<typeof QuerySchema>) => {
    const raw = params.get(key);
    if (raw === null || raw === '') {
      return undefined;
    }
    const r = v.safeParse(QuerySchema.entries[key], raw);
    return r.success ? r.output : undefined;
  };
  const q = pick('q') as string | undefined;
  return {
    q: q || undefined,
    country: pick('country') as string | undefined,
    type: pick('type') as OrgType | undefined,
    page: (pick('page') as number | undefined) ?? 1,
  };
}

export function isFiltered(q: ListQuery): boolean {
  return !!(q.q || q.country || q.type);
}

/** The query string for a page of the same search. */
export function listHref(base: string, q: ListQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.q) {
    p.set('q', q.q);
  }
  if (q.country) {
    p.set('country', q.country);
  }
  if (q.type) {
    p.set('type', q.type);
  }
  if (page > 1) {
    p.set('page', String(page));
  }
  const s = p.toString();
  return `${base}${s ? `?${s}` : ''}#signatory-list`;
}
