import type { I18n } from '../../i18n/i18n.js';
import type { Counts } from '../../live/counts.js';
import type { ActivityDay } from '../../pictures/activity.js';
import { ActivityBlock } from '../../pictures/activity-view.js';
import type { StatementSummary } from '../../statements/queries.js';
import { EMPTY_STATS, type StatementStats } from '../dashboard-stats.js';
import { statementStatusLabel } from './labels.js';

/** "3 hours", "2 days": how long the oldest endorsement has waited, in the largest whole unit. */
function age(i18n: I18n, since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) {
    return i18n.duration(minutes, 'minute');
  }
  if (minutes < 48 * 60) {
    return i18n.duration(Math.floor(minutes / 60), 'hour');
  }
  return i18n.duration(Math.floor(minutes / 1440), 'day');
}

/** Every statement with what needs doing and how it is going: where staff start. */
export function Dashboard(props: {
  i18n: I18n;
  statements: Array<StatementSummary & { counts: Counts }>;
  stats: Map<number, StatementStats>;
  /** Per statement: received, confirmed and made public per day (src/pictures/activity.ts). */
  activity: Map<number, ActivityDay[]>;
  isAdmin: boolean;
  now: Date;
}) {
  const { i18n, statements } = props;
  const t = i18n.t;
  const openIds = new Set(statements.filter((s) => s.status === 'open').map((s) => s.id));
  const waitingOpen = [...props.stats].reduce((n, [id, s]) => n + (openIds.has(id) ? s.waiting : 0), 0);
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
      {openIds.size ? (
        <p class={waitingOpen ? 'queue-all' : 'queue-all calm'}>
          <a href="/admin/queue">
            {waitingOpen
              ? t('staff.d.allWaiting', { count: i18n.number(waitingOpen) })
              : t('staff.d.allCalm')}
          </a>
        </p>
      ) : null}
      {statements.length === 0 ? (
        <p class="notice">{props.isAdmin ? t('staff.dashboard.emptyAdmin') : t('staff.dashboard.empty')}</p>
      ) : (
        <ul class="cards dashboard">
          {statements.map((s) => {
            const st = props.stats.get(s.id) ?? EMPTY_STATS;
            const closedByDate = s.status === 'open' && s.closesAt !== null && s.closesAt <= props.now;
            const figures: Array<[string, number]> = [
              [t('staff.d.public'), s.counts.total],
              [t('staff.d.countries'), s.counts.countries],
              [t('staff.d.members'), s.counts.members],
              [t('staff.d.waiting'), st.waiting],
              [t('staff.d.unconfirmed'), st.unconfirmed],
              [t('staff.d.rejected'), st.rejected],
              [t('staff.d.withdrawn'), st.withdrawn],
              [t('staff.d.newToday'), st.newToday],
            ];
            return (
              <li class={st.waiting ? 'card' : 'card calm'}>
                <h2 lang={s.locale}>{s.title}</h2>
                <p class="muted">
                  {closedByDate
                    ? t('staff.statement.closedByDate', { date: i18n.date(s.closesAt!) })
                    : statementStatusLabel(t, s.status)}{' '}
                  ·{' '}
                  {s.closesAt && !closedByDate
                    ? t('staff.d.closes', { date: i18n.dateTime(s.closesAt) })
                    : s.closesAt
                      ? ''
                      : t('staff.d.noClosing')}
                </p>
                <p class="queue-link">
                  {st.waiting ? (
                    <>
                      <a class="button" href={`/admin/statements/${s.id}/queue`}>
                        {t('staff.dashboard.waiting', { count: i18n.number(st.waiting) })}
                      </a>{' '}
                      {st.oldestWaiting ? (
                        <span class="muted">
                          {t('staff.d.oldest', { age: age(i18n, st.oldestWaiting, props.now) })}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <a href={`/admin/statements/${s.id}/queue`}>{t('staff.dashboard.noneWaiting')}</a>
                  )}
                </p>
                <dl class="figures">
                  {figures.map(([label, n]) => (
                    <div>
                      <dt>{label}</dt>
                      <dd>{i18n.number(n)}</dd>
                    </div>
                  ))}
                </dl>
                <ActivityBlock i18n={i18n} days={props.activity.get(s.id)} />
                <p>
                  <a href={`/admin/statements/${s.id}/endorsements`}>{t('staff.d.decided')}</a>
                  {props.isAdmin ? (
                    <>
                      {' · '}
                      <a href={`/admin/statements/${s.id}`}>{t('staff.statement.editLink')}</a> ·{' '}
                      <a href={`/admin/statements/${s.id}/preview`}>{t('staff.statement.preview')}</a> ·{' '}
                      <a href={`/admin/statements/${s.id}/endorsements.csv`}>{t('staff.export.link')}</a>
                    </>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
