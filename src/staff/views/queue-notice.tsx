import type { I18n } from '../../i18n/i18n.js';
import { CsrfField } from './staff-page.js';

export const DECISION_KINDS = [
  'verified',
  'rejected',
  'bulk',
  'undone',
  'resent',
  'resendRefused',
  'noneSelected',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What the notice after a decision says: the organisations by name, and what can still be undone. */
export interface DecisionNotice {
  kind: DecisionKind;
  names: string[];
  /** Of the decided endorsements, those this staff member may still undo (within the window). */
  undoIds: number[];
  skipped: number;
}

const NAMED = 5;

/** The notice after a decision, naming the organisation(s), with Undo while the window is open. */
export function DecisionNoticeView(props: {
  i18n: I18n;
  csrf: string;
  notice: DecisionNotice;
  back: string;
  minutes: number;
}) {
  const { i18n, notice } = props;
  const t = i18n.t;
  const names =
    notice.names.slice(0, NAMED).join(', ') +
    (notice.names.length > NAMED
      ? ` ${t('staff.q.andMore', { count: i18n.number(notice.names.length - NAMED) })}`
      : '');
  const text = (() => {
    switch (notice.kind) {
      case 'verified':
        return t('staff.q.done.verified', {
          organisation: names,
          duration: i18n.duration(props.minutes, 'minute'),
        });
      case 'rejected':
        return t('staff.q.done.rejected', { organisation: names });
      case 'bulk':
        return t('staff.q.done.bulk', {
          count: i18n.number(notice.names.length),
          organisations: names,
          skipped: i18n.number(notice.skipped),
        });
      case 'undone':
        return t('staff.q.done.undone', { organisation: names });
      case 'resent':
        return t('staff.q.done.resent', { organisation: names });
      case 'resendRefused':
        return t('staff.q.done.resendRefused', { organisation: names });
      case 'noneSelected':
        return t('staff.error.noneSelected');
    }
  })();
  const warn = notice.kind === 'noneSelected' || notice.kind === 'resendRefused' || notice.skipped > 0;
  return (
    <div class={`notice ${warn ? 'warn' : 'ok'} decision`} role="status" id="decision">
      <p>{text}</p>
      {notice.undoIds.length ? (
        <form method="post" action="/admin/queue/undo" class="undo">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          {notice.undoIds.map((id) => (
            <input type="hidden" name="ids" value={String(id)} />
          ))}
          <button type="submit" class="secondary" data-key="undo">
            {notice.undoIds.length > 1
              ? t('staff.q.undoAll', { count: i18n.number(notice.undoIds.length) })
              : t('staff.q.undo')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
