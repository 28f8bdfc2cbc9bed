import type { Statement } from '../../db/database.js';
import { ENDORSEMENT_SOURCES, ORG_TYPES } from '../../db/database.js';
import { countryOptions } from '../../endorsements/countries.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import { LOCALES } from '../../i18n/i18n.js';
import { isEmbargoed } from '../../statements/rules.js';
import { toDateTimeLocal } from '../statement-admin.js';
import { typeLabel } from './labels.js';
import { TableWrap } from '../../views/table-wrap.js';
import { CsrfField, describedBy, Field } from './staff-page.js';

type Errors = Record<string, string>;

/**
 * The statement editor's launch box (README "Launching a statement"): the embargo's date, and
 * "Launch now" while the statement is under embargo.
 */
export function LaunchPanel(props: {
  i18n: I18n;
  csrf: string;
  statement: Statement;
  error?: string | undefined;
}) {
  const { i18n, statement } = props;
  const t = i18n.t;
  const base = `/admin/statements/${statement.id}`;
  const embargoed = isEmbargoed(statement);
  return (
    <section aria-labelledby="launch-heading">
      <h2 id="launch-heading">{t('staff.launch.heading')}</h2>
      <p>
        {statement.launched_at
          ? t('staff.launch.launched', { date: i18n.dateTime(statement.launched_at) })
          : embargoed && statement.launch_at
            ? t('staff.launch.embargoed', { date: i18n.dateTime(statement.launch_at) })
            : t('staff.launch.none')}
      </p>
      {statement.launched_at ? null : (
        <form method="post" action={`${base}/launch-at`}>
          <CsrfField token={props.csrf} />
          <Field
            id="launch_at"
            label={t('staff.launch.launchAt')}
            hint={t('staff.launch.hint')}
            error={props.error}
          >
            <input
              type="datetime-local"
              id="launch_at"
              name="launch_at"
              value={toDateTimeLocal(statement.launch_at)}
              aria-describedby={describedBy('launch_at', true, props.error)}
            />
          </Field>
          <button type="submit" class="secondary">
            {t('staff.launch.save')}
          </button>
        </form>
      )}
      {embargoed ? (
        <form method="post" action={`${base}/launch`}>
          <CsrfField token={props.csrf} />
          <button type="submit">{t('staff.launch.now')}</button>
        </form>
      ) : null}
    </section>
  );
}

/** Links to the pages where staff enter endorsements (the editor and the endorsements list show them). */
export function EnterLinks(props: { i18n: I18n; statementId: number }) {
  const t = props.i18n.t;
  const base = `/admin/statements/${props.statementId}`;
  return (
    <>
      <a href={`${base}/add`}>{t('staff.add.link')}</a> ·{' '}
      <a href={`${base}/import`}>{t('staff.import.link')}</a>
    </>
  );
}

/** The initiator switch on one endorsement (the endorsements list). */
export function InitiatorForm(props: { i18n: I18n; csrf: string; id: number; initiator: boolean }) {
  const t = props.i18n.t;
  return (
    <form method="post" action={`/admin/endorsements/${props.id}/initiator`} class="inline-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="initiator" value={props.initiator ? 'no' : 'yes'} />
      {props.initiator ? <strong>{t('staff.initiator.badge')} </strong> : null}
      <button type="submit" class="secondary small">
        {props.initiator ? t('staff.initiator.unmark') : t('staff.initiator.mark')}
      </button>
    </form>
  );
}

export const ADD_FIELDS = [
  'org_name',
  'org_type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'locale',
  'source',
  'evidence',
  'initiator',
  'mode',
] as const;
export type AddValues = Record<(typeof ADD_FIELDS)[number], string>;

/** "Add an endorsement": the public form's fields, how it came, the evidence, and what to do. */
export function AddEndorsementPage(props: {
  i18n: I18n;
  csrf: string;
  statementId: number;
  title: string;
  values: AddValues;
  errors: Errors;
}) {
  const { i18n, values, errors } = props;
  const t = i18n.t;
  const text = (name: keyof AddValues, label: MessageKey, opts: { type?: string; hint?: string } = {}) => (
    <Field id={`a-${name}`} label={t(label)} hint={opts.hint} error={errors[name]}>
      <input
        type={opts.type ?? 'text'}
        id={`a-${name}`}
        name={name}
        value={values[name]}
        aria-describedby={describedBy(`a-${name}`, opts.hint, errors[name])}
      />
    </Field>
  );
  return (
    <>
      <h1>{t('staff.add.title')}</h1>
      <p class="muted">{props.title}</p>
      <p>{t('staff.add.intro')}</p>
      <form method="post" action={`/admin/statements/${props.statementId}/add`} novalidate>
        <CsrfField token={props.csrf} />
        {text('org_name', 'endorse.field.org_name')}
        <Field id="a-org_type" label={t('endorse.field.org_type')} error={errors.org_type}>
          <select
            id="a-org_type"
            name="org_type"
            aria-describedby={describedBy('a-org_type', false, errors.org_type)}
          >
            <option value="">—</option>
            {ORG_TYPES.map((x) => (
              <option value={x} selected={values.org_type === x}>
                {typeLabel(t, x)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="a-country" label={t('endorse.field.country')} error={errors.country}>
          <select
            id="a-country"
            name="country"
            aria-describedby={describedBy('a-country', false, errors.country)}
          >
            <option value="">—</option>
            {countryOptions(i18n.locale).map((o) => (
              <option value={o.code} selected={values.country === o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        {text('city', 'endorse.field.city')}
        {text('website', 'endorse.field.website')}
        {text('members', 'endorse.field.members')}
        {text('contact_name', 'endorse.field.contact_name')}
        {text('contact_role', 'endorse.field.contact_role')}
        {text('email', 'endorse.field.email', { type: 'email', hint: t('staff.add.emailHint') })}
        <Field id="a-locale" label={t('staff.field.locale')} error={errors.locale}>
          <select id="a-locale" name="locale">
            {LOCALES.map((l) => (
              <option value={l} selected={values.locale === l}>
                {i18n.languageName(l)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="a-source" label={t('staff.add.source')} error={errors.source}>
          <select
            id="a-source"
            name="source"
            aria-describedby={describedBy('a-source', false, errors.source)}
          >
            {ENDORSEMENT_SOURCES.map((s) => (
              <option value={s} selected={values.source === s}>
                {t(`staff.add.source.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="a-evidence" label={t('staff.add.evidence')} error={errors.evidence}>
          <textarea
            id="a-evidence"
            name="evidence"
            rows={3}
            aria-describedby={describedBy('a-evidence', false, errors.evidence)}
          >
            {values.evidence}
          </textarea>
        </Field>
        <div class="field">
          <label class="check" for="a-initiator">
            <input
              type="checkbox"
              id="a-initiator"
              name="initiator"
              value="yes"
              checked={values.initiator === 'yes'}
            />
            <span>{t('staff.add.initiator')}</span>
          </label>
        </div>
        <fieldset class="choices">
          <legend class="label">{t('staff.add.mode')}</legend>
          <label class="check" for="a-mode-verify">
            <input
              type="radio"
              id="a-mode-verify"
              name="mode"
              value="verify"
              checked={values.mode !== 'link'}
            />
            <span>{t('staff.add.mode.verify')}</span>
          </label>
          <label class="check" for="a-mode-link">
            <input type="radio" id="a-mode-link" name="mode" value="link" checked={values.mode === 'link'} />
            <span>{t('staff.add.mode.link')}</span>
          </label>
        </fieldset>
        <button type="submit">{t('staff.add.submit')}</button>
      </form>
    </>
  );
}

export interface ImportPreview {
  csv: string;
  mode: 'verify' | 'link';
  add: Array<{ line: number; name: string; country: string; initiator: boolean }>;
  skip: Array<{ line: number; name: string; reason: 'listed' | 'pending' }>;
  problems: string[];
}

/** The import page: upload, then a preview of what will be added and skipped, or every problem. */
export function ImportPage(props: {
  i18n: I18n;
  csrf: string;
  statementId: number;
  title: string;
  preview?: ImportPreview | undefined;
  error?: string | undefined;
}) {
  const { i18n, preview } = props;
  const t = i18n.t;
  const action = `/admin/statements/${props.statementId}/import`;
  return (
    <>
      <h1>{t('staff.import.title')}</h1>
      <p class="muted">{props.title}</p>
      <p>{t('staff.import.intro')}</p>
      <form method="post" action={action} enctype="multipart/form-data">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="action" value="preview" />
        <Field id="i-file" label={t('staff.import.file')} error={props.error}>
          <input
            type="file"
            id="i-file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy('i-file', false, props.error)}
          />
        </Field>
        <div class="field">
          <label class="check" for="i-links">
            <input
              type="checkbox"
              id="i-links"
              name="send_links"
              value="yes"
              checked={preview?.mode === 'link'}
            />
            <span>{t('staff.import.sendLinks')}</span>
          </label>
        </div>
        <button type="submit" class="secondary">
          {t('staff.import.preview')}
        </button>
      </form>
      {preview ? <Preview i18n={i18n} csrf={props.csrf} action={action} preview={preview} /> : null}
    </>
  );
}

function Preview(props: { i18n: I18n; csrf: string; action: string; preview: ImportPreview }) {
  const { i18n, preview } = props;
  const t = i18n.t;
  if (preview.problems.length) {
    return (
      <section aria-labelledby="import-errors" class="notice error" role="alert">
        <h2 id="import-errors">
          {t('staff.import.errors', { count: i18n.number(preview.problems.length) })}
        </h2>
        <ul>
          {preview.problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <>
      <h2>{t('staff.import.add', { count: i18n.number(preview.add.length) })}</h2>
      {preview.add.length ? (
        <TableWrap label={t('staff.import.add', { count: i18n.number(preview.add.length) })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.import.line')}</th>
                <th scope="col">{t('endorse.field.org_name')}</th>
                <th scope="col">{t('endorse.field.country')}</th>
                <th scope="col">{t('staff.initiator.badge')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.add.map((r) => (
                <tr>
                  <td>{r.line}</td>
                  <td>{r.name}</td>
                  <td>{i18n.country(r.country)}</td>
                  <td>{r.initiator ? '✓' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="notice">{t('staff.import.nothing')}</p>
      )}
      {preview.skip.length ? (
        <>
          <h2>{t('staff.import.skip', { count: i18n.number(preview.skip.length) })}</h2>
          <ul>
            {preview.skip.map((s) => (
              <li>
                {t('staff.import.line')} {s.line}: {s.name} — {t(`staff.import.reason.${s.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.add.length ? (
        <form method="post" action={props.action} enctype="multipart/form-data">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="action" value="confirm" />
          <input type="hidden" name="send_links" value={preview.mode === 'link' ? 'yes' : ''} />
          <textarea name="csv" hidden aria-hidden="true">
            {preview.csv}
          </textarea>
          <button type="submit">
            {t('staff.import.confirm', { count: i18n.number(preview.add.length) })}
          </button>
        </form>
      ) : null}
    </>
  );
}
