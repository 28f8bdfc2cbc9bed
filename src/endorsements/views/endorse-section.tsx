import type { Child } from 'hono/jsx';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import { ORG_TYPES, type Statement } from '../../db/database.js';
import { countryOptions } from '../countries.js';
import { HONEYPOT_FIELD, LIMITS, type FormField } from '../form-schema.js';
import { PowFields } from '../../security/pow-fields.js';
import type { PowRequirement } from '../../security/pow.js';

/** What the form shows after a failed submission: the values typed and the problem per field. */
export interface EndorseFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Why the form came back without a field in error (sent before proof-of-work was switched on). */
  notice?: string;
}

/** Order of the error summary = order of the fields on the page. */
const ORDER: FormField[] = [
  'org_name',
  'org_type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'authorised',
  'comment',
];

const fieldId = (name: string) => `f-${name}`;

interface Ctx {
  t: I18n['t'];
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** ids for aria-describedby: the hint, then the error, so a screen reader reads both. */
function describedBy(c: Ctx, name: string, hint: boolean): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', c.errors[name] ? `${fieldId(name)}-error` : ''].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

function Field(props: {
  c: Ctx;
  name: FormField;
  hint?: MessageKey | undefined;
  optional?: boolean;
  children: Child;
}) {
  const { c, name } = props;
  const error = c.errors[name];
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={fieldId(name)}>
        {c.t(`endorse.field.${name}` as MessageKey)}
        {props.optional ? <span class="hint-inline muted"> {c.t('endorse.optional')}</span> : null}
      </label>
      {props.hint ? (
        <span class="hint" id={`${fieldId(name)}-hint`}>
          {c.t(props.hint)}
        </span>
      ) : null}
      {error ? (
        <span class="error-text" id={`${fieldId(name)}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/** A one-line text input with its label, hint, error and the attributes phones and autofill use. */
function TextField(props: {
  c: Ctx;
  name: FormField;
  hint?: MessageKey;
  optional?: boolean;
  type?: string;
  autocomplete: string;
  inputmode?: 'numeric' | 'url' | 'email' | 'text';
  maxlength: number;
  spellcheck?: boolean;
  autocapitalize?: 'none' | 'off';
}) {
  const { c, name } = props;
  return (
    <Field c={c} name={name} hint={props.hint} optional={props.optional ?? false}>
      <input
        type={props.type ?? 'text'}
        id={fieldId(name)}
        name={name}
        value={c.values[name] ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        required={!props.optional}
        spellcheck={props.spellcheck === false ? false : undefined}
        autocapitalize={props.autocapitalize}
        aria-describedby={describedBy(c, name, !!props.hint)}
        aria-invalid={c.errors[name] ? 'true' : undefined}
      />
    </Field>
  );
}

/**
 * The endorsement form under the statement (README "Endorsing a statement"). Plain HTML POST, no JavaScript needed;
 * `novalidate` so problems are explained by the server, in the page's language, next to each field.
 */
export function EndorseSection(props: {
  i18n: I18n;
  statement: Statement;
  accepting: boolean;
  form?: EndorseFormState | undefined;
  pow?: PowRequirement | undefined;
}) {
  const { i18n, statement } = props;
  const { t } = i18n;
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  const c: Ctx = { t, values, errors };
  const locale = i18n.locale;
  const errorList = ORDER.filter((f) => errors[f]);
  const typeError = errors.org_type;
  return (
    // After a failed submission the page's URL ends in #endorse (the form's action): the error
    // summary then carries that id, and browsers move focus to a focusable fragment target, so the
    // summary is focused and read out first, with or without JavaScript.
    <section
      id={errorList.length || props.form?.notice ? undefined : 'endorse'}
      class="slot"
      aria-labelledby="endorse-heading"
    >
      <h2 id="endorse-heading">{t('statement.endorseHeading')}</h2>
      {!props.accepting ? (
        // A draft is not "closed": it has not opened yet (seen only in the staff preview).
        <p class="notice">{t(statement.status === 'draft' ? 'statement.draftForm' : 'statement.closed')}</p>
      ) : (
        <form
          method="post"
          action={`/s/${statement.slug}/endorse?lang=${locale}#endorse`}
          novalidate
          class="endorse-form"
          data-pow-difficulty={props.pow ? String(props.pow.difficulty) : undefined}
          data-pow-url={props.pow ? `/s/${statement.slug}/pow` : undefined}
        >
          {errorList.length ? (
            <div
              class="error-summary"
              role="alert"
              id="endorse"
              tabindex={-1}
              aria-labelledby="error-summary-title"
            >
              <h2 id="error-summary-title">{t('endorse.errorSummary')}</h2>
              <ul>
                {errorList.map((f) => (
                  <li>
                    <a href={`#${fieldId(f)}`}>{errors[f]}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {props.form?.notice && !errorList.length ? (
            <p class="notice warn" role="alert" id="endorse" tabindex={-1}>
              {props.form.notice}
            </p>
          ) : null}
          <p>
            {statement.publish_on === 'confirmed' ? t('endorse.introConfirmed') : t('endorse.introVerified')}
          </p>
          <p class="muted">{t('endorse.requiredNote')}</p>
          <input type="hidden" name="locale" value={locale} />

          <fieldset>
            <legend>{t('endorse.orgHeading')}</legend>
            <TextField
              c={c}
              name="org_name"
              hint="endorse.hint.org_name"
              autocomplete="organization"
              maxlength={LIMITS.orgNameMax + 20}
            />

            <div class={typeError ? 'field invalid' : 'field'}>
              <fieldset
                class="choices"
                aria-describedby={typeError ? `${fieldId('org_type')}-error` : undefined}
              >
                <legend class="label">{t('endorse.field.org_type')}</legend>
                {typeError ? (
                  <span class="error-text" id={`${fieldId('org_type')}-error`}>
                    {typeError}
                  </span>
                ) : null}
                {ORG_TYPES.map((type, i) => (
                  <label class="check" for={i === 0 ? fieldId('org_type') : `${fieldId('org_type')}-${type}`}>
                    <input
                      type="radio"
                      name="org_type"
                      id={i === 0 ? fieldId('org_type') : `${fieldId('org_type')}-${type}`}
                      value={type}
                      checked={values.org_type === type}
                      required
                      aria-invalid={typeError ? 'true' : undefined}
                    />
                    <span>{t(`endorse.type.${type}` as MessageKey)}</span>
                  </label>
                ))}
              </fieldset>
            </div>

            <Field c={c} name="country" hint="endorse.hint.country">
              <select
                id={fieldId('country')}
                name="country"
                autocomplete="country"
                required
                aria-describedby={describedBy(c, 'country', true)}
                aria-invalid={errors.country ? 'true' : undefined}
              >
                <option value="">{t('endorse.countryChoose')}</option>
                {countryOptions(locale).map((o) => (
                  <option value={o.code} selected={(values.country ?? '').toUpperCase() === o.code}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
            <TextField
              c={c}
              name="city"
              optional
              autocomplete="address-level2"
              maxlength={LIMITS.city + 20}
            />
            <TextField
              c={c}
              name="website"
              optional
              hint="endorse.hint.website"
              autocomplete="url"
              inputmode="url"
              spellcheck={false}
              autocapitalize="none"
              maxlength={LIMITS.website + 20}
            />
            <TextField
              c={c}
              name="members"
              optional
              hint="endorse.hint.members"
              autocomplete="off"
              inputmode="numeric"
              maxlength={20}
            />
          </fieldset>

          <fieldset>
            <legend>{t('endorse.contactHeading')}</legend>
            <p class="hint">{t('endorse.contactIntro')}</p>
            <TextField c={c} name="contact_name" autocomplete="name" maxlength={LIMITS.contactName + 20} />
            <TextField
              c={c}
              name="contact_role"
              optional
              hint="endorse.hint.contact_role"
              autocomplete="organization-title"
              maxlength={LIMITS.contactRole + 20}
            />
            <TextField
              c={c}
              name="email"
              type="email"
              hint="endorse.hint.email"
              autocomplete="email"
              inputmode="email"
              spellcheck={false}
              autocapitalize="none"
              maxlength={LIMITS.email + 20}
            />
            <Field c={c} name="comment" optional hint="endorse.hint.comment">
              <textarea
                id={fieldId('comment')}
                name="comment"
                rows={4}
                maxlength={LIMITS.comment + 100}
                aria-describedby={describedBy(c, 'comment', true)}
                aria-invalid={errors.comment ? 'true' : undefined}
              >
                {values.comment ?? ''}
              </textarea>
            </Field>
          </fieldset>

          <div class={errors.authorised ? 'field invalid' : 'field'}>
            {errors.authorised ? (
              <span class="error-text" id={`${fieldId('authorised')}-error`}>
                {errors.authorised}
              </span>
            ) : null}
            <label class="check" for={fieldId('authorised')}>
              <input
                type="checkbox"
                id={fieldId('authorised')}
                name="authorised"
                value="yes"
                checked={!!values.authorised}
                required
                aria-describedby={errors.authorised ? `${fieldId('authorised')}-error` : undefined}
                aria-invalid={errors.authorised ? 'true' : undefined}
              />
              <span>{t('endorse.field.authorised')}</span>
            </label>
          </div>
          <div class="field">
            <label class="check" for={fieldId('updates')}>
              <input
                type="checkbox"
                id={fieldId('updates')}
                name="updates"
                value="yes"
                checked={!!values.updates}
              />
              <span>{t('endorse.field.updates')}</span>
            </label>
          </div>

          <div class="hp" aria-hidden="true">
            <label for={fieldId(HONEYPOT_FIELD)}>{t('endorse.honeypot')}</label>
            <input
              type="text"
              id={fieldId(HONEYPOT_FIELD)}
              name={HONEYPOT_FIELD}
              value=""
              tabindex={-1}
              autocomplete="off"
            />
          </div>

          {props.pow ? <PowFields i18n={i18n} pow={props.pow} /> : null}
          <button type="submit" disabled={props.pow ? true : undefined}>
            {t('endorse.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
