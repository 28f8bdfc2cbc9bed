import type { Endorsement, EndorsementStatus, Statement } from '../../db/database.js';
import type { I18n } from '../../i18n/i18n.js';
import { CorrectionForm, NoteForm } from './queue-page.js';
import { CsrfField } from './staff-page.js';
import { statusLabel, typeLabel } from './labels.js';
import { EnterLinks, InitiatorForm } from './launch-pages.js';

export const LISTED_STATUSES = [
  'verified',
  'confirmed',
  'rejected',
  'withdrawn',
] as const satisfies readonly EndorsementStatus[];

/** Decided endorsements of a statement, by state, where staff correct listed names and add notes. */
export function EndorsementList(props: {
  i18n: I18n;
  csrf: string;
  statement: Statement;
  title: string;
  status: (typeof LISTED_STATUSES)[number];
  /** How many are in each tab. */
  counts: Record<string, number>;
  rows: Array<Endorsement & { decided_by_name: string | null }>;
  nextPage: number | undefined;
}) {
  const { i18n, statement } = props;
  const t = i18n.t;
  const base = `/admin/statements/${statement.id}/endorsements`;
  return (
    <>
      <h1>{t('staff.list.title', { title: props.title })}</h1>
      <p>
        <a href={`/admin/statements/${statement.id}/queue`}>{t('staff.statement.queueLink')}</a> ·{' '}
        <EnterLinks i18n={i18n} statementId={statement.id} />
      </p>
      <nav aria-label={t('staff.list.filter')}>
        <ul class="inline-list">
          {LISTED_STATUSES.map((s) => (
            <li>
              <a href={`${base}?status=${s}`} aria-current={s === props.status ? 'page' : undefined}>
                {statusLabel(t, s)} ({i18n.number(props.counts[s] ?? 0)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p class="notice">{t('staff.list.empty')}</p>
      ) : (
        <ul class="cards">
          {props.rows.map((e) => (
            <li class="card" id={`e${e.id}`}>
              <h2>{e.display_name}</h2>
              <p class="muted">
                {typeLabel(t, e.org_type)} · {i18n.country(e.country)}
                {e.city ? ` · ${e.city}` : ''} · {statusLabel(t, e.status)}
                {e.decided_by_name ? ` (${e.decided_by_name})` : ''}
                {e.rejection_reason ? ` — ${e.rejection_reason}` : ''}
              </p>
              {e.staff_note ? <p>{e.staff_note}</p> : null}
              {e.status === 'verified' || e.status === 'confirmed' ? (
                <InitiatorForm i18n={i18n} csrf={props.csrf} id={e.id} initiator={e.initiator} />
              ) : null}
              {e.status !== 'withdrawn' && !e.erased_at ? (
                <details>
                  <summary>{t('staff.action.correct')}</summary>
                  <CorrectionForm i18n={i18n} csrf={props.csrf} endorsement={e} />
                </details>
              ) : null}
              <details>
                <summary>{t('staff.action.note')}</summary>
                <NoteForm i18n={i18n} csrf={props.csrf} endorsement={e} />
              </details>
              <Reversal i18n={i18n} csrf={props.csrf} endorsement={e} />
            </li>
          ))}
        </ul>
      )}
      {props.nextPage ? (
        <p>
          <a href={`${base}?status=${props.status}&page=${props.nextPage}`}>{t('staff.list.next')}</a>
        </p>
      ) : null}
    </>
  );
}

/**
 * Later reversal of a decision: "Reopen for review" (back to the queue) for a verified or rejected
 * endorsement, and "Unlist…" (with a reason) for a listed one — the destructive one last.
 */
function Reversal(props: { i18n: I18n; csrf: string; endorsement: Endorsement }) {
  const t = props.i18n.t;
  const e = props.endorsement;
  if ((e.status !== 'verified' && e.status !== 'rejected') || e.erased_at) {
    return null;
  }
  const base = `/admin/endorsements/${e.id}`;
  return (
    <div class="actions reversal">
      <form method="post" action={`${base}/reopen`}>
        <CsrfField token={props.csrf} />
        <button type="submit" class="secondary">
          {t('staff.q.reopen')}
        </button>
      </form>
      {e.status === 'verified' ? (
        <details class="reject">
          <summary>{t('staff.q.unlist')}</summary>
          <form method="post" action={`${base}/unlist`}>
            <CsrfField token={props.csrf} />
            <label for={`unlist-${e.id}`}>{t('staff.action.rejectReason')}</label>
            <textarea id={`unlist-${e.id}`} name="reason" required maxlength={1000}></textarea>
            <label class="check">
              <input type="checkbox" name="tell" value="1" />
              <span>{t('staff.action.tell')}</span>
            </label>
            <button type="submit" class="secondary">
              {t('staff.q.unlistSubmit')}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
