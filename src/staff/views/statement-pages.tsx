import { LOCALES } from '../../i18n/i18n.js';
import { EnterLinks, LaunchPanel } from './launch-pages.js';
import { raw } from 'hono/html';
import type { Statement, StatementText } from '../../db/database.js';
import { PUBLISH_ON, STATEMENT_STATUSES } from '../../db/database.js';
import type { I18n } from '../../i18n/i18n.js';
import { toZonedInput } from '../time-zone.js';
import { CsrfField, Field, describedBy } from './staff-page.js';
import { suggestSlug } from '../statement-admin.js';
import { statementStatusLabel } from './labels.js';

/** Languages offered for translations (README "Languages"): the interface languages of the full product. */
/** Languages a statement text may be written in: those the public interface speaks. */
export const STATEMENT_LANGUAGES = LOCALES;

type T = I18n['t'];
type Errors = Record<string, string | undefined>;

function PublishOnField(props: { t: T; value: string; error?: string | undefined }) {
  const { t } = props;
  return (
    <Field
      id="publish_on"
      label={t('staff.field.publishOn')}
      hint={t('staff.field.publishOnHint')}
      error={props.error}
    >
      <select
        id="publish_on"
        name="publish_on"
        aria-describedby={describedBy('publish_on', true, props.error)}
      >
        {PUBLISH_ON.map((p) => (
          <option value={p} selected={p === props.value}>
            {t(p === 'verified' ? 'staff.publishOn.verified' : 'staff.publishOn.confirmed')}
          </option>
        ))}
      </select>
    </Field>
  );
}

function ClosesAtField(props: { t: T; value: string; tz: string; error?: string | undefined }) {
  const { t } = props;
  return (
    <Field
      id="closes_at"
      label={t('staff.form.closesAtIn', { zone: props.tz })}
      hint={t('staff.field.closesAtHint')}
      error={props.error}
    >
      <input type="hidden" name="tz" value={props.tz} />
      <input
        type="datetime-local"
        id="closes_at"
        name="closes_at"
        value={props.value}
        aria-describedby={describedBy('closes_at', true, props.error)}
      />
    </Field>
  );
}

function TextFields(props: {
  t: T;
  title: string;
  body: string;
  errors: Errors;
  lang?: string | undefined;
  action: string;
}) {
  const { t, errors } = props;
  return (
    <>
      <Field id="title" label={t('staff.field.title')} error={errors.title}>
        <input
          type="text"
          id="title"
          name="title"
          value={props.title}
          required
          maxlength={300}
          lang={props.lang}
          aria-describedby={describedBy('title', false, errors.title)}
        />
      </Field>
      <BodyField t={t} body={props.body} errors={errors} lang={props.lang} action={props.action} />
    </>
  );
}

/**
 * The Markdown body and the Save / Preview buttons. Preview posts to the form's address with
 * #preview, so the browser lands on the preview below the form instead of the top of the page.
 */
function BodyField(props: { t: T; body: string; errors: Errors; lang?: string | undefined; action: string }) {
  const { t, errors } = props;
  return (
    <>
      <Field id="body" label={t('staff.field.body')} hint={t('staff.field.bodyHint')} error={errors.body}>
        <textarea
          id="body"
          name="body"
          rows={18}
          required
          lang={props.lang}
          aria-describedby={describedBy('body', true, errors.body)}
        >
          {props.body}
        </textarea>
      </Field>
      <p>
        <button type="submit" name="action" value="save">
          {t('staff.action.save')}
        </button>{' '}
        <button
          type="submit"
          name="action"
          value="preview"
          class="secondary"
          formaction={`${props.action}#preview`}
        >
          {t('staff.action.preview')}
        </button>
      </p>
    </>
  );
}

/** Minor or substantive, and what changed (sent to endorsers when substantive). */
function ChangeKind(props: { t: T; change: { kind: string; summary: string }; errors: Errors }) {
  const { t, errors } = props;
  return (
    <>
      <fieldset class="choices">
        <legend class="label">{t('staff.text.change.legend')}</legend>
        {(['minor', 'substantive'] as const).map((kind) => (
          <label class="check" for={`change-${kind}`}>
            <input
              type="radio"
              id={`change-${kind}`}
              name="change"
              value={kind}
              checked={props.change.kind === kind}
            />
            <span>{t(`staff.text.change.${kind}`)}</span>
          </label>
        ))}
      </fieldset>
      <Field
        id="summary"
        label={t('staff.text.change.summary')}
        hint={t('staff.text.change.summaryHint')}
        error={errors.summary}
      >
        <textarea
          id="summary"
          name="summary"
          rows={4}
          maxlength={2000}
          aria-describedby={describedBy('summary', true, errors.summary)}
        >
          {props.change.summary}
        </textarea>
      </Field>
    </>
  );
}

/** The server-rendered preview of Markdown (no JavaScript needed). */
function Preview(props: { t: T; html: string | undefined; title: string; lang?: string }) {
  if (props.html === undefined) {
    return null;
  }
  return (
    <section class="preview" id="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{props.t('staff.statement.previewHeading')}</h2>
      <article class="card statement" lang={props.lang}>
        <h1>{props.title}</h1>
        <div class="statement-body">{raw(props.html)}</div>
      </article>
    </section>
  );
}

export interface NewStatementValues {
  slug: string;
  locale: string;
  title: string;
  body: string;
  publish_on: string;
  closes_at: string;
}

/** A new statement starts as a draft with its first (authoritative) text. */
export function NewStatementPage(props: {
  t: T;
  tz: string;
  languageName: (code: string) => string;
  csrf: string;
  values: NewStatementValues;
  errors: Errors;
  preview?: string | undefined;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <h1>{t('staff.statement.new')}</h1>
      <p>{t('staff.statement.newIntro')}</p>
      <form method="post" action="/admin/statements/new">
        <CsrfField token={props.csrf} />
        <Field id="title" label={t('staff.field.title')} error={errors.title}>
          <input
            type="text"
            id="title"
            name="title"
            value={values.title}
            required
            maxlength={300}
            lang={values.locale || undefined}
            aria-describedby={describedBy('title', false, errors.title)}
          />
        </Field>
        <Field
          id="slug"
          label={t('staff.field.slug')}
          hint={t('staff.form.slugSuggested', { example: suggestSlug(values.title) || 'fair-deal-for-care' })}
          error={errors.slug}
        >
          <input
            type="text"
            id="slug"
            name="slug"
            value={values.slug}
            maxlength={80}
            pattern="[a-z0-9][a-z0-9\-]*"
            placeholder={suggestSlug(values.title) || undefined}
            aria-describedby={describedBy('slug', true, errors.slug)}
          />
        </Field>
        <Field id="locale" label={t('staff.field.locale')} error={errors.locale}>
          <select id="locale" name="locale" aria-describedby={describedBy('locale', false, errors.locale)}>
            {STATEMENT_LANGUAGES.map((l) => (
              <option value={l} selected={l === values.locale} lang={l}>
                {props.languageName(l)}
              </option>
            ))}
          </select>
        </Field>
        <PublishOnField t={t} value={values.publish_on} error={errors.publish_on} />
        <ClosesAtField t={t} value={values.closes_at} tz={props.tz} error={errors.closes_at} />
        <BodyField
          t={t}
          body={values.body}
          errors={errors}
          lang={values.locale || undefined}
          action="/admin/statements/new"
        />
      </form>
      <Preview t={t} html={props.preview} title={values.title} lang={values.locale} />
    </>
  );
}

/** Settings, texts and translations of one statement. */
export function StatementEditPage(props: {
  i18n: I18n;
  tz: string;
  csrf: string;
  statement: Statement;
  texts: StatementText[];
  title: string;
  errors: Errors;
  now: Date;
}) {
  const { i18n, statement, texts, errors } = props;
  const t = i18n.t;
  const authoritative = texts.find((x) => x.authoritative)?.locale ?? statement.default_locale;
  const missing = STATEMENT_LANGUAGES.filter((l) => !texts.some((x) => x.locale === l));
  const base = `/admin/statements/${statement.id}`;
  return (
    <>
      <h1>{props.title}</h1>
      <p>
        <a href={`${base}/queue`}>{t('staff.statement.queueLink')}</a> ·{' '}
        <a href={`${base}/preview`}>{t('staff.statement.preview')}</a> ·{' '}
        <a href={`${base}/endorsements.csv`}>{t('staff.export.link')}</a> ·{' '}
        <a href={`/admin/audit?statement=${statement.id}`}>{t('staff.audit.forStatement')}</a> ·{' '}
        <a href={`${base}/updates`}>{t('staff.updates.link')}</a> ·{' '}
        {statement.version > 1 ? (
          <>
            <a href={`${base}/amendment`}>{t('staff.amend.link')}</a> ·{' '}
          </>
        ) : null}
        <EnterLinks i18n={i18n} statementId={statement.id} />
        {statement.status !== 'draft' ? (
          <>
            {' · '}
            <a href={`/s/${statement.slug}`}>{t('staff.statement.publicPage')}</a>
          </>
        ) : null}
      </p>
      <p class="open-actions">
        {statement.status === 'open' ? (
          <a class="button" href={`${base}/live`}>
            {t('staff.live.link')}
          </a>
        ) : (
          <a class="button" href={`${base}/open`}>
            {t('staff.open.link')}
          </a>
        )}
      </p>
      {statement.status === 'open' && statement.closes_at && statement.closes_at <= props.now ? (
        <p class="notice warn">
          {t('staff.statement.closedByDate', { date: i18n.dateTime(statement.closes_at) })}
        </p>
      ) : null}
      <h2 id="settings">{t('staff.statement.settings')}</h2>
      <form method="post" action={base}>
        <CsrfField token={props.csrf} />
        <Field
          id="status"
          label={t('staff.field.status')}
          hint={t('staff.field.statusHint')}
          error={errors.status}
        >
          <select id="status" name="status" aria-describedby={describedBy('status', true, errors.status)}>
            {STATEMENT_STATUSES.map((s) => (
              <option value={s} selected={s === statement.status}>
                {statementStatusLabel(t, s)}
              </option>
            ))}
          </select>
        </Field>
        <PublishOnField t={t} value={statement.publish_on} error={errors.publish_on} />
        <ClosesAtField
          t={t}
          value={toZonedInput(statement.closes_at, props.tz)}
          tz={props.tz}
          error={errors.closes_at}
        />
        <Field
          id="authoritative"
          label={t('staff.field.authoritative')}
          hint={t('staff.field.authoritativeHint')}
          error={errors.authoritative}
        >
          <select
            id="authoritative"
            name="authoritative"
            aria-describedby={describedBy('authoritative', true, errors.authoritative)}
          >
            {texts.map((x) => (
              <option value={x.locale} selected={x.locale === authoritative}>
                {i18n.languageName(x.locale)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('staff.action.saveSettings')}</button>
      </form>
      <LaunchPanel i18n={i18n} csrf={props.csrf} statement={statement} />
      <h2 id="texts">{t('staff.statement.texts')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.field.locale')}</th>
              <th scope="col">{t('staff.field.title')}</th>
              <th scope="col">{t('staff.field.version')}</th>
            </tr>
          </thead>
          <tbody>
            {texts.map((x) => (
              <tr>
                <td>
                  {i18n.languageName(x.locale)}
                  {x.authoritative ? ` (${t('staff.statement.authoritativeMark')})` : ''}
                </td>
                <td lang={x.locale}>
                  <a href={`${base}/texts/${x.locale}`}>{x.title}</a>
                </td>
                <td>
                  <time datetime={x.updated_at.toISOString()} title={x.version}>
                    {t('staff.form.versionOf', { date: i18n.dateTime(x.updated_at) })}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length ? (
        <>
          <h3>{t('staff.statement.addTranslation')}</h3>
          <ul class="inline-list">
            {missing.map((l) => (
              <li>
                <a href={`${base}/texts/${l}`} hreflang={l}>
                  {i18n.languageName(l)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Edit (or add) one language's text, with a preview; saving a changed text makes a new version. */
export function TextEditorPage(props: {
  i18n: I18n;
  csrf: string;
  statement: Statement;
  locale: string;
  exists: boolean;
  authoritative: boolean;
  title: string;
  body: string;
  errors: Errors;
  preview?: string | undefined;
  endorsements: number;
  /** Replacing the authoritative text asks: minor or substantive (README "Amending a statement"). */
  change?: { kind: string; summary: string } | undefined;
  /** The authoritative text, shown beside a translation being written. */
  original?: { locale: string; title: string; body: string } | undefined;
}) {
  const { i18n, statement, errors } = props;
  const t = i18n.t;
  const language = i18n.languageName(props.locale);
  return (
    <>
      <p>
        <a href={`/admin/statements/${statement.id}`}>{t('staff.statement.back')}</a>
      </p>
      <h1>
        {props.exists ? t('staff.text.editTitle', { language }) : t('staff.text.addTitle', { language })}
      </h1>
      {props.authoritative && props.endorsements > 0 ? (
        <p class="notice warn">
          {t('staff.text.newVersionWarning', { count: i18n.number(props.endorsements) })}
        </p>
      ) : null}
      <div class={props.original ? 'side-by-side' : undefined}>
        {props.original ? (
          <aside class="original" aria-labelledby="original-heading" lang={props.original.locale}>
            <h2 id="original-heading" lang={i18n.locale}>
              {t('staff.form.original', { language: i18n.languageName(props.original.locale) })}
            </h2>
            <p class="original-title">
              <strong>{props.original.title}</strong>
            </p>
            <pre class="original-body">{props.original.body}</pre>
          </aside>
        ) : null}
        <form method="post" action={`/admin/statements/${statement.id}/texts/${props.locale}`}>
          <CsrfField token={props.csrf} />
          {props.exists && props.authoritative ? (
            <ChangeKind t={t} change={props.change ?? { kind: 'minor', summary: '' }} errors={errors} />
          ) : null}
          <TextFields
            t={t}
            title={props.title}
            body={props.body}
            errors={errors}
            lang={props.locale}
            action={`/admin/statements/${statement.id}/texts/${props.locale}`}
          />
        </form>
      </div>
      <Preview t={t} html={props.preview} title={props.title} lang={props.locale} />
    </>
  );
}
