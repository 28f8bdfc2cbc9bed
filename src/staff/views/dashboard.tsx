import type { I18n } from '../../i18n/i18n.js';
import type { ActivityDay } from '../../pictures/activity.js';
import { ActivityBlock } from '../../pictures/activity-view.js';
import type { StatementSummary } from '../../statements/queries.js';
import { statementStatusLabel } from './labels.js';

/** Every statement with its queue size: where staff start. */
export function Dashboard(props: {
  i18n: I18n;
  statements: Array<StatementSummary & { total: number }>;
  counts: Map<number, number>;
  /** Per statement: received, confirmed and made public per day (src/pictures/activity.ts). */
  activity: Map<number, ActivityDay[]>;
  isAdmin: boolean;
  now: Date;
}) {
  const { i18n, statements } = props;
  const t = i18n.t;
  return (
    <>
      <h1>{t('staff.dashboard.title')}</h1>
      {props.isAdmin ? (
        <p>
          <a class="button" href="/admin/statements/new">
            {t('staff.statement.new')}
          </a>
        </p>
      ) : null}
      {statements.length === 0 ? (
        <p class="notice">{props.isAdmin ? t('staff.dashboard.emptyAdmin') : t('staff.dashboard.empty')}</p>
      ) : (
        <ul class="cards">
          {statements.map((s) => {
            const waiting = props.counts.get(s.id) ?? 0;
            const closedByDate = s.status === 'open' && s.closesAt !== null && s.closesAt <= props.now;
            return (
              <li class="card">
                <h2 lang={s.locale}>{s.title}</h2>
                <p class="muted">
                  {closedByDate
                    ? t('staff.statement.closedByDate', { date: i18n.date(s.closesAt!) })
                    : statementStatusLabel(t, s.status)}{' '}
                  · {t('staff.dashboard.public', { count: i18n.number(s.total) })}
                </p>
                <ActivityBlock i18n={i18n} days={props.activity.get(s.id)} />
                <p>
                  <a class="button" href={`/admin/statements/${s.id}/queue`}>
                    {waiting
                      ? t('staff.dashboard.waiting', { count: i18n.number(waiting) })
                      : t('staff.dashboard.noneWaiting')}
                  </a>
                </p>
                {props.isAdmin ? (
                  <p>
                    <a href={`/admin/statements/${s.id}`}>{t('staff.statement.editLink')}</a> ·{' '}
                    <a href={`/admin/statements/${s.id}/preview`}>{t('staff.statement.preview')}</a> ·{' '}
                    <a href={`/admin/statements/${s.id}/endorsements.csv`}>{t('staff.export.link')}</a>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
