import type { I18n } from '../../i18n/i18n.js';
import type { AmendmentState } from '../../amendments/queries.js';
import { toDateTimeLocal } from '../statement-admin.js';
import { statusLabel } from './labels.js';
import { CsrfField, Field, describedBy } from './staff-page.js';

/**
 * Who has not endorsed the current version since the last substantive change (README "Amending a
 * statement"), the deadline for doing so, and — once it has passed — the one action that removes them.
 */
export function AmendmentPage(props: {
  i18n: I18n;
  csrf: string;
  statementId: number;
  title: string;
  state: AmendmentState;
  now: Date;
  deadlineValue?: string | undefined;
  deadlineError?: string | undefined;
}) {
  const { i18n, state } = props;
  const t = i18n.t;
  const base = `/admin/statements/${props.statementId}`;
  const a = state.amendment;
  return (
    <>
      <p>
        <a href={base}>{t('staff.statement.back')}</a>
      </p>
      <h1>{t('staff.amend.title', { title: props.title })}</h1>
      {!a ? (
        <p>{t('staff.amend.none')}</p>
      ) : (
        <>
          <p>
            {t('staff.amend.current', {
              version: i18n.number(state.version),
              date: i18n.dateTime(a.createdAt),
            })}
          </p>
          <h2>{t('staff.amend.summaryLabel')}</h2>
          <blockquote lang={a.locale}>
            <p>{a.summary}</p>
          </blockquote>
          <h2 id="waiting-heading">
            {t('staff.amend.waiting')} ({i18n.number(state.outdated.length)} / {i18n.number(state.standing)})
          </h2>
          {state.outdated.length === 0 ? (
            <p>{t('staff.amend.everyone')}</p>
          ) : (
            <div class="table-wrap" tabindex={0} role="region" aria-labelledby="waiting-heading">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('endorse.field.org_name')}</th>
                    <th scope="col">{t('endorse.field.country')}</th>
                    <th scope="col">{t('staff.field.status')}</th>
                    <th scope="col">{t('staff.amend.version')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.outdated.map((e) => (
                    <tr data-endorsement={String(e.id)}>
                      <td>{e.name}</td>
                      <td>{i18n.country(e.country)}</td>
                      <td>{statusLabel(t, e.status)}</td>
                      <td>{i18n.number(e.version)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id="deadline-heading">{t('staff.amend.deadline.heading')}</h2>
          <p>
            {a.deadline
              ? t('staff.amend.deadline.is', { date: i18n.dateTime(a.deadline) })
              : t('staff.amend.deadline.none')}
          </p>
          <form method="post" action={`${base}/amendment/deadline`}>
            <CsrfField token={props.csrf} />
            <Field
              id="deadline"
              label={t('staff.amend.deadline.label')}
              hint={t('staff.amend.deadline.hint')}
              error={props.deadlineError}
            >
              <input
                type="datetime-local"
                id="deadline"
                name="deadline"
                value={props.deadlineValue ?? toDateTimeLocal(a.deadline)}
                aria-describedby={describedBy('deadline', true, props.deadlineError)}
              />
            </Field>
            <button type="submit" class="secondary">
              {t('staff.amend.deadline.button')}
            </button>
          </form>
          <h2>{t('staff.amend.remove.heading')}</h2>
          <p>{t('staff.amend.remove.hint')}</p>
          {!a.deadline ? (
            <p class="notice warn">{t('staff.amend.remove.noDeadline')}</p>
          ) : a.deadline > props.now ? (
            <p class="notice warn">{t('staff.amend.remove.tooEarly', { date: i18n.dateTime(a.deadline) })}</p>
          ) : null}
          <form method="post" action={`${base}/amendment/remove`}>
            <CsrfField token={props.csrf} />
            <button type="submit">{t('staff.amend.remove.button')}</button>
          </form>
        </>
      )}
    </>
  );
}
