import { DIGEST_HOURS } from '../digest.js';
import type { I18n } from '../../i18n/i18n.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import { CsrfField, Field, describedBy } from './staff-page.js';

/** The page an invitation or reset link opens: the account's address, and a new password. */
export function PasswordLinkPage(props: {
  t: I18n['t'];
  title: string;
  csrf: string;
  token: string;
  email: string;
  error?: string | undefined;
}) {
  const { t, error } = props;
  return (
    <>
      <h1>{props.title}</h1>
      <p>{t('staff.link.intro', { email: props.email })}</p>
      <form method="post" action="/admin/password-link">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <Field
          id="password"
          label={t('staff.field.newPassword')}
          hint={t('staff.field.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          error={error}
        >
          <input
            type="password"
            id="password"
            name="password"
            required
            minlength={MIN_PASSWORD_LENGTH}
            autocomplete="new-password"
            aria-describedby={describedBy('password', true, error)}
          />
        </Field>
        <button type="submit">{t('staff.link.submit')}</button>
      </form>
    </>
  );
}

/** "Forgot your password?": one field; the answer never says whether the address has an account. */
export function ForgotPage(props: { t: I18n['t']; csrf: string; email: string; error?: string | undefined }) {
  const { t, error } = props;
  return (
    <>
      <h1>{t('staff.forgot.title')}</h1>
      <p>{t('staff.forgot.intro')}</p>
      <form method="post" action="/admin/forgot">
        <CsrfField token={props.csrf} />
        <Field id="email" label={t('staff.field.email')} error={error}>
          <input
            type="email"
            id="email"
            name="email"
            value={props.email}
            required
            autocomplete="username"
            aria-describedby={describedBy('email', false, error)}
          />
        </Field>
        <button type="submit">{t('staff.forgot.submit')}</button>
      </form>
      <p>
        <a href="/admin/login">{t('staff.forgot.back')}</a>
      </p>
    </>
  );
}

/** One's own account: who one is, and a password change (the current password first). */
export function OwnAccountPage(props: {
  i18n: I18n;
  csrf: string;
  me: { name: string; email: string; role: string; lastLogin: Date | null; digestAfterHours: number | null };
  errors: Record<string, string>;
}) {
  const { i18n, errors } = props;
  const t = i18n.t;
  return (
    <>
      <h1>{t('staff.own.title')}</h1>
      <dl class="facts">
        <dt>{t('staff.field.name')}</dt>
        <dd>{props.me.name}</dd>
        <dt>{t('staff.field.email')}</dt>
        <dd>{props.me.email}</dd>
        <dt>{t('staff.field.role')}</dt>
        <dd>{props.me.role}</dd>
      </dl>
      <h2>{t('staff.own.changePassword')}</h2>
      <form method="post" action="/admin/account">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="username" value={props.me.email} autocomplete="username" />
        <Field id="current" label={t('staff.own.current')} error={errors.current}>
          <input
            type="password"
            id="current"
            name="current"
            required
            autocomplete="current-password"
            aria-describedby={describedBy('current', false, errors.current)}
          />
        </Field>
        <Field
          id="password"
          label={t('staff.own.new')}
          hint={t('staff.field.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          error={errors.password}
        >
          <input
            type="password"
            id="password"
            name="password"
            required
            minlength={MIN_PASSWORD_LENGTH}
            autocomplete="new-password"
            aria-describedby={describedBy('password', true, errors.password)}
          />
        </Field>
        <p class="hint">{t('staff.own.othersEnd')}</p>
        <button type="submit">{t('staff.own.submit')}</button>
      </form>
      <h2 id="digest">{t('staff.own.digest.heading')}</h2>
      <form method="post" action="/admin/account/digest">
        <CsrfField token={props.csrf} />
        <Field
          id="after"
          label={t('staff.own.digest.label')}
          hint={t('staff.own.digest.hint')}
          error={errors.after}
        >
          <select id="after" name="after" aria-describedby={describedBy('after', true, errors.after)}>
            <option value="off" selected={props.me.digestAfterHours === null}>
              {t('staff.own.digest.off')}
            </option>
            {DIGEST_HOURS.map((h) => (
              <option value={String(h)} selected={props.me.digestAfterHours === h}>
                {i18n.duration(h, 'hour')}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('staff.own.digest.submit')}</button>
      </form>
    </>
  );
}
