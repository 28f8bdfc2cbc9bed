import { field } from './env.js';
import { parseQueueFilter, queueQuery, type QueueFilter } from './queue-filter.js';

export type Form = Record<string, string | string[]>;

/**
 * The queue a form came from (its `back` field holds the list's query string), re-parsed: only the
 * known filters survive, so a redirect built from it stays on the queue whatever was posted.
 */
export function backFilter(form: Form, statementId?: number): QueueFilter {
  const raw = field(form, 'back').slice(0, 1000);
  const params = Object.fromEntries(new URLSearchParams(raw)) as Record<string, string>;
  const f = parseQueueFilter(params);
  return raw || !statementId ? f : { ...f, statementId };
}

/** Where the queue answers a decision: the same list and filters, the notice, the next row in view. */
export function queueAfter(
  f: QueueFilter,
  done: string,
  opts: { ids?: number[]; skipped?: number; next?: number | undefined } = {},
): string {
  const p = new URLSearchParams(queueQuery({ ...f, after: undefined }));
  p.set('done', done);
  if (opts.ids?.length) {
    p.set('ids', opts.ids.join('.'));
  }
  if (opts.skipped) {
    p.set('skipped', String(opts.skipped));
  }
  if (opts.next) {
    p.set('focus', String(opts.next));
  }
  return `/admin/queue?${p.toString()}${opts.next ? `#e${opts.next}` : '#decision'}`;
}
