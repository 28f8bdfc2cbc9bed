import { raw } from 'hono/html';
import type { EndorserUpdateRow, MilestoneRow, UpdateAudience } from '../../db/database.js';
import { UPDATE_AUDIENCES } from '../../db/database.js';
import { assetUrl } from '../../http/assets.js';
import { NUMBERING_SYSTEM, type I18n } from '../../i18n/i18n.js';
import type { StatementWithTexts } from '../../statements/queries.js';
import { CsrfField, describedBy, Field } from './staff-page.js';

/** What the update form shows: the audience and, per language, a subject and a body. */
export interface UpdateValues {
  audience: UpdateAudience;
  texts: Record<string, { subject: string; body: string }>;
}

export interface UpdateProgressView {
  queued: number;
  sent: number;
  failed: number;
}

/** The statement's languages, authoritative first: the ones an update or a milestone can be written in. */
const languagesOf = (statement: StatementWithTexts, authoritative: string) => [
  authoritative,
  ...statement.texts.map((x) => x.locale).filter((l) => l !== authoritative),
];

function UpdateForm(props: {
  i18n: I18n;
  csrf: string;
  action: string;
  statement: StatementWithTexts;
  authoritative: string;
  values: UpdateValues;
  error?: string | undefined;
  submit: string;
}) {
  const { i18n, values } = props;
  const t = i18n.t;
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      {props.error ? (
        <p class="error-text" id="update-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('staff.updates.audienceLegend')}</legend>
        {UPDATE_AUDIENCES.map((a) => (
          <label class="choice">
            <input type="radio" name="audience" value={a} checked={values.audience === a} />{' '}
            {t(`staff.updates.audience.${a}`)}
          </label>
        ))}
      </fieldset>
      {languagesOf(props.statement, props.authoritative).map((locale) => {
        const language = i18n.languageName(locale);
        const v = values.texts[locale] ?? { subject: '', body: '' };
        return (
          <fieldset lang={locale}>
            <legend>{language}</legend>
            <Field id={`subject_${locale}`} label={t('staff.updates.subject', { language })}>
              <input
                type="text"
                id={`subject_${locale}`}
                name={`subject_${locale}`}
                value={v.subject}
                maxlength={200}
                required={locale === props.authoritative}
                aria-describedby={describedBy(`subject_${locale}`, false, props.error)}
              />
            </Field>
            <Field id={`body_${locale}`} label={t('staff.updates.body', { language })}>
              <textarea
                id={`body_${locale}`}
                name={`body_${locale}`}
                rows={10}
                required={locale === props.authoritative}
              >
                {v.body}
              </textarea>
            </Field>
          </fieldset>
        );
      })}
      <button type="submit">{props.submit}</button>
    </form>
  );
}

function MilestoneFields(props: {
  i18n: I18n;
  statement: StatementWithTexts;
  authoritative: string;
  idPrefix: string;
  date: string;
  texts: Record<string, string>;
}) {
  const { i18n } = props;
  const t = i18n.t;
  return (
    <>
      <Field id={`${props.idPrefix}date`} label={t('staff.milestones.date')}>
        <input type="date" id={`${props.idPrefix}date`} name="date" value={props.date} required />
      </Field>
      {languagesOf(props.statement, props.authoritative).map((locale) => (
        <Field
          id={`${props.idPrefix}text_${locale}`}
          label={t('staff.milestones.text', { language: i18n.languageName(locale) })}
        >
          <textarea
            id={`${props.idPrefix}text_${locale}`}
            name={`text_${locale}`}
            rows={2}
            maxlength={1000}
            lang={locale}
            required={locale === props.authoritative}
          >
            {props.texts[locale] ?? ''}
          </textarea>
        </Field>
      ))}
    </>
  );
}

/** A statement's updates (and the form for a new one) and its milestones. */
export function UpdatesPage(props: {
  i18n: I18n;
  csrf: string;
  statement: StatementWithTexts;
  title: string;
  authoritative: string;
  updates: EndorserUpdateRow[];
  milestones: MilestoneRow[];
  values: UpdateValues;
  error?: string | undefined;
  milestoneError?: string | undefined;
}) {
  const { i18n, statement } = props;
  const t = i18n.t;
  const language = i18n.languageName(props.authoritative);
  const base = `/admin/statements/${statement.id}`;
  const subjectOf = (u: EndorserUpdateRow) =>
    (u.texts[props.authoritative] ?? Object.values(u.texts)[0])?.subject ?? '';
  return (
    <>
      <p>
        <a href={base}>{t('staff.statement.back')}</a>
      </p>
      <h1>{t('staff.updates.title', { title: props.title })}</h1>
      <h2 id="updates-heading">{t('staff.updates.list')}</h2>
      {props.updates.length === 0 ? (
        <p>{t('staff.updates.none')}</p>
      ) : (
        <ul>
          {props.updates.map((u) => (
            <li>
              <a href={`/admin/updates/${u.id}`}>{subjectOf(u)}</a> —{' '}
              {t(`staff.updates.audience.${u.audience}`)} —{' '}
              {u.status === 'sent' && u.sent_at
                ? t('staff.updates.sentOn', {
                    date: i18n.dateTime(u.sent_at),
                    count: i18n.number(u.recipients ?? 0),
                  })
                : t('staff.updates.draft')}
            </li>
          ))}
        </ul>
      )}
      <h2 id="new-update">{t('staff.updates.new')}</h2>
      <p>{t('staff.updates.intro', { language })}</p>
      <UpdateForm
        i18n={i18n}
        csrf={props.csrf}
        action={`${base}/updates`}
        statement={statement}
        authoritative={props.authoritative}
        values={props.values}
        error={props.error}
        submit={t('staff.updates.save')}
      />
      <h2 id="milestones">{t('staff.milestones.heading')}</h2>
      <p>{t('staff.milestones.intro', { language })}</p>
      {props.milestoneError ? (
        <p class="error-text" role="alert">
          {props.milestoneError}
        </p>
      ) : null}
      {props.milestones.length === 0 ? <p>{t('staff.milestones.none')}</p> : null}
      {props.milestones.map((m) => (
        <div class="milestone-edit">
          <form method="post" action={`/admin/milestones/${m.id}`}>
            <CsrfField token={props.csrf} />
            <MilestoneFields
              i18n={i18n}
              statement={statement}
              authoritative={props.authoritative}
              idPrefix={`m${m.id}_`}
              date={m.happened_on}
              texts={m.texts}
            />
            <button type="submit" class="secondary">
              {t('staff.milestones.save')}
            </button>
          </form>
          <form method="post" action={`/admin/milestones/${m.id}/delete`} class="inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="secondary small">
              {t('staff.milestones.delete')}
            </button>
          </form>
        </div>
      ))}
      <form method="post" action={`${base}/milestones`}>
        <CsrfField token={props.csrf} />
        <MilestoneFields
          i18n={i18n}
          statement={statement}
          authoritative={props.authoritative}
          idPrefix="new_"
          date=""
          texts={{}}
        />
        <label class="choice">
          <input type="checkbox" name="send" value="1" /> {t('staff.milestones.alsoSend')}
        </label>
        <button type="submit">{t('staff.milestones.add')}</button>
      </form>
    </>
  );
}

/** One update: a draft's preview, count, test and send; a sent one's progress. */
export function UpdatePage(props: {
  i18n: I18n;
  csrf: string;
  statement: StatementWithTexts;
  authoritative: string;
  update: EndorserUpdateRow;
  /** Each written language's subject and rendered body. */
  previews: Array<{ locale: string; subject: string; html: string }>;
  recipients: number;
  progress: UpdateProgressView;
  staffEmail: string;
  values: UpdateValues;
  error?: string | undefined;
}) {
  const { i18n, update } = props;
  const t = i18n.t;
  const base = `/admin/updates/${update.id}`;
  const sent = update.status === 'sent';
  return (
    <>
      <p>
        <a href={`/admin/statements/${props.statement.id}/updates`}>{t('staff.updates.back')}</a>
      </p>
      <h1>{props.previews[0]?.subject ?? ''}</h1>
      <p>{t(`staff.updates.audience.${update.audience}`)}</p>
      {sent && update.sent_at ? (
        <>
          <p>
            {t('staff.updates.sentOn', {
              date: i18n.dateTime(update.sent_at),
              count: i18n.number(update.recipients ?? 0),
            })}
          </p>
          <h2 id="progress-heading">{t('staff.updates.progress')}</h2>
          <dl
            class="update-progress"
            id="update-progress"
            data-progress-url={`${base}/progress`}
            data-queued={String(props.progress.queued)}
            data-numbering={NUMBERING_SYSTEM}
            aria-live="polite"
          >
            {(['queued', 'sent', 'failed'] as const).map((k) => (
              <div>
                <dt>{t(`staff.updates.${k}`)}</dt>
                <dd data-count={k}>{i18n.number(props.progress[k])}</dd>
              </div>
            ))}
          </dl>
          <script src={assetUrl('update-progress.js')} defer></script>
        </>
      ) : (
        <>
          <p class="notice warn" role="status">
            {t('staff.updates.recipients', { count: i18n.number(props.recipients) })}
          </p>
          <form method="post" action={`${base}/test`} class="inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="secondary">
              {t('staff.updates.test', { email: props.staffEmail })}
            </button>
          </form>{' '}
          <form method="post" action={`${base}/send`} class="inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" disabled={props.recipients === 0}>
              {t('staff.updates.send', { count: i18n.number(props.recipients) })}
            </button>
          </form>
        </>
      )}
      {props.previews.map((p) => (
        <section
          class="preview"
          lang={p.locale}
          aria-label={t('staff.updates.preview', { language: i18n.languageName(p.locale) })}
        >
          <h2>{t('staff.updates.preview', { language: i18n.languageName(p.locale) })}</h2>
          <p>
            <strong>{p.subject}</strong>
          </p>
          <div class="statement-body">{raw(p.html)}</div>
        </section>
      ))}
      {sent ? null : (
        <>
          <h2 id="edit-heading">{t('staff.updates.edit')}</h2>
          <UpdateFormExport {...props} action={base} />
        </>
      )}
    </>
  );
}

function UpdateFormExport(props: Parameters<typeof UpdatePage>[0] & { action: string }) {
  return (
    <UpdateForm
      i18n={props.i18n}
      csrf={props.csrf}
      action={props.action}
      statement={props.statement}
      authoritative={props.authoritative}
      values={props.values}
      error={props.error}
      submit={props.i18n.t('staff.updates.save')}
    />
  );
}
