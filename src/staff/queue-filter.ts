import * as v from 'valibot';
import { ORG_TYPES, type OrgType } from '../db/database.js';
import { isCountryCode } from '../endorsements/countries.js';
import { catalogues } from '../i18n/locales/index.js';
import type { DomainCheck } from './domains.js';

/** The queue's two lists: confirmed endorsements waiting for a decision, and sign-ups not confirmed yet. */
export const QUEUE_TABS = ['waiting', 'unconfirmed'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const DOMAIN_CHECKS = [
  'match',
  'mismatch',
  'free-mail',
  'no-website',
] as const satisfies readonly DomainCheck[];

/** Where the list resumes: the sort time (ms) and id of the last row of the previous page. */
export interface QueueCursor {
  at: number;
  id: number;
}

/** What a verifier asked the queue for: the list, a statement (else every open one), search and filters. */
export interface QueueFilter {
  tab: QueueTab;
  statementId?: number | undefined;
  q?: string | undefined;
  country?: string | undefined;
  type?: OrgType | undefined;
  domain?: DomainCheck | undefined;
  duplicates?: boolean | undefined;
  lang?: string | undefined;
  after?: QueueCursor | undefined;
}

const optional = <T extends v.GenericSchema>(schema: T) => v.fallback(v.optional(schema), undefined);
const digits = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.transform(Number), v.safeInteger());

/** Every query parameter of the queue, parsed; anything malformed is ignored (a filter is not an error). */
const Query = v.object({
  tab: v.fallback(v.picklist(QUEUE_TABS), 'waiting'),
  statement: optional(digits),
  q: optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(100),
      v.transform((s) => s || undefined),
    ),
  ),
  country: optional(
    v.pipe(
      v.string(),
      v.toUpperCase(),
      v.check((s) => isCountryCode(s)),
    ),
  ),
  type: optional(v.picklist(ORG_TYPES)),
  domain: optional(v.picklist(DOMAIN_CHECKS)),
  dup: optional(
    v.pipe(
      v.literal('1'),
      v.transform(() => true),
    ),
  ),
  // Not `lang`: that one chooses the interface's language (src/http/locale.ts).
  language: optional(
    v.pipe(
      v.string(),
      v.check((s) => s in catalogues),
    ),
  ),
  after: optional(
    v.pipe(
      v.string(),
      v.regex(/^[0-9]{1,15}\.[1-9][0-9]{0,15}$/),
      v.transform((s) => {
        const [at, id] = s.split('.').map(Number) as [number, number];
        return { at, id };
      }),
    ),
  ),
});

/** The queue filter from a request's query parameters (or a form's `back` field holding them). */
export function parseQueueFilter(params: Record<string, string | undefined>): QueueFilter {
  const p = v.parse(Query, params);
  return {
    tab: p.tab,
    statementId: p.statement,
    q: p.q,
    country: p.country,
    type: p.type,
    domain: p.domain,
    duplicates: p.dup,
    lang: p.language,
    after: p.after,
  };
}

/** The query string of a filter (without the page cursor unless asked), for links and redirects. */
export function queueQuery(f: QueueFilter, opts: { after?: QueueCursor | undefined } = {}): string {
  const p = new URLSearchParams();
  if (f.tab !== 'waiting') {
    p.set('tab', f.tab);
  }
  if (f.statementId) {
    p.set('statement', String(f.statementId));
  }
  if (f.q) {
    p.set('q', f.q);
  }
  if (f.country) {
    p.set('country', f.country);
  }
  if (f.type) {
    p.set('type', f.type);
  }
  if (f.domain) {
    p.set('domain', f.domain);
  }
  if (f.duplicates) {
    p.set('dup', '1');
  }
  if (f.lang) {
    p.set('language', f.lang);
  }
  if (opts.after) {
    p.set('after', `${opts.after.at}.${opts.after.id}`);
  }
  return p.toString();
}

/** Whether any search or filter is set (the page then says "found", not "waiting"). */
export const isFiltered = (f: QueueFilter) =>
  !!(f.q || f.country || f.type || f.domain || f.duplicates || f.lang);

/** A search term's parts: the name key (as normaliseOrgName makes it), and a domain if it looks like one. */
export function searchTerms(q: string, key: (s: string) => string) {
  const compact = q.trim().toLowerCase();
  const domain = /^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(compact) ? compact.replace(/^@/, '') : undefined;
  return { key: key(q), lower: compact, domain };
}
