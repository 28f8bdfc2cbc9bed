import type { I18n } from '../../i18n/i18n.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import { CsrfField, Field, describedBy } from './staff-page.js';

export interface SetupValues {
  name: string;
  email: string;
}

/** The first admin's account form, reached through the one-time link. */
export function SetupPage(props: {
  t: I18n['t'];
  csrf: string;
  token: string;
  values: SetupValues;
  errors: Record<string, string>;
}) {
  const { t, errors } = props;
  return (
    <>
      <h1>{t('staff.setup.title')}</h1>
      <p>{t('staff.setup.intro')}</p>
      <form method="post" action="/admin/setup">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        <Field id="name" label={t('staff.field.name')} error={errors.name}>
          <input
            type="text"
            id="name"
            name="name"
            value={props.values.name}
            required
            maxlength={100}
            autocomplete="name"
            aria-describedby={describedBy('name', false, errors.name)}
          />
        </Field>
        <Field id="email" label={t('staff.field.email')} error={errors.email}>
          <input
            type="email"
            id="email"
            name="email"
            value={props.values.email}
            required
            autocomplete="username"
            aria-describedby={describedBy('email', false, errors.email)}
          />
        </Field>
        <Field
          id="password"
          label={t('staff.field.newPassword')}
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
        <button type="submit">{t('staff.setup.submit')}</button>
      </form>
    </>
  );
}
