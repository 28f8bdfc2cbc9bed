import type { I18n } from '../../i18n/i18n.js';
import { CsrfField, Field } from './staff-page.js';

/** Sign-in form. The same message for an unknown email and a wrong password. */
export function LoginPage(props: {
  t: I18n['t'];
  csrf: string;
  email: string;
  next: string;
  error?: string | undefined;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('staff.login.title')}</h1>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/login">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <Field id="email" label={t('staff.field.email')}>
          <input
            type="email"
            id="email"
            name="email"
            value={props.email}
            autocomplete="username"
            required
            autofocus
          />
        </Field>
        <Field id="password" label={t('staff.field.password')}>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </Field>
        <button type="submit">{t('staff.login.submit')}</button>
      </form>
      <p>
        <a href="/admin/forgot">{t('staff.login.forgot')}</a>
      </p>
    </>
  );
}
